import Foundation
import Testing

@testable import VNText

@Suite struct ToneMarkTests {
  let classic = Normalizer()
  let reformed = Normalizer(options: .init(toneMarks: .reformed))

  /// Every tone on every open oa/oe/uy syllable, both directions, both cases.
  @Test(arguments: ["oa", "oe", "uy"])
  func everyToneOnEveryPair(_ pair: String) {
    let rows = ToneMarkNormalizer.lowerRows
    let first = pair == "uy" ? 9 : 6
    let second = pair == "oa" ? 0 : pair == "oe" ? 3 : 11
    for tone in 1...5 {
      let f = Array(rows[first].unicodeScalars)
      let s = Array(rows[second].unicodeScalars)
      let classicForm = "h" + String(f[tone]) + String(s[0])
      let reformedForm = "h" + String(f[0]) + String(s[tone])
      #expect(classic.normalize(reformedForm).string == classicForm)
      #expect(classic.normalize(classicForm).string == classicForm)
      #expect(reformed.normalize(classicForm).string == reformedForm)
      #expect(reformed.normalize(reformedForm).string == reformedForm)
      #expect(classic.normalize(reformedForm.uppercased()).string == classicForm.uppercased())
      #expect(reformed.normalize(decomposed(classicForm)).string == reformedForm)
    }
  }

  @Test(arguments: [
    ("hoà", "hòa"), ("thuỷ", "thủy"), ("khoẻ", "khỏe"), ("Uỷ ban", "Ủy ban"), ("tuỳ", "tùy"),
    ("luỹ kế", "lũy kế"), ("Hoà Bình", "Hòa Bình"), ("THUỶ", "THỦY"), ("xoè", "xòe"),
    ("hoạ", "họa"), ("loà", "lòa"),
  ])
  func oldPlacementMovesToFirstVowel(_ input: String, _ expected: String) {
    #expect(classic.normalize(input).string == expected)
    #expect(classic.normalize(decomposed(input)).string == expected)
  }

  @Test(arguments: [
    "quý", "quỳ", "quả", "quốc", "giữa", "hoàng", "toán", "khuyến", "thuyền", "hoài", "người",
    "ngoằn", "khuỷu", "huấn", "quyết", "toà soạn", "Nguyễn",
  ])
  func syllablesWithOneSpellingAreUntouched(_ word: String) {
    let expected = word == "toà soạn" ? "tòa soạn" : word
    #expect(classic.normalize(word).string == expected)
    if word != "toà soạn" { #expect(reformed.normalize(word).string == word) }
  }

  @Test func offsetsSurviveToneMoves() {
    let n = classic.normalize("Thanh tra tỉnh Khánh Hoà")
    #expect(n.string == "Thanh tra tỉnh Khánh Hòa")
    #expect(n.string(21..<24) == "Hòa")
    #expect(n.rawString(21..<24) == "Hoà")
  }

  /// The straightforward definition: look at the last two letters of every run of letters.
  static func reference(_ placement: ToneMarkPlacement, _ input: [UInt32]) -> [UInt32] {
    var s = input
    ToneMarkNormalizer.vowelTable.withUnsafeBufferPointer { table in
      s.withUnsafeMutableBufferPointer { b in
        var i = 0
        while i < b.count {
          guard ToneMarkNormalizer.isLetter(b[i]) else { i += 1; continue }
          var end = i
          while end < b.count && ToneMarkNormalizer.isLetter(b[end]) { end += 1 }
          if end - i >= 2 { ToneMarkNormalizer.fixSyllable(b, i, end, placement, table) }
          i = end
        }
      }
    }
    return s
  }

  @Test(arguments: [ToneMarkPlacement.classic, .reformed])
  func fastPassEqualsReferenceOnRandomText(_ placement: ToneMarkPlacement) {
    let vowels = (ToneMarkNormalizer.lowerRows + ToneMarkNormalizer.upperRows).flatMap { $0.unicodeScalars.map(\.value) }
    let pool: [UInt32] = vowels + Array("qQhHtTkKnNgGđ  ,.-\n".unicodeScalars.map(\.value)) + [0x6F, 0x75, 0x61, 0x65, 0x79, 0x4F, 0x55]
    var state: UInt64 = 7
    for _ in 0..<3000 {
      var text: [UInt32] = []
      for _ in 0..<12 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text.append(pool[Int(state >> 33) % pool.count])
      }
      var fast = text
      ToneMarkNormalizer.apply(placement, to: &fast)
      #expect(fast == Self.reference(placement, text), "\(String(scalarValues: text))")
    }
  }

  @Test func fastPassEqualsReferenceOnTheCorpus() throws {
    var corpus = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { corpus.deleteLastPathComponent() }
    corpus.appendPathComponent("corpus")
    let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).filter { $0.hasSuffix(".txt") }
    #expect(names.count >= 5)
    for name in names {
      let text = try String(contentsOfFile: corpus.path + "/" + name, encoding: .utf8)
      // The article in both placements, so there is something to move either way.
      for source in [classic.normalize(text).scalars, reformed.normalize(text).scalars] {
        for placement in ToneMarkPlacement.allCases {
          var fast = source
          ToneMarkNormalizer.apply(placement, to: &fast)
          #expect(fast == Self.reference(placement, source), "\(name) \(placement)")
        }
      }
    }
  }
}
