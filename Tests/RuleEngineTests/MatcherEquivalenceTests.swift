import Foundation
@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// `Matcher.run` executes a lowered form of each program (`Op`: jumps threaded, common atoms
/// with their own codes, filtered splits) after a quick check of the first atoms. This holds it to a plain reading of the pattern: a
/// backtracking interpreter over `Program.Instruction` that uses `Matcher.matchAtom` and
/// `Gazetteer.ends`, with no visited set, no filters and no lowering. Every rule of the
/// project's pack, at every token of a few corpus articles, must give the same match (end and
/// capture slots), or none in both.
final class MatcherEquivalenceTests: XCTestCase {
  /// The first match in preference order from `pc` at `pos`, as (end, slots); depth-first over
  /// the instructions exactly as written.
  static func reference(
    _ program: Program, _ gazetteers: [Gazetteer], _ doc: DocumentView, pc: Int, pos: Int, start: Int,
    slots: inout [Int], failed: inout Set<Int>
  ) -> Int? {
    // Failure of a state does not depend on the captures, so remembering failed states only
    // keeps the reference fast on long patterns; it decides nothing.
    let key = pc * (doc.count + 2) + pos
    if failed.contains(key) || pos - start > program.maxSpan { return nil }
    func go(_ pc: Int, _ pos: Int) -> Int? {
      reference(program, gazetteers, doc, pc: pc, pos: pos, start: start, slots: &slots, failed: &failed)
    }
    var result: Int?
    switch program.instructions[pc] {
    case .match: return pos
    case .jump(let t): result = go(t, pos)
    case .split(let a, let b): result = go(a, pos) ?? go(b, pos)
    case .save(let s):
      let old = slots[s]
      slots[s] = pos
      result = go(pc + 1, pos)
      if result == nil { slots[s] = old }
    case .glue: result = pos < doc.count && doc.touchesPrevious(pos) ? go(pc + 1, pos) : nil
    case .atom(let a):
      if case .gazetteer(let g) = program.atoms[a] {
        for end in gazetteers[g].ends(in: doc, at: pos) {
          if let r = go(pc + 1, end) {
            result = r
            break
          }
        }
      } else {
        let end = Matcher.matchAtom(program.atoms[a], program: program, doc: doc, at: pos)
        result = end >= 0 ? go(pc + 1, end) : nil
      }
    }
    if result == nil { failed.insert(key) }
    return result
  }

  /// What the plain interpreter finds for `rule` at `start`: the end (nil: no match) and the
  /// capture slots.
  static func reference(_ rule: CompiledRule, _ set: RuleSet, _ doc: DocumentView, start: Int) -> (end: Int?, slots: [Int]) {
    var slots = [Int](repeating: -1, count: 2 * rule.captureNames.count)
    var failed = Set<Int>()
    let end = reference(rule.program, set.gazetteers, doc, pc: 0, pos: start, start: start, slots: &slots, failed: &failed)
    return (end, slots)
  }

  /// Asserts that `match` is the reference's: the same end, or none in both, and the same slots
  /// when both matched. Returns whether both matched.
  @discardableResult
  static func assertSame(
    _ match: RuleMatch?, _ expected: (end: Int?, slots: [Int]), _ context: String, line: UInt = #line
  ) -> Bool {
    XCTAssertEqual(match?.end, expected.end, context, line: line)
    guard let match, expected.end != nil else { return false }
    XCTAssertEqual(expected.slots.indices.map { match.slot($0) }, expected.slots, context, line: line)
    return true
  }

  func testMatcherAgreesWithAPlainInterpreterOnTheRulePack() throws {
    let set = try projectRuleSet()
    let corpus = projectRoot.appendingPathComponent("corpus")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted().prefix(6)
    XCTAssertGreaterThan(files.count, 3)
    let scratch = MatchScratch()
    var matches = 0, compared = 0, started = 0, rejected = 0
    for f in files {
      let text = try String(contentsOf: corpus.appendingPathComponent(f), encoding: .utf8)
      let normalized = Normalizer().normalize(text)
      let doc = set.view(normalized, tokens: Tokenizer().tokenize(normalized))
      for rule in set.rules {
        let program = rule.program
        for start in 0..<doc.count {
          let fast = Matcher.run(
            program, captureCount: rule.captureNames.count, gazetteers: set.gazetteerTable, doc: doc,
            start: start, scratch: scratch)
          let expected = Self.reference(rule, set, doc, start: start)
          compared += 1
          // The quick rejection on the first atoms (`Matcher.canStart`) against the full run.
          if program.firstOps.count > 0 {
            let full = Matcher.execute(
              program, captureCount: rule.captureNames.count, gazetteers: set.gazetteerTable, doc: doc,
              start: start, scratch: scratch, trace: nil)
            XCTAssertEqual(full?.end, fast?.end, "\(rule.id) at token \(start) of \(f): quick rejection")
            if Matcher.canStart(program, gazetteers: set.gazetteerTable, doc: doc, at: start) { started += 1 } else { rejected += 1 }
          }
          if Self.assertSame(fast, expected, "\(rule.id) at token \(start) of \(f)") { matches += 1 }
        }
      }
    }
    XCTAssertGreaterThan(matches, 50)
    XCTAssertGreaterThan(compared, 10_000)
    XCTAssertGreaterThan(started, 1_000)
    XCTAssertGreaterThan(rejected, 1_000)
  }

