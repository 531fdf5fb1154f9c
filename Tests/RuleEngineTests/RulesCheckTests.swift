import RuleEngine
import RuleLanguage
import XCTest

/// What `vnx rules check` reports: every error of the broken fixture folder in one run, each
/// with its own code, message and position.
final class RulesCheckTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path

  private var brokenDiagnostics: [Diagnostic] {
    let (set, diagnostics) = RuleSet.load(directory: Self.fixtures + "/broken")
    XCTAssertNil(set)
    return diagnostics
  }

  /// The diagnostic of `code` in `file`, rendered relative to the fixture folder.
  private func find(_ code: String, _ file: String) -> String? {
    brokenDiagnostics.first { $0.code == code && $0.file.hasSuffix(file) }.map {
      "\(($0.file as NSString).lastPathComponent):\($0.line):\($0.column): [\($0.code)] \($0.message)"
    }
  }

  func testEveryErrorIsReportedInOneRun() {
    XCTAssertEqual(brokenDiagnostics.count, 11, brokenDiagnostics.map(\.rendered).joined(separator: "\n"))
    XCTAssertTrue(brokenDiagnostics.allSatisfy(\.isError))
  }

  func testYAMLSyntaxError() {
    XCTAssertEqual(
      find("R001", "a_yaml_syntax.yaml"),
      "a_yaml_syntax.yaml:5:1: [R001] YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 3, column 14)")
  }

  func testUnknownKey() {
    XCTAssertEqual(find("R002", "b_unknown_key.yaml"), "b_unknown_key.yaml:5:5: [R002] unknown key 'priorty'; did you mean 'priority'?")
  }

  func testMultiSyllableLiteralInOneTokenSlot() {
    XCTAssertEqual(
      find("R011", "c_pattern_errors.yaml"),
      "c_pattern_errors.yaml:3:16: [R011] literal \"phát hiện\" has 2 tokens but '!' takes exactly one token")
  }

  func testUnknownTokenClass_columnInsideThePattern() {
    XCTAssertEqual(
      find("R012", "c_pattern_errors.yaml"),
      "c_pattern_errors.yaml:6:32: [R012] unknown token class 'MONY'; did you mean 'MONEY'?")
  }

  func testUnknownCaptureInEmit() {
    XCTAssertEqual(
      find("R013", "c_pattern_errors.yaml"),
      "c_pattern_errors.yaml:10:20: [R013] unknown capture 'amonut' in emit (captures: amount)")
  }

  func testMissingGazetteerFile() {
    XCTAssertEqual(
      find("R014", "c_pattern_errors.yaml"),
      "c_pattern_errors.yaml:12:17: [R014] gazetteer file 'provnces.txt' not found under the rules folder")
  }

  func testUnknownMacro() {
    XCTAssertEqual(
      find("R015", "c_pattern_errors.yaml"),
      "c_pattern_errors.yaml:15:15: [R015] unknown macro '%NAMEE'; did you mean '%NAME'?")
  }

  func testRulesThatCanNeverMatch() {
    let never = brokenDiagnostics.filter { $0.code == "R016" }.map { "\($0.line):\($0.column): \($0.message)" }
    XCTAssertEqual(never, [
      "18:15: empty pattern: it can never match",
      "21:28: repetition {3,1} can never match: the minimum is above the maximum",
      "24:15: rule 'broken.optional' can match empty text, so it never matches anything: every part of the pattern is optional",
    ])
  }

  func testDuplicateRuleID() {
    XCTAssertEqual(
      find("R017", "d_duplicate.yaml"),
      "d_duplicate.yaml:4:9: [R017] duplicate rule id 'broken.key' (first at \(Self.fixtures)/broken/b_unknown_key.yaml:2:9)")
  }

  func testRenderedFormat() {
    let d = brokenDiagnostics.first { $0.code == "R012" }!
    XCTAssertTrue(d.rendered.hasSuffix("c_pattern_errors.yaml:6:32: error: [R012] unknown token class 'MONY'; did you mean 'MONEY'?"))
  }

  func testMacroCycleAndDuplicateMacro() {
    let d = diagnose("""
      macros:
        A: '%B'
        B: '%A "x"'
      rules:
        - id: r
          pattern: '%A'
          emit: {type: x}
      """)
    XCTAssertTrue(d.contains { $0.code == "R015" && $0.message.contains("uses itself") }, d.map(\.rendered).joined(separator: "\n"))
    let (_, dup) = RuleSet.load(sources: [
      RuleSource(path: "a.yaml", text: "macros:\n  N: 'CAP'\n"),
      RuleSource(path: "b.yaml", text: "macros:\n  N: 'UPPER'\n"),
    ])
    XCTAssertEqual(dup.map(\.code), ["R015"])
    XCTAssertEqual(dup.first?.file, "b.yaml")
  }

  func testRoleTargetMustBeOneTypedToken() {
    let d = diagnose("rules:\n  - id: r\n    pattern: 'x:CAP'\n    emit: {target: x, metric: m}\n")
    XCTAssertEqual(d.map(\.code), ["R019"])
  }

  func testMissingFolder() {
    let (set, d) = RuleSet.load(directory: "/nonexistent/rules")
    XCTAssertNil(set)
    XCTAssertEqual(d.map(\.code), ["R030"])
  }

  func testGoodFixtureFolderCompiles() throws {
    let (set, d) = RuleSet.load(directory: Self.fixtures + "/inspection")
    XCTAssertEqual(d.map(\.rendered), [])
    XCTAssertEqual(set?.ruleCount, 8)
  }
}
