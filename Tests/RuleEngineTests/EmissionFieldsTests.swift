@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// An annotation's fields are built in the emission's order (prebuilt once when no capture is
/// involved); when a name is given twice they are built in order, the later one winning. All
/// ways give the documented result.
final class EmissionFieldsTests: XCTestCase {
  func testDistinctNames_literalsCapturesAndMetric() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p.name
          pattern: '"ông" name:CAP title:CAP?'
          emit: {type: person, span: name, fields: {name: $name, title: $title, source: "test"}}
        - id: m.fine
          pattern: '"phạt" amount:MONEY'
          emit: {target: amount, metric: fine, fields: {note: "n"}}
      """))
    XCTAssertTrue(set.rules[0].emissions[0].distinctNames)
    XCTAssertNil(set.rules[0].emissions[0].constant, "a capture: built per match")
    XCTAssertEqual(set.rules[1].emissions[0].constant, ["note": "n", "metric": "fine"])
    XCTAssertEqual(annotateRendered(set, "Gặp ông Minh hôm qua"), ["person[Minh]{name=Minh,source=test}"])
    XCTAssertEqual(annotateRendered(set, "Gặp ông Minh Hùng"), ["person[Minh]{name=Minh,source=test,title=Hùng}"])
    XCTAssertEqual(annotateRendered(set, "bị phạt 5 triệu đồng"), ["money[5 triệu đồng]{metric=fine,note=n}"])
  }

  /// An emission whose span is a capture inside an optional part is made only when that part
  /// matched (`person.title_name` emits a second name this way); the others are made as usual.
  func testEmissionWithAnUnsetSpanCapture_isNotMade() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p.pair
          pattern: '"ông" name:CAP ("và" name2:CAP)?'
          emit:
            - {type: person, span: name, fields: {name: $name}}
            - {type: person, span: name2, fields: {name: $name2}}
      """))
    XCTAssertEqual(annotateRendered(set, "gặp ông Minh hôm qua"), ["person[Minh]{name=Minh}"])
    XCTAssertEqual(
      annotateRendered(set, "gặp ông Minh và Hùng hôm qua"), ["person[Minh]{name=Minh}", "person[Hùng]{name=Hùng}"])
  }

  func testRepeatedName_whenARoleNamesAFieldMetric() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: m.fine
          pattern: '"phạt" amount:MONEY'
          emit: {target: amount, metric: fine, fields: {metric: "other", note: "n"}}
      """))
    XCTAssertFalse(set.rules[0].emissions[0].distinctNames)
    XCTAssertNil(set.rules[0].emissions[0].constant)
    XCTAssertEqual(annotateRendered(set, "bị phạt 5 triệu đồng"), ["money[5 triệu đồng]{metric=fine,note=n}"])
  }

  func testAnnotationFields_behaveLikeADictionary() {
    var f: AnnotationFields = ["name": "Minh", "title": "Chánh Thanh tra"]
    XCTAssertEqual(f["name"], "Minh")
    XCTAssertNil(f["kind"])
    XCTAssertEqual(f.keys, ["name", "title"])
    f["name"] = "Hùng"
    XCTAssertEqual(f.keys, ["name", "title"], "replacing keeps the place")
    XCTAssertEqual(f["name"], "Hùng")
    f["title"] = nil
    XCTAssertEqual(f.count, 1)
    f["kind"] = "x"
    XCTAssertEqual(f.map { "\($0.key)=\($0.value)" }, ["name=Hùng", "kind=x"])
    // Equality and hashing ignore order, as a dictionary's do.
    let a: AnnotationFields = ["a": "1", "b": "2"], b: AnnotationFields = ["b": "2", "a": "1"]
    XCTAssertEqual(a, b)
    XCTAssertEqual(a.hashValue, b.hashValue)
    XCTAssertNotEqual(a, ["a": "1", "b": "3"])
    XCTAssertNotEqual(a, ["a": "1"])
    XCTAssertEqual(b.description, #"["a": "1", "b": "2"]"#)
    XCTAssertEqual(AnnotationFields().description, "[:]")
  }

  /// A capture's text is kept as the scalars it spans and reads, compares and hashes as the
  /// string it stands for.
  func testCapturedText_isKeptAsScalarsAndReadsAsAString() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p.name
          pattern: '"ông" name:CAP{1,3}'
          emit: {type: person, span: name, fields: {name: $name, source: "test"}}
      """))
    let normalized = Normalizer().normalize("Gặp ông Nguyễn Văn Minh hôm qua")
    let hits = set.annotate(normalized, tokens: Tokenizer().tokenize(normalized))
    let fields = try XCTUnwrap(hits.first?.fields)
    guard case .scalars(let s)? = fields.value("name") else { return XCTFail("the name is not kept as scalars") }
    XCTAssertEqual(String(scalarValues: s), "Nguyễn Văn Minh")
    guard case .string("test")? = fields.value("source") else { return XCTFail("a literal is a string") }
    XCTAssertNil(fields.value("title"))
    XCTAssertTrue(fields.contains(field: "name") && fields.contains(field: "source"))
    XCTAssertFalse(fields.contains(field: "title"))
    XCTAssertEqual(fields["name"], "Nguyễn Văn Minh")
    let plain: AnnotationFields = ["source": "test", "name": "Nguyễn Văn Minh"]
    XCTAssertEqual(fields, plain)
    XCTAssertEqual(fields.hashValue, plain.hashValue)
    XCTAssertEqual(fields.description, plain.description)
    XCTAssertEqual(fields.map { "\($0.key)=\($0.value)" }, ["name=Nguyễn Văn Minh", "source=test"])
    var changed = fields
    changed["name"] = "Minh"
    XCTAssertEqual(changed["name"], "Minh")
    XCTAssertNotEqual(changed, plain)
  }
}
