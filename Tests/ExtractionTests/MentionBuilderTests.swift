import RuleEngine
import Testing
import Tokenization

@testable import Extraction

/// The shortcuts of `MentionBuilder` against the plain code they replace.
@Suite struct MentionBuilderTests {
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
      // Captured text is read in place, as scalars, inside a longer text: the same answer.
      let scalars = Array(("«" + v + "»").unicodeScalars.map(\.value))
      let captured = FieldValue.scalars(scalars[1..<(scalars.count - 1)])
      #expect(MentionBuilder.isAbsent(captured) == (v.isEmpty || v.hasPrefix("--")), "\(v.debugDescription)")
      #expect(MentionBuilder.isAbsent(FieldValue.string(v)) == MentionBuilder.isAbsent(v))
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
