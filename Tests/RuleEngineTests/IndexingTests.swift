@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// Behaviour that depends on how rules are indexed and compiled, not only on the pattern.
final class IndexingTests: XCTestCase {
  /// A repetition is compiled as copies of its body; their token sets (one-token alternatives,
  /// branch filters) are stored once per program, not once per copy, and matching is unchanged.
  func testUnrolledRepetition_sharesItsTokenSets() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: t.a
          pattern: '"ông" ("a" | "b" | NUMBER | ("c" | "d")){0,8} x:CAP'
          emit: {type: person, span: x}
      """))
    let program = set.rules[0].program
    XCTAssertEqual(Set(program.tokenSets).count, program.tokenSets.count)
    XCTAssertLessThanOrEqual(program.tokenSets.count, 4)
    XCTAssertEqual(annotateRendered(set, "ông a 3 d b c a Lan đến"), ["person[Lan]{}"])
    XCTAssertEqual(annotateRendered(set, "ông Lan"), ["person[Lan]{}"])
    XCTAssertEqual(annotateRendered(set, "ông a e Lan"), [])
  }

  /// The same on the project's rule pack, where `%TITLE_PIECE{0,10}` inside `%TITLE_AFTER` made
  /// over 15 000 copies of a few hundred sets (megabytes that the matcher read from all over
  /// memory): a bound on the sets kept, so that a change that stops sharing them fails here.
  func testRulePack_keepsFewTokenSets() throws {
    let rules = try projectRuleSet()
    let kept = rules.rules.reduce(0) { $0 + $1.program.tokenSets.count }
    XCTAssertLessThan(kept, 4_000, "token sets kept over all programs")  // 2 508 on 2026-12-07
  }

  func testLeftContextRule_isFoundThroughTheTokenAfterIt() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: binh_duong
          pattern: '(NL | !="Thái") p:="Bình Dương"'
          emit: {type: province, span: p, fields: {name: $p}}
      """))
    XCTAssertEqual(annotateRendered(set, "tại Bình Dương"), ["province[Bình Dương]{name=Bình Dương}"])
    XCTAssertEqual(annotateRendered(set, "Thái Bình Dương"), [])
    XCTAssertEqual(annotateRendered(set, "x\nBình Dương"), ["province[Bình Dương]{name=Bình Dương}"])
  }

  /// A gazetteer's entries of two or more tokens are indexed by their first two tokens, its
  /// one-token entries by their token: the rule finds every entry but is not tried at a first
  /// token that no second one follows.
  func testGazetteerRule_isTriedOnlyWhereAnEntryCanStart() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: org
          pattern: 'org:@orgs'
          emit: {type: organization, span: org}
      """, gazetteers: ["orgs": "Bộ Tài chính\nBộ Công an\nThanh tra\nHuế\n"]))
    XCTAssertEqual(
      annotateRendered(set, "Bộ Tài chính, Bộ Công an và Huế; bộ phận thanh tra"),
      [
        "organization[Bộ Tài chính]{}", "organization[Bộ Công an]{}", "organization[Huế]{}",
        "organization[thanh tra]{}",
      ])
    let normalized = Normalizer().normalize("bộ phận, bộ môn, bộ Tài chính")
    var counters = MatchCounters()
    XCTAssertEqual(set.annotate(normalized, tokens: Tokenizer().tokenize(normalized), counters: &counters).count, 1)
    XCTAssertEqual(counters.attempts, 1)
  }

  /// A rule that starts with a case-sensitive capitalized literal is tried only at tokens of
  /// that shape: not at the common word "lại" for the surname ="Lại".
  func testCapitalizedFirstLiteral_isTriedOnlyAtCapitalizedTokens() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p
          pattern: 'n:((="Lại" | ="Lê" | "ông") CAP)'
          emit: {type: person, span: n}
      """))
    let normalized = Normalizer().normalize("lại Văn, lê Văn, Lại Văn, LÊ Văn, ông Ba")
    var counters = MatchCounters()
    let found = set.annotate(normalized, tokens: Tokenizer().tokenize(normalized), counters: &counters)
    XCTAssertEqual(found.map { normalized.string($0.start..<$0.end) }, ["Lại Văn", "ông Ba"])
    XCTAssertEqual(counters.attempts, 2)
    // Likewise the token after a left context.
    let context = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: p
          pattern: '(NL | ",") p:="Hòa Bình"'
          emit: {type: province, span: p}
      """))
    let text = Normalizer().normalize("hòa bình, hòa bình, Hòa Bình")
    var contextCounters = MatchCounters()
    XCTAssertEqual(
      context.annotate(text, tokens: Tokenizer().tokenize(text), counters: &contextCounters).map {
        text.string($0.start..<$0.end)
      }, ["Hòa Bình"])
    XCTAssertEqual(contextCounters.attempts, 1)
  }

  /// A rule that starts with a one-token class followed by keys only is tried where a token of
  /// the class is followed by one of the keys, not at every token of the class.
  func testClassThenKeys_isTriedOnlyWhereBothOccur() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: n
          pattern: 'n:NUMBER ("đột xuất" | "theo")'
          emit: {type: n, span: n}
      """))
    let normalized = Normalizer().normalize("12 đột xuất, 13 người, 14 theo, 15")
    var counters = MatchCounters()
    let found = set.annotate(normalized, tokens: Tokenizer().tokenize(normalized), counters: &counters)
    XCTAssertEqual(found.map { normalized.string($0.start..<$0.end) }, ["12", "14"])
    XCTAssertEqual(counters.attempts, 2)
    XCTAssertEqual(set.classPairMask, ClassBit.number.mask)
    XCTAssertTrue(set.startClassRows.row(ClassBit.number.rawValue).isEmpty)
  }

  func testLazyRepetition_leavesTheNameWhole() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: greedy
          pattern: '="Phó" title:(CAP | "tra"){0,5} name:CAP{2,4} "cho"'
          emit: {type: greedy, span: name}
        - id: lazy
          pattern: '="Phó" title:(CAP | "tra"){0,5}? name:CAP{2,4} "cho"'
          emit: {type: lazy, span: name}
      """))
    let out = annotateRendered(set, "Phó Tổng Thanh tra Lê Sỹ Bảy cho biết")
    XCTAssertTrue(out.contains("greedy[Sỹ Bảy]{}"), "\(out)")
    XCTAssertTrue(out.contains("lazy[Lê Sỹ Bảy]{}"), "\(out)")
  }

  func testLongAlternativeOfSyllables_caseSensitiveSet() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      macros:
        SURNAME: '(="Nguyễn" | ="Trần" | ="Lê" | ="Phạm")'
      rules:
        - id: p
          pattern: '"ông" n:(%SURNAME CAP{1,2})'
          emit: {type: person, span: n}
      """))
    XCTAssertEqual(annotateRendered(set, "ông Lê Bảy"), ["person[Lê Bảy]{}"])
    XCTAssertEqual(annotateRendered(set, "ông lê Bảy"), [])
    XCTAssertEqual(annotateRendered(set, "ông Hồ Bảy"), [])
  }

  func testDocumentWithoutARequiredClass_skipsTheRuleButMatchesOthers() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: money
          pattern: '"thu hồi" x:MONEY'
          emit: {target: x, metric: recovered}
        - id: word
          pattern: '"thu hồi"'
          emit: {type: cue}
      """))
    XCTAssertEqual(annotateRendered(set, "thu hồi đất"), ["cue[thu hồi]{}"])
  }

  func testEmptyText() throws {
    let set = try XCTUnwrap(makeRuleSet("rules:\n  - id: r\n    pattern: 'MONEY'\n    emit: {type: m}\n"))
    XCTAssertEqual(set.annotate(Normalizer().normalize(""), tokens: []), [])
  }
}

final class TriedEverywhereWarningTests: XCTestCase {
  func testRuleStartingWithAGap_isAWarningNotAnError() {
    let (set, d) = RuleSet.load(sources: [
      RuleSource(path: "w.yaml", text: "rules:\n  - id: gap\n    pattern: '[]{0,2} x:MONEY'\n    emit: {target: x, metric: m}\n")
    ])
    XCTAssertNotNil(set)
    XCTAssertEqual(d.map(\.rendered), [
      "w.yaml:3:15: warning: [R040] rule 'gap' can start at any token, so it is tried at every token; start it with a literal, a class or a gazetteer"
    ])
  }
}

/// An anchor's window ends at a line break when nothing before it can match one
/// (`Anchor.inLine`).
final class LineBoundWindowTests: XCTestCase {
  /// A rule whose elements before the anchor cannot match a line break is not tried where its
  /// anchor lies beyond the next line break, even inside its window (an `NL` after the anchor
  /// does not change that); a rule that can match `NL` before it is tried.
  func testAnchorWindowsOfRulesThatCannotCrossALineEndThere() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: in_line
          pattern: '"thu hồi" []{0,8} amount:MONEY'
          emit: {target: amount, metric: recovered_amount}
        - id: across
          pattern: '"kiến nghị" ([] | NL){0,8} amount:MONEY'
          emit: {target: amount, metric: recommended_amount}
        - id: break_after
          pattern: '"nộp" []{0,8} amount:MONEY (NL | ".")'
          emit: {target: amount, metric: paid_amount}
      """))
    func attempts(_ text: String) -> (Int, [Annotation]) {
      let normalized = Normalizer().normalize(text)
      let tokens = Tokenizer().tokenize(normalized)
      var counters = MatchCounters()
      let found = set.annotate(normalized, tokens: tokens, counters: &counters)
      return (counters.attempts, found)
    }
    // Each sum on the line of its cue: all three are tried and match.
    let (sameLine, sameFound) = attempts("thu hồi 5 tỷ đồng\nnộp 1 tỷ đồng\nkiến nghị 2 tỷ đồng")
    XCTAssertEqual(sameLine, 3)
    XCTAssertEqual(sameFound.map(\.rule), ["in_line", "break_after", "across"])
    // Each sum after a line break: only the rule that can match one is tried, and matches.
    let (broken, brokenFound) = attempts("thu hồi\n5 tỷ đồng\nkiến nghị\n2 tỷ đồng\nnộp\n1 tỷ đồng\n")
    XCTAssertEqual(broken, 1)
    XCTAssertEqual(brokenFound.map(\.rule), ["across"])
  }
}