  /// Repetitions, whose unrolled splits carry branch filters: greedy and lazy, with and without
  /// a minimum, with a filtered continuation or none (at the end of the pattern), at the start
  /// of a pattern, after a gazetteer with several ends, and running into the end of the text.
  /// On random texts over a small vocabulary, every start must give what the plain interpreter
  /// gives, with and without a trace (`explain`'s run), captures included.
  func testRepetitionsAgreeWithThePlainInterpreter() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: lazy.gap
          pattern: '"thu" []{0,4} m:MONEY'
          emit: {type: a}
        - id: lazy.negated.gap
          pattern: '"thu" (!(MONEY | "." | ",")){1,5}? m:MONEY'
          emit: {type: a}
        - id: greedy.caps
          pattern: 'n:(="Lê" CAP{1,3}) x:(CAP | "thu")?'
          emit: {type: a}
        - id: greedy.min
          pattern: 'x:((!("." | MONEY)){2,5}) "."'
          emit: {type: a}
        - id: start.and.end
          pattern: 'a:CAP{1,2} "và" b:("thu" | "chi"){0,3}'
          emit: {type: a}
        - id: after.gazetteer
          pattern: '@places w:(CAP | "thu"){0,3} m:(MONEY | ".")'
          emit: {type: a}
        - id: lazy.min
          pattern: '"chi" x:([]{2,6}?) "."'
          emit: {type: a}
      """, gazetteers: ["places": "Hà Nội\nHà\nHà Nội Mới\n"]))
    let words = ["thu", "chi", "và", "Lê", "Hà", "Nội", "Mới", "Văn", "An", ".", ",", "5 tỷ đồng", "xã"]
    var rng = SystemRandomNumberGenerator()
    let scratch = MatchScratch()
    var matches = 0, compared = 0
    for _ in 0..<300 {
      let text = (0..<Int.random(in: 1...14, using: &rng)).map { _ in words.randomElement(using: &rng)! }
        .joined(separator: " ")
      let normalized = Normalizer().normalize(text)
      let doc = set.view(normalized, tokens: Tokenizer().tokenize(normalized))
      for rule in set.rules {
        for start in 0..<doc.count {
          let fast = Matcher.run(
            rule.program, captureCount: rule.captureNames.count, gazetteers: set.gazetteerTable, doc: doc,
            start: start, scratch: scratch)
          var trace = MatchTrace()
          let traced = Matcher.execute(
            rule.program, captureCount: rule.captureNames.count, gazetteers: set.gazetteerTable, doc: doc,
            start: start, scratch: scratch, trace: &trace)
          let expected = Self.reference(rule, set, doc, start: start)
          let context = "\(rule.id) at token \(start) of '\(text)'"
          Self.assertSame(traced, expected, context + " (traced)")
          if Self.assertSame(fast, expected, context) { matches += 1 }
          compared += 1
        }
      }
    }
    XCTAssertGreaterThan(matches, 100)
    XCTAssertGreaterThan(compared, 5_000)
  }

  /// A match keeps up to four captures inline and more in an array: both give the fields.
  func testCapturesInlineAndBeyond() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: four
          pattern: 'a:"một" b:"hai" c:"ba" d:"bốn"'
          emit: {type: t4, fields: {a: $a, b: $b, c: $c, d: $d}}
        - id: six
          pattern: 'a:"một" b:"hai" c:"ba" d:"bốn" e:"năm" f:"sáu"'
          emit: {type: t6, fields: {a: $a, d: $d, f: $f}}
      """))
    XCTAssertEqual(
      Set(annotateRendered(set, "một hai ba bốn năm sáu")),
      ["t6[một hai ba bốn năm sáu]{a=một,d=bốn,f=sáu}", "t4[một hai ba bốn]{a=một,b=hai,c=ba,d=bốn}"])
  }

  /// Adjacent one-token alternatives are compiled into one set lookup; the multi-token ones
  /// between them keep their place in the order of preference.
  func testOneTokenAlternativesBecomeOneLookup() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: hon
          pattern: 'h:("ông" | "bà" | "đồng chí" | "anh" | "chị" | "bí thư" | CAP) n:CAP'
          emit: {type: p, span: n, fields: {h: $h}}
      """))
    let program = try XCTUnwrap(set.rules.first?.program)
    // Runs `"ông" | "bà"` and `"anh" | "chị"` and the lone `CAP`: three one-token atoms and
    // the two literals of two syllables; four splits instead of six.
    XCTAssertEqual(program.instructions.filter { if case .split = $0 { return true } else { return false } }.count, 4)
    XCTAssertEqual(annotateRendered(set, "bà Lan"), ["p[Lan]{h=bà}"])
    XCTAssertEqual(annotateRendered(set, "đồng chí Hùng"), ["p[Hùng]{h=đồng chí}"])
    XCTAssertEqual(annotateRendered(set, "chị Mai"), ["p[Mai]{h=chị}"])
    XCTAssertEqual(annotateRendered(set, "bí thư Hà"), ["p[Hà]{h=bí thư}"])
  }
}
