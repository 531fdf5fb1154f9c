import RuleEngine
import XCTest

/// `vnx rules test`: examples and counterexamples in the rule files.
final class RuleTestRunnerTests: XCTestCase {
  func testInspectionFixture_allExamplesPass() throws {
    let set = try XCTUnwrap(RuleSet.load(directory: RulesCheckTests.fixtures + "/inspection").0)
    let report = set.runTests()
    XCTAssertEqual(report.rendered, "13 passed, 0 failed")
    XCTAssertTrue(report.succeeded)
  }

  func testFailures_renderFileLineAndWhy() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money.recovered
          pattern: '"đã" "thu hồi" amount:MONEY'
          emit: {target: amount, metric: recovered}
          examples:
            - "đã thu hồi [5 tỷ đồng]"
            - "đã thu hồi được [5 tỷ đồng]"
            - text: "đã thu hồi [5 tỷ đồng]"
              fields: {metric: violation_amount}
          counterexamples:
            - "đã thu hồi 7 tỷ đồng"
      """))
    let report = set.runTests()
    XCTAssertEqual(report.passed, 1)
    XCTAssertEqual(report.failed, 3)
    let lines = report.rendered.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.last, "1 passed, 3 failed")
    XCTAssertTrue(lines[0].hasPrefix("test.yaml:7:9: rule money.recovered: example \"đã thu hồi được 5 tỷ đồng\": expected an annotation on [5 tỷ đồng]; it emitted nothing; at token 0 \"đã\": matched \"đã thu hồi\", then failed at token 3 \"được\": expected MONEY (test.yaml:3:37)"), lines[0])
    XCTAssertEqual(lines[1], "test.yaml:8:9: rule money.recovered: example \"đã thu hồi 5 tỷ đồng\": field metric should be \"violation_amount\", got \"recovered\"")
    XCTAssertEqual(lines[2], "test.yaml:11:9: rule money.recovered: counterexample \"đã thu hồi 7 tỷ đồng\": the rule must not match, but it emitted money [7 tỷ đồng] {metric: recovered}")
  }

  func testExample_lostConflictNamesTheWinner() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: weak
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
          examples: ["thu hồi [5 tỷ đồng]"]
        - id: strong
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: other}
          priority: 3
      """))
    let report = set.runTests()
    XCTAssertEqual(report.failures.first?.message,
                   "example \"thu hồi 5 tỷ đồng\": [5 tỷ đồng] lost a conflict to rule strong (money [5 tỷ đồng] {metric: other})")
  }

  func testCounterexampleWithMark_onlyThatSpanIsForbidden() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: r
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
          counterexamples: ["phát hiện [1 tỷ đồng], thu hồi 2 tỷ đồng"]
      """))
    XCTAssertEqual(set.runTests().rendered, "1 passed, 0 failed")
  }
}
