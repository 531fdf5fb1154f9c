import RuleEngine
import Tokenization
import VNText
import XCTest

final class ExplainTests: XCTestCase {
  private func explain(_ set: RuleSet, _ text: String, rule: String? = nil) -> String {
    let n = Normalizer().normalize(text)
    return set.explain(n, tokens: Tokenizer().tokenize(n), rule: rule)
  }

  func testExplain_showsStagesMatchesAndConflicts() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: far
          pattern: '"kiến nghị" []{0,6} x:MONEY'
          emit: {target: x, metric: recovery_recommended}
        - id: near
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
      """))
    let out = explain(set, "kiến nghị thu hồi 5 tỷ đồng")
    XCTAssertTrue(out.hasPrefix("== normalized text (27 characters)\nkiến nghị thu hồi 5 tỷ đồng\n\n== tokens (5)\n"), out)
    XCTAssertTrue(out.contains("    4  money       18..<27     \"5 tỷ đồng\"  = 5000000000 VND"), out)
    XCTAssertTrue(out.contains("far  (test.yaml:2)  tokens 0..<5  \"kiến nghị thu hồi 5 tỷ đồng\"\n    x = \"5 tỷ đồng\"  tokens 4..<5"), out)
    XCTAssertTrue(out.contains("→ money 18..<27 \"5 tỷ đồng\" {metric: recovery_recommended}  [LOST to near]"), out)
    XCTAssertTrue(out.contains("lost to near: money 18..<27 \"5 tỷ đồng\" {metric: recovered}  (closer context: 3 tokens against 5)"), out)
    XCTAssertTrue(out.hasSuffix("== annotations (1)\nmoney 18..<27 \"5 tỷ đồng\" {metric: recovered}  by near"), out)
  }

  func testExplainRule_showsWhereItFailed() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: v
          pattern: '"phát hiện" ("sai phạm" | "vi phạm") []{0,2} x:MONEY'
          emit: {target: x, metric: violation_amount}
      """))
    let out = explain(set, "phát hiện thiếu sót 5 tỷ đồng; phát hiện sai phạm 2 tỷ đồng", rule: "v")
    XCTAssertTrue(out.contains("== rule v  (test.yaml:2)\npattern: \"phát hiện\" (\"sai phạm\" | \"vi phạm\") []{0,2} x:MONEY"), out)
    XCTAssertTrue(out.contains("at token 0 \"phát\": matched \"phát hiện\", then failed at token 2 \"thiếu\": expected \"sai phạm\" (test.yaml:3:28) or \"vi phạm\" (test.yaml:3:41)"), out)
    XCTAssertTrue(out.contains("at token 6 \"phát\": matched tokens 6..<11 \"phát hiện sai phạm 2 tỷ đồng\""), out)
  }

  func testExplainRule_neverTried() throws {
    let set = try XCTUnwrap(makeRuleSet("rules:\n  - id: v\n    pattern: '\"xuất toán\" x:MONEY'\n    emit: {target: x, metric: other_handling}\n"))
    XCTAssertTrue(explain(set, "thu hồi 5 tỷ đồng", rule: "v").hasSuffix("never tried: no token can start it (it starts with \"xuất toán\")"))
  }
}
