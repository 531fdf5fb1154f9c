@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// An annotation's fields start from the emission's prebuilt template; when a name is given
/// twice there is no template and the fields are built in order. Both give the documented
/// result.
final class EmissionFieldsTests: XCTestCase {
  func testTemplate_literalsCapturesAndMetric() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p.name
          pattern: '"ông" name:CAP title:CAP?'
          emit: {type: person, span: name, fields: {name: $name, title: $title, source: "test"}}
        - id: m.fine
          pattern: '"phạt" amount:MONEY'
          emit: {target: amount, metric: fine, fields: {note: "n"}}
      """))
    XCTAssertNotNil(set.rules[0].emissions[0].template)
    XCTAssertNotNil(set.rules[1].emissions[0].template)
    XCTAssertEqual(annotateRendered(set, "Gặp ông Minh hôm qua"), ["person[Minh]{name=Minh,source=test}"])
    XCTAssertEqual(annotateRendered(set, "Gặp ông Minh Hùng"), ["person[Minh]{name=Minh,source=test,title=Hùng}"])
    XCTAssertEqual(annotateRendered(set, "bị phạt 5 triệu đồng"), ["money[5 triệu đồng]{metric=fine,note=n}"])
  }

  func testNoTemplate_whenARoleNamesAFieldMetric() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: m.fine
          pattern: '"phạt" amount:MONEY'
          emit: {target: amount, metric: fine, fields: {metric: "other", note: "n"}}
      """))
    XCTAssertNil(set.rules[0].emissions[0].template)
    XCTAssertEqual(annotateRendered(set, "bị phạt 5 triệu đồng"), ["money[5 triệu đồng]{metric=fine,note=n}"])
  }
}
