import RuleLanguage
import XCTest

final class RuleFileParserTests: XCTestCase {
  func testRule_allKeys() {
    let yaml = """
      rules:
        - id: money.violation
          description: Số tiền sai phạm
          pattern: '"phát hiện" amount:MONEY'
          emit: {target: amount, metric: violation_amount}
          priority: 7
          examples:
            - "phát hiện [46.237 triệu đồng]"
            - text: "phát hiện [5 tỷ đồng]"
              fields: {metric: violation_amount}
          counterexamples:
            - "thu hồi 5 tỷ đồng"
      """
    let (file, diagnostics) = RuleFileParser.parse(path: "m.yaml", text: yaml)
    XCTAssertEqual(diagnostics, [])
    XCTAssertEqual(file.rules.count, 1)
    let r = file.rules[0]
    XCTAssertEqual(r.id, "money.violation")
    XCTAssertEqual(r.priority, 7)
    XCTAssertEqual(r.emits.first?.target, "amount")
    XCTAssertEqual(r.emits.first?.metric, "violation_amount")
    XCTAssertEqual(r.examples.count, 2)
    XCTAssertEqual(r.examples[0].text, "phát hiện 46.237 triệu đồng")
    XCTAssertEqual(r.examples[0].spans, [10..<27])
    XCTAssertEqual(r.examples[1].fields, ["metric": "violation_amount"])
    XCTAssertEqual(r.counterexamples.count, 1)
    XCTAssertEqual(r.location, SourceLocation(file: "m.yaml", line: 2, column: 9))
  }

  func testYAMLSyntaxError_hasPosition() {
    let (_, d) = RuleFileParser.parse(path: "bad.yaml", text: "rules:\n  - id: [x\n    pattern: y\n")
    XCTAssertEqual(d.count, 1)
    XCTAssertEqual(d.first?.code, "R001")
    XCTAssertEqual(d.first?.line, 3)
    XCTAssertTrue(d.first?.rendered.hasPrefix("bad.yaml:3:") ?? false, d.first?.rendered ?? "")
  }

  func testUnknownKey_pointsAtTheKey() {
    let yaml = "rules:\n  - id: a\n    pattern: 'MONEY'\n    emit: {type: x}\n    priorty: 2\n"
    let (_, d) = RuleFileParser.parse(path: "k.yaml", text: yaml)
    XCTAssertEqual(d.map(\.rendered), ["k.yaml:5:5: error: [R002] unknown key 'priorty'; did you mean 'priority'?"])
  }

  func testPatternColumn_singleQuoted_countsCharactersNotBytes() {
    // "phát hiện" has multi-byte letters before the bad class; the column counts characters.
    let yaml = "rules:\n  - id: a\n    pattern: '\"phát hiện\" x:MONY'\n    emit: {type: x}\n"
    let (_, d) = RuleFileParser.parse(path: "c.yaml", text: yaml)
    XCTAssertEqual(d.count, 1)
    // pattern value starts at column 15 (after the quote at 14); "MONY" is at offset 14 in it.
    XCTAssertEqual(d.first?.line, 3)
    XCTAssertEqual(d.first?.column, 15 + 14)
  }

  func testPatternColumn_doubleQuotedWithEscapes() {
    let yaml = "rules:\n  - id: a\n    pattern: \"\\\"thu\\\" x:MONY\"\n    emit: {type: x}\n"
    let (_, d) = RuleFileParser.parse(path: "c.yaml", text: yaml)
    XCTAssertEqual(d.count, 1)
    // Source: `    pattern: "\"thu\" x:MONY"` — the quote is at column 14, M at column 25.
    XCTAssertEqual(d.first?.column, 25)
  }

  func testPatternColumn_blockScalar() {
    let yaml = "rules:\n  - id: a\n    pattern: |\n      \"thu hồi\"\n        x:MONY\n    emit: {type: x}\n"
    let (_, d) = RuleFileParser.parse(path: "b.yaml", text: yaml)
    XCTAssertEqual(d.count, 1)
    XCTAssertEqual(d.first?.line, 5)
    XCTAssertEqual(d.first?.column, 11)
  }

  func testMissingIdPatternEmit_areReported() {
    let (_, d) = RuleFileParser.parse(path: "m.yaml", text: "rules:\n  - pattern: 'MONEY'\n  - id: b\n")
    XCTAssertEqual(d.map(\.code).sorted(), ["R003", "R003", "R019"])
  }

  func testExampleMarks_unbalancedIsAnError() {
    let yaml = "rules:\n  - id: a\n    pattern: 'MONEY'\n    emit: {type: x}\n    examples: ['a [b']\n"
    let (_, d) = RuleFileParser.parse(path: "e.yaml", text: yaml)
    XCTAssertEqual(d.map(\.code), ["R020"])
    XCTAssertEqual(ExampleSyntax.unmark(#"a \[b\] [c]"#)?.text, "a [b] c")
    XCTAssertEqual(ExampleSyntax.unmark(#"a \[b\] [c]"#)?.spans, [6..<7])
  }

  func testDiagnosticRendering() {
    let d = Diagnostic(code: "R012", message: "unknown token class 'MONY'", file: "rules/money.yaml", line: 12, column: 7)
    XCTAssertEqual(d.rendered, "rules/money.yaml:12:7: error: [R012] unknown token class 'MONY'")
  }
}
