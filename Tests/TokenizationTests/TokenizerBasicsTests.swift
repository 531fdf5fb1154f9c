import Testing
import VNText
@testable import Tokenization

@Suite struct TokenizerBasicsTests {
  func tokens(_ s: String) -> [(TokenKind, String)] {
    let text = Normalizer().normalize(s)
    return Tokenizer().tokenize(text).map { ($0.kind, text.rawString($0.range)) }
  }

  @Test func words_punctuation_newlines_numbers() {
    let t = tokens("Tiếp nhận 486 cây,\ntrong đó (KNTC).")
    #expect(t.map(\.1) == ["Tiếp", "nhận", "486", "cây", ",", "\n", "trong", "đó", "(", "KNTC", ")", "."])
    #expect(t[2].0 == .number)
    #expect(t[5].0 == .newline)
    #expect(t[4].0 == .punctuation)
    #expect(t[0].0 == .word)
  }

  @Test func decomposedInput_offsetsHitRawText() {
    let raw = "Ho\u{0300}a 12"
    let text = Normalizer().normalize(raw)
    let toks = Tokenizer().tokenize(text)
    #expect(toks.count == 2)
    #expect(text.rawRange(toks[0].range) == 0..<4)
    #expect(text.rawString(toks[1].range) == "12")
    #expect(text.rawRange(toks[1].range) == 5..<7)
  }

  @Test func everyFixedWordIsFoundWithItsFixedID() {
    for (word, id) in Vocabulary.fixed {
      let text = Normalizer().normalize(word)
      var lexemes: [Lexeme] = []
      text.scalars.withUnsafeBufferPointer { Lexer.lex($0, into: &lexemes) }
      #expect(lexemes.count == 1 && lexemes[0].code == UInt32(id), "\(word)")
      let upper = Normalizer().normalize(word.uppercased())
      var upperLexemes: [Lexeme] = []
      upper.scalars.withUnsafeBufferPointer { Lexer.lex($0, into: &upperLexemes) }
      #expect(upperLexemes.first?.code == UInt32(id), "\(word.uppercased())")
    }
  }

  @Test func nfdHelperReallyDecomposes() {
    #expect(nfd("hòa").unicodeScalars.count == 4)
    #expect(nfd("Đồng").unicodeScalars.count == 6)
  }

  @Test func provinceNamedDongIsNotMoney() {
    let (_, t) = tokenize("hỗ trợ 2 tỉnh Đồng Tháp và 5 triệu Đồng Nai; 5 triệu đồng")
    #expect(t.filter { $0.kind == .money }.count == 1)
  }
}
