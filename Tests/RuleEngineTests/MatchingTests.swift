import RuleEngine
import XCTest

/// Each pattern operator against real tokenizer output.
final class MatchingTests: XCTestCase {
  func testGap_isLazyAndTakesTheClosestAmount() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money.violation
          pattern: '"phát hiện" ("sai phạm" | "vi phạm") []{0,8} amount:MONEY'
          emit: {target: amount, metric: violation_amount}
      """))
    XCTAssertEqual(
      annotateRendered(set, "phát hiện sai phạm về kinh tế 46.237 triệu đồng, kiến nghị 44.759 triệu đồng"),
      ["money[46.237 triệu đồng]{metric=violation_amount}"])
  }

  func testGap_neverCrossesANewline() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: r
          pattern: '"phát hiện" []{0,8} amount:MONEY'
          emit: {target: amount, metric: violation_amount}
      """))
    XCTAssertEqual(annotateRendered(set, "phát hiện sai phạm\n46.237 triệu đồng"), [])
  }

  func testOptional_recoveredWithAndWithoutDuoc() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money.recovered
          pattern: '"đã" "thu hồi" "được"? amount:MONEY'
          emit: {target: amount, metric: recovered}
      """))
    XCTAssertEqual(annotateRendered(set, "đã thu hồi được 2.369 triệu đồng"), ["money[2.369 triệu đồng]{metric=recovered}"])
    XCTAssertEqual(annotateRendered(set, "Đã thu hồi 42.168 triệu đồng"), ["money[42.168 triệu đồng]{metric=recovered}"])
    XCTAssertEqual(annotateRendered(set, "đã thu được 42.168 triệu đồng"), [])
  }

  func testDiacriticInsensitiveAndCaseSensitiveLiterals() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: fold
          pattern: '~"phat hien" x:MONEY'
          emit: {target: x, metric: violation_amount}
        - id: exact
          pattern: '="Bộ" name:CAP'
          emit: {type: organization, fields: {name: $name}}
      """))
    XCTAssertEqual(annotateRendered(set, "Phát hiện 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=violation_amount}"])
    XCTAssertEqual(annotateRendered(set, "phạt hiến 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=violation_amount}"])
    XCTAssertEqual(annotateRendered(set, "Bộ Tài"), ["organization[Bộ Tài]{name=Tài}"])
    XCTAssertEqual(annotateRendered(set, "bộ Tài"), [])
  }

  func testPersonName_capRepetitionAndHonorificMacro() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      macros:
        NAME: 'CAP{2,4}'
        HON: '("ông" | "bà" | "đồng chí")'
      rules:
        - id: person
          pattern: '%HON name:%NAME'
          emit: {type: person, span: name, fields: {name: $name}}
      """))
    XCTAssertEqual(
      annotateRendered(set, "đồng chí Hồ Tiến Thiệu, Phó Bí thư"), ["person[Hồ Tiến Thiệu]{name=Hồ Tiến Thiệu}"])
    XCTAssertEqual(annotateRendered(set, "ông Bảy nói"), [])  // one capitalized syllable is not a name
  }

  func testGazetteer_longestEntryAndCanonicalForm() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: province
          pattern: 'p:@provinces'
          emit: {type: province, fields: {name: $p}}
      """, gazetteers: ["provinces": "# tỉnh\nHà\nHà Giang\nTP.HCM => Hồ Chí Minh\nThừa Thiên - Huế => Thừa Thiên Huế\n"]))
    XCTAssertEqual(
      annotateRendered(set, "Hà Giang và TP.HCM, Thừa Thiên - Huế"),
      ["province[Hà Giang]{name=Hà Giang}", "province[TP.HCM]{name=Hồ Chí Minh}",
       "province[Thừa Thiên - Huế]{name=Thừa Thiên Huế}"])
  }

  func testLegalRef_codeClassAndDateISO() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: legal
          pattern: 'kind:("Nghị quyết" | "Chỉ thị") "số" number:CODE ("ngày"? date:DATE)?'
          emit: {type: legal_ref, fields: {kind: $kind, number: $number, date: $date}}
        - id: law
          pattern: 'kind:="Luật" name:CAP "tra"'
          emit: {type: legal_ref, fields: {kind: Luật, name: $name}}
      """))
    XCTAssertEqual(
      annotateRendered(set, "Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023 của Ban"),
      ["legal_ref[Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023]{date=2023-01-16,kind=Nghị quyết,number=65-NQ/BCSĐ}"])
    XCTAssertEqual(
      annotateRendered(set, "thực hiện Chỉ thị số 20/CT-TTg."),
      ["legal_ref[Chỉ thị số 20/CT-TTg]{kind=Chỉ thị,number=20/CT-TTg}"])
    XCTAssertEqual(annotateRendered(set, "theo Luật Thanh tra"), ["legal_ref[Luật Thanh tra]{kind=Luật,name=Thanh}"])
  }

  func testGlued_requiresNoSpaces() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: code
          pattern: 'n:<NUMBER "-" UPPER>'
          emit: {type: code, fields: {n: $n}}
      """))
    XCTAssertEqual(annotateRendered(set, "số 65-NQ nhé"), ["code[65-NQ]{n=65-NQ}"])
    XCTAssertEqual(annotateRendered(set, "số 65 - NQ nhé"), [])
  }

  func testNegation_oneTokenThatIsNot() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: r
          pattern: '"thu hồi" !("không" | "chưa") x:MONEY'
          emit: {target: x, metric: recovered}
      """))
    XCTAssertEqual(annotateRendered(set, "thu hồi được 5 tỷ đồng"), ["money[5 tỷ đồng]{metric=recovered}"])
    XCTAssertEqual(annotateRendered(set, "thu hồi chưa 5 tỷ đồng"), [])
  }

  func testOptionalCapture_leavesFieldOut() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: r
          pattern: '"Chỉ thị" "số" n:CODE ("ngày" d:DATE)?'
          emit: {type: legal_ref, fields: {number: $n, date: $d}}
      """))
    XCTAssertEqual(annotateRendered(set, "Chỉ thị số 20/CT-TTg của"), ["legal_ref[Chỉ thị số 20/CT-TTg]{number=20/CT-TTg}"])
  }

  func testMacrosAreSharedAcrossFiles() throws {
    let (set, diagnostics) = RuleSet.load(sources: [
      RuleSource(path: "a/macros.yaml", text: "macros:\n  NAME: 'CAP{2,4}'\n"),
      RuleSource(path: "b/persons.yaml", text: "rules:\n  - id: p\n    pattern: '\"ông\" n:%NAME'\n    emit: {type: person, span: n, fields: {name: $n}}\n"),
    ])
    XCTAssertEqual(diagnostics, [])
    let s = try XCTUnwrap(set)
    XCTAssertEqual(annotateRendered(s, "ông Lê Sỹ Bảy"), ["person[Lê Sỹ Bảy]{name=Lê Sỹ Bảy}"])
  }

  func testAnnotate_isThreadSafe() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: r
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
      """))
    let expected = annotateRendered(set, "thu hồi 5 tỷ đồng và thu hồi 7 tỷ đồng")
    DispatchQueue.concurrentPerform(iterations: 32) { _ in
      XCTAssertEqual(annotateRendered(set, "thu hồi 5 tỷ đồng và thu hồi 7 tỷ đồng"), expected)
    }
  }
}
