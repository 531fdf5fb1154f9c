import RuleLanguage
import XCTest

final class PatternParserTests: XCTestCase {
  private func parse(_ text: String) -> (PatternElement?, [PatternProblem]) { PatternParser.parse(text) }

  func testSequence_literalGapCapture() throws {
    let (e, problems) = parse(#""phát hiện" []{0,6} amount:MONEY"#)
    XCTAssertEqual(problems, [])
    guard case .sequence(let xs)? = e?.kind else { return XCTFail("expected a sequence") }
    XCTAssertEqual(xs.count, 3)
    XCTAssertEqual(xs[0].kind, .literal("phát hiện", .caseInsensitive))
    XCTAssertEqual(xs[1].kind, .repetition(PatternElement(.anyToken, offset: 12, length: 2), min: 0, max: 6, lazy: false))
    guard case .capture("amount", let inner) = xs[2].kind else { return XCTFail("expected a capture") }
    XCTAssertEqual(inner.kind, .tokenClass("MONEY"))
    XCTAssertEqual(xs[2].offset, 20)
  }

  func testLiteralModes_prefixes() {
    let (e, problems) = parse(#"~"phat hien" ="Bộ""#)
    XCTAssertEqual(problems, [])
    guard case .sequence(let xs)? = e?.kind else { return XCTFail() }
    XCTAssertEqual(xs[0].kind, .literal("phat hien", .diacriticInsensitive))
    XCTAssertEqual(xs[1].kind, .literal("Bộ", .caseSensitive))
  }

  func testAlternativesOptionalLazyGlued() {
    let (e, problems) = parse(#"("sai phạm" | "vi phạm") "được"? CAP{1,3}? <NUMBER "-" UPPER> @provinces %NAME !"không""#)
    XCTAssertEqual(problems, [])
    guard case .sequence(let xs)? = e?.kind else { return XCTFail() }
    XCTAssertEqual(xs.count, 7)
    if case .alternatives(let alts) = xs[0].kind { XCTAssertEqual(alts.count, 2) } else { XCTFail("alternatives") }
    if case .repetition(_, 0, 1, false) = xs[1].kind {} else { XCTFail("optional") }
    if case .repetition(_, 1, 3, true) = xs[2].kind {} else { XCTFail("lazy repetition") }
    if case .glued = xs[3].kind {} else { XCTFail("glued") }
    XCTAssertEqual(xs[4].kind, .gazetteer("provinces"))
    XCTAssertEqual(xs[5].kind, .macro("NAME"))
    if case .negation = xs[6].kind {} else { XCTFail("negation") }
  }

  func testUnknownClass_reportedAtItsOffsetWithHint() {
    let (_, problems) = parse(#""thu hồi" amount:MONY"#)
    XCTAssertEqual(problems.map(\.code), [.unknownClass])
    XCTAssertEqual(problems.first?.offset, 17)
    XCTAssertTrue(problems.first?.message.contains("did you mean 'MONEY'") ?? false)
  }

  func testMultiSyllableLiteralInOneTokenSlot() {
    let (_, problems) = parse(#"!"phát hiện" MONEY"#)
    XCTAssertEqual(problems.map(\.code), [.multiTokenLiteralInSingleSlot])
    XCTAssertEqual(problems.first?.offset, 1)
  }

  func testNeverMatching_emptyAndInvertedBounds() {
    XCTAssertEqual(parse("").1.map(\.code), [.neverMatches])
    XCTAssertEqual(parse("   ").1.map(\.code), [.neverMatches])
    let (_, p) = parse("CAP{3,1}")
    XCTAssertEqual(p.map(\.code), [.neverMatches])
    XCTAssertEqual(p.first?.offset, 3)
    XCTAssertEqual(parse(#""""#).1.map(\.code), [.neverMatches])
  }

  func testUnboundedRepetition_isAnError() {
    XCTAssertEqual(parse("CAP*").1.map(\.code), [.unboundedRepetition])
    XCTAssertEqual(parse("CAP+").1.map(\.code), [.unboundedRepetition])
    XCTAssertEqual(parse("CAP{2,}").1.map(\.code), [.unboundedRepetition])
    XCTAssertEqual(parse("CAP{1,99}").1.map(\.code), [.unboundedRepetition])
  }

  func testSyntaxErrors_unterminatedStringMissingParenBareWord() {
    XCTAssertEqual(parse(#""phát hiện MONEY"#).1.map(\.code), [.patternSyntax])
    XCTAssertEqual(parse(#"("a" | "b" MONEY"#).1.map(\.code), [.patternSyntax])
    let (_, p) = parse(#""a" phát"#)
    XCTAssertEqual(p.map(\.code), [.patternSyntax])
    XCTAssertEqual(p.first?.offset, 4)
  }

  func testLiteralSplitter_punctuationAndGlue() {
    XCTAssertEqual(
      LiteralSplitter.split("TP.HCM").map(\.text), ["TP", ".", "HCM"])
    XCTAssertEqual(LiteralSplitter.split("TP.HCM").map(\.glued), [false, true, true])
    XCTAssertEqual(LiteralSplitter.split("phát  hiện").map(\.glued), [false, false])
    XCTAssertEqual(LiteralSplitter.split("20/CT-TTg").map(\.text), ["20", "/", "CT", "-", "TTg"])
  }
}
