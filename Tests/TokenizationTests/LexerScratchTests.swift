import Foundation
import Synchronization
import Testing
import VNText
@testable import Tokenization

/// The tokenizer lexes into memory it reuses from document to document (`LexerScratch`):
/// what one text leaves there must never show in the tokens of the next, whatever their
/// lengths, and threads must never share it.
@Suite struct LexerScratchTests {
  /// The tokens of `text` lexed into fresh arrays, the way nothing can be left over.
  static func reference(_ text: NormalizedText) -> [Token] {
    text.scalars.withUnsafeBufferPointer { scalars in
      var lexemes: [Lexeme] = []
      var stops: [Int32] = []
      Lexer.lex(scalars, into: &lexemes, stops: &stops)
      return lexemes.withUnsafeBufferPointer { lexemes in
        stops.withUnsafeBufferPointer { stops in
          var recognizer = Recognizer(s: scalars, lx: lexemes, stops: stops, options: Tokenizer.Options())
          return recognizer.run()
        }
      }
    }
  }

  /// Long, short, empty and over-long texts in turn: a short text after a long one, and a text
  /// too long to keep room for, tokenize as on fresh memory.
  @Test func reusedRoomLeavesNothingBehind() {
    let long = String(repeating: "Thanh tra tỉnh phát hiện sai phạm 46.237 triệu đồng ngày 16/01/2023. ", count: 300)
    let overLong = String(repeating: "Kiến nghị thu hồi 1,5 tỷ đồng, 12 cuộc thanh tra. ", count: LexerScratch.largestKept / 40)
    var texts = FastPathTests.soup(count: 200, seed: 5)
    texts.insert(contentsOf: [long, "", "12 cuộc", overLong, "5 tỷ", long, "ngày 1/2/2023"], at: 100)
    let tokenizer = Tokenizer()
    for s in texts {
      let text = Normalizer().normalize(s)
      #expect(tokenizer.tokenize(text) == Self.reference(text), "\(s.prefix(80))")
    }
    #expect(overLong.unicodeScalars.count > LexerScratch.largestKept)
  }

  /// Threads tokenizing at once get the same tokens as one thread alone.
  @Test func threadsDoNotShareRoom() {
    let texts = FastPathTests.soup(count: 400, seed: 21).map { Normalizer().normalize($0) }
    let expected = texts.map(Self.reference)
    let results = Mutex([[Token]](repeating: [], count: texts.count))
    let tokenizer = Tokenizer()
    DispatchQueue.concurrentPerform(iterations: 8) { worker in
      for k in stride(from: worker, to: texts.count, by: 8) {
        let tokens = tokenizer.tokenize(texts[k])
        results.withLock { $0[k] = tokens }
      }
    }
    let all = results.withLock { $0 }
    for k in texts.indices { #expect(all[k] == expected[k]) }
  }
}
