import Testing
import Tokenization

@testable import Extraction

/// The shortcuts of `MentionBuilder` against the plain code they replace.
@Suite struct MentionBuilderTests {
  /// `sort` (merge of two runs, indices, moves in place) must order exactly as a stable sort of
  /// all mentions by the record order, ties included.
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func sortIsAStableSortByRecordOrder(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let types = ["money", "date", "person", "organization"]
    for _ in 0..<200 {
      let figureCount = Int(rng.next() % 12)
      let entityCount = Int(rng.next() % 12)
      var mentions: [Mention] = []
      for k in 0..<(figureCount + entityCount) {
        // Few distinct offsets and types, so that ties are common.
        let start = Int(rng.next() % 6)
        let end = start + Int(rng.next() % 3)
        mentions.append(
          Mention(
            type: types[Int(rng.next() % 4)], text: "m\(k)", start: start, end: end, rule: "r\(k)",
            fields: .entity([])))
      }
      if rng.next() % 2 == 0 {
        // Figures in order, as the tokenizer gives them: the merge without sorting the run.
        mentions[..<figureCount].sort(by: recordOrder)
      }
      var expected = mentions
      expected.sort(by: recordOrder)
      var sorted = mentions
      MentionBuilder.sort(&sorted, figures: figureCount)
      #expect(sorted.map(\.rule) == expected.map(\.rule))
    }
  }

  @Test func permuteMovesEveryElementToItsPlace() {
    var rng = SplitMix64(seed: 11)
    for count in 0..<40 {
      let items = (0..<count).map { "item \($0)" }
      var order = Array(0..<count)
      order.shuffle(using: &rng)
      var permuted = items
      MentionBuilder.permute(&permuted, order)
      #expect(permuted == order.map { items[$0] })
    }
  }

  /// Binary search over the starts, in token order or not: the same answers as a dictionary
  /// filled in token order (the last token at a start wins).
  @Test func startIndexAnswersAsADictionary() {
    var rng = SplitMix64(seed: 3)
    for round in 0..<100 {
      var index = StartIndex(capacity: 4)
      var dictionary: [Int: Int] = [:]
      var start = 0
      for k in 0..<Int(rng.next() % 30) {
        // Ascending starts in most rounds (the fast path), scattered and repeated in others.
        if round % 3 == 0 { start = Int(rng.next() % 20) } else { start += Int(rng.next() % 3) }
        index.append(start: start, index: k)
        dictionary[start] = k
      }
      index.finish()
      for probe in -1...70 { #expect(index[probe] == dictionary[probe]) }
    }
  }

  /// Bytes where they decide, `hasPrefix` (characters) where a combining mark could join the
  /// second dash to the next character.
  @Test func absentValuesAsHasPrefixSeesThem() {
    let values = [
      "", "-", "--", "--05-12", "-x", "x--", "—", "--\u{301}", "--\u{301}05", "-\u{301}-", "--é", "---",
      "2023-05-12", "Chánh thanh tra",
    ]
    for v in values {
      #expect(MentionBuilder.isAbsent(v) == (v.isEmpty || v.hasPrefix("--")), "\(v.debugDescription)")
    }
  }

  /// A mention's text is a slice of the raw scalars; `text` reads and writes it as a string.
  @Test func textIsTheScalarSlice() {
    let raw: [UInt32] = Array("Thanh tra thu hồi 42 tỷ đồng".unicodeScalars.map(\.value))
    var m = Mention(
      type: "money", text: raw[18..<28], start: 18, end: 28, rule: "tokenizer",
      fields: .entity([]))
    #expect(m.text == "42 tỷ đồng")
    m.text = "hơn 42 tỷ"
    #expect(m.textScalars.elementsEqual("hơn 42 tỷ".unicodeScalars.map(\.value)))
    #expect(m == Mention(type: "money", text: "hơn 42 tỷ", start: 18, end: 28, rule: "tokenizer", fields: .entity([])))
  }
}

/// Record order as the README states it: by start, longer first, then by type (the reference
/// for `MentionBuilder.sort`).
private func recordOrder(_ a: Mention, _ b: Mention) -> Bool {
  if a.start != b.start { return a.start < b.start }
  if a.end != b.end { return a.end > b.end }
  return a.type < b.type
}
