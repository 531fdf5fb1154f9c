import RuleEngine
import XCTest

final class SmokeTests: XCTestCase {
  func testMoneyRole_gapBeforeAmount() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money.violation
          pattern: '"phát hiện" ("sai phạm" | "vi phạm") []{0,6} amount:MONEY'
          emit: {target: amount, metric: violation_amount}
      """))
    XCTAssertEqual(
      annotateRendered(set, "phát hiện sai phạm về kinh tế 46.237 triệu đồng, kiến nghị thu hồi 44.759 triệu đồng"),
      ["money[46.237 triệu đồng]{metric=violation_amount}"])
  }
}
