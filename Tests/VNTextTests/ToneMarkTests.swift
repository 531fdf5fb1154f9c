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
}
