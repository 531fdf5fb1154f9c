import RuleEngine
import XCTest

/// The conflict policy written in rules/README.md.
final class ConflictPolicyTests: XCTestCase {
  func testEntities_longestSpanWins() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: short
          pattern: '"Hà" "Giang"'
          emit: {type: province}
          priority: 9
        - id: long
          pattern: '"tỉnh" "Hà" "Giang"'
          emit: {type: province}
      """))
    XCTAssertEqual(annotateRendered(set, "tỉnh Hà Giang"), ["province[tỉnh Hà Giang]{}"])
  }

  func testEntities_samespan_priorityThenFileOrder() throws {
    let byPriority = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: first
          pattern: '"Hà" "Giang"'
          emit: {type: province, fields: {by: first}}
        - id: second
          pattern: '"Hà" "Giang"'
          emit: {type: province, fields: {by: second}}
          priority: 1
      """))
    XCTAssertEqual(annotateRendered(byPriority, "Hà Giang"), ["province[Hà Giang]{by=second}"])
    let byOrder = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: first
          pattern: '"Hà" "Giang"'
          emit: {type: province, fields: {by: first}}
        - id: second
          pattern: '"Hà" "Giang"'
          emit: {type: province, fields: {by: second}}
      """))
    XCTAssertEqual(annotateRendered(byOrder, "Hà Giang"), ["province[Hà Giang]{by=first}"])
  }

  func testEntities_differentTypesMayOverlap() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: org
          pattern: '"UBND" "tỉnh" "Cà" "Mau"'
          emit: {type: organization}
        - id: prov
          pattern: '"Cà" "Mau"'
          emit: {type: province}
      """))
    XCTAssertEqual(annotateRendered(set, "UBND tỉnh Cà Mau"), ["organization[UBND tỉnh Cà Mau]{}", "province[Cà Mau]{}"])
  }

  /// Output order: start, end, then the type's name and the rule's id (not file order). The
  /// engine compares indices into sorted name lists; this pins that to the names' order.
  func testOutputOrder_sameSpan_typeNameNotFileOrder() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: a.third
          pattern: '"Cà" "Mau"'
          emit: {type: province}
        - id: c.first
          pattern: '"Cà" "Mau"'
          emit: {type: legal_ref}
        - id: b.second
          pattern: '"Cà" "Mau"'
          emit: {type: organization}
        - id: d.money
          pattern: 'n:MONEY'
          emit: {target: n, metric: other}
      """))
    XCTAssertEqual(
      annotateRendered(set, "Cà Mau 5 tỷ đồng"),
      ["legal_ref[Cà Mau]{}", "organization[Cà Mau]{}", "province[Cà Mau]{}", "money[5 tỷ đồng]{metric=other}"])
  }

  func testRoles_priorityThenClosenessThenFileOrder() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: far
          pattern: '"kiến nghị" []{0,6} x:MONEY'
          emit: {target: x, metric: recovery_recommended}
        - id: near
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
      """))
    // Same priority: the closer cue wins.
    XCTAssertEqual(annotateRendered(set, "kiến nghị thu hồi 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=recovered}"])
    let prioritized = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: far
          pattern: '"kiến nghị" []{0,6} x:MONEY'
          emit: {target: x, metric: recovery_recommended}
          priority: 5
        - id: near
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
      """))
    XCTAssertEqual(annotateRendered(prioritized, "kiến nghị thu hồi 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=recovery_recommended}"])
    let tie = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: a
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: a}
        - id: b
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: b}
      """))
    XCTAssertEqual(annotateRendered(tie, "thu hồi 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=a}"])
  }
}
