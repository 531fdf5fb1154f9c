@testable import RuleEngine
import XCTest

/// `ConflictResolver` works on clusters of overlapping spans and merges sorted lists; these
/// tests hold it to the policy written plainly (`rules/README.md`, "Conflict policy"): every
/// entity of a type against every accepted one, whole lists sorted.
final class ConflictResolverTests: XCTestCase {
  /// A small seeded generator, so that a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
  }

  /// The policy, plainly: roles grouped by target span (the best by priority, closeness, file
  /// order; groups listed by their first candidate), then entities longest first (then priority,
  /// file order, start, candidate order), each kept unless an accepted span of its type
  /// overlaps it (it loses to the accepted span starting before it if that one overlaps, else
  /// to the one after); the winners sorted by start, end, type, rule id, then that listing.
  static func reference(_ cs: [Candidate], _ rules: [ConflictResolver.RuleKey]) -> ([Int], [Int]) {
    var lostTo = [Int](repeating: -1, count: cs.count)
    var winners: [Int] = []
    let roles = cs.indices.filter { cs[$0].isRole }
    var groups: [[Int]] = []
    for i in roles {
      if let g = groups.firstIndex(where: { cs[$0[0]].start == cs[i].start && cs[$0[0]].end == cs[i].end }) {
        groups[g].append(i)
      } else {
        groups.append([i])
      }
    }
    for group in groups {
      var best = group[0]
      for i in group.dropFirst() {
        let a = rules[cs[i].ruleIndex], b = rules[cs[best].ruleIndex]
        let beats =
          a.priority != b.priority
          ? a.priority > b.priority
          : cs[i].matchLength != cs[best].matchLength ? cs[i].matchLength < cs[best].matchLength : a.order < b.order
        if beats { best = i }
      }
      for i in group where i != best { lostTo[i] = best }
      winners.append(best)
    }
    // Longest first, then highest priority, file order, start, candidate order.
    let rank = { (i: Int) in
      (-(cs[i].end - cs[i].start), -rules[cs[i].ruleIndex].priority, rules[cs[i].ruleIndex].order, cs[i].start, i)
    }
    let entities = cs.indices.filter { !cs[$0].isRole }.sorted { rank($0) < rank($1) }
    var accepted: [Int] = []
    for i in entities {
      let a = cs[i]
      let overlapping = accepted.filter { cs[$0].type == a.type && cs[$0].start < a.end && a.start < cs[$0].end }
      if overlapping.isEmpty {
        accepted.append(i)
        winners.append(i)
      } else if let before = overlapping.filter({ cs[$0].start < a.start }).max(by: { cs[$0].start < cs[$1].start }) {
        lostTo[i] = before
      } else {
        lostTo[i] = overlapping.min { cs[$0].start < cs[$1].start }!
      }
    }
    let listed = Dictionary(uniqueKeysWithValues: winners.enumerated().map { ($1, $0) })
    let sorted = winners.sorted { x, y in
      let a = cs[x], b = cs[y]
      let key = { (c: Candidate) in (c.start, c.end, c.type, rules[c.ruleIndex].idRank) }
      if key(a) != key(b) { return key(a) < key(b) }
      return listed[x]! < listed[y]!
    }
    return (sorted, lostTo)
  }

  func testRandomCandidates_resolveAsThePlainPolicy() {
    var g = Generator(state: 2026)
    for round in 0..<3_000 {
      let ruleCount = 1 + g.next(8)
      // Few distinct priorities and ranks, so that ties are common.
      let rules = (0..<ruleCount).map {
        ConflictResolver.RuleKey(priority: Int32(g.next(3)), order: Int32($0), idRank: Int32(g.next(ruleCount)))
      }
      // Up to 90 candidates: past 64, the sorts take another path.
      let n = g.next(round % 10 == 0 ? 91 : 30)
      let slots = [Int](repeating: -1, count: 2)
      let candidates = (0..<n).map { _ -> Candidate in
        let isRole = g.next(2) == 0
        let start = g.next(40), length = 1 + g.next(8)
        let matchStart = max(0, start - g.next(5))
        let match = slots.withUnsafeBufferPointer {
          RuleMatch(start: matchStart, end: start + length + g.next(5), slots: $0)
        }
        return Candidate(
          ruleIndex: g.next(ruleCount), emission: 0, isRole: isRole, start: Int32(start),
          end: Int32(start + length), type: Int32(isRole ? 3 + g.next(3) : g.next(5)), match: match)
      }
      let (winners, lostTo) = ConflictResolver.resolve(candidates, ruleKeys: rules)
      let (expectedWinners, expectedLostTo) = Self.reference(candidates, rules)
      XCTAssertEqual(winners, expectedWinners, "round \(round): winners")
      XCTAssertEqual(lostTo, expectedLostTo, "round \(round): lost to")
      if winners != expectedWinners || lostTo != expectedLostTo { return }
    }
  }
}
