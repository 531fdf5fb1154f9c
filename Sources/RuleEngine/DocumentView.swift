import Tokenization
import VNText

/// One document's tokens with everything matching needs, computed once per document: each
/// token's lower-case and diacritic-free key ids and its class mask.
struct DocumentView {
  let text: NormalizedText
  let tokens: [Token]
  let count: Int
  /// Lower-case key id per token (-1 when no rule mentions that key).
  var lowerIDs: [Int32]
  /// Diacritic-free key id per token (-1 when unknown or not needed).
  var foldIDs: [Int32]
  /// `ClassBit` mask per token.
  var classMasks: [UInt32]

  /// Tokens longer than this (in scalars) get no key: no literal is that long.
  static let maxKeyLength = 48

  init(text: NormalizedText, tokens: [Token], keys: KeyTable, needFold: Bool) {
    self.text = text
    self.tokens = tokens
    count = tokens.count
    lowerIDs = [Int32](repeating: -1, count: tokens.count)
    foldIDs = [Int32](repeating: -1, count: tokens.count)
    classMasks = [UInt32](repeating: 0, count: tokens.count)
    text.scalars.withUnsafeBufferPointer { s in
      for (i, tok) in tokens.enumerated() {
        classMasks[i] = DocumentView.mask(tok, s)
        let len = tok.end - tok.start
        guard len > 0, len <= DocumentView.maxKeyLength, tok.kind != .newline,
          tok.start >= 0, tok.end <= s.count
        else { continue }
        let slice = UnsafeBufferPointer(rebasing: s[tok.start..<tok.end])
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in slice {
          h ^= UInt64(ScalarCase.lowercase(c))
          h = h &* 0x100_0000_01b3
        }
        lowerIDs[i] = keys.lookup(hash: h, matches: { key in
          guard key.count == slice.count else { return false }
          for k in 0..<key.count where key[k] != ScalarCase.lowercase(slice[k]) { return false }
          return true
        })
        if needFold {
          var hf: UInt64 = 0xcbf2_9ce4_8422_2325
          var n = 0
          for c in slice {
            let f = ScalarCase.fold(c)
            if f == 0 { continue }
            hf ^= UInt64(f)
            hf = hf &* 0x100_0000_01b3
            n += 1
          }
          foldIDs[i] = keys.lookup(hash: hf, matches: { key in
            guard key.count == n else { return false }
            var k = 0
            for c in slice {
              let f = ScalarCase.fold(c)
              if f == 0 { continue }
              if key[k] != f { return false }
              k += 1
            }
            return true
          })
        }
      }
    }
  }

  private static func mask(_ tok: Token, _ s: UnsafeBufferPointer<UInt32>) -> UInt32 {
    var m: UInt32 = 0
    switch tok.kind {
    case .word:
      m |= ClassBit.word.mask
      var letters = 0, uppers = 0
      var firstUpper = false
      var laterUpper = false
      if tok.start < tok.end, tok.end <= s.count {
        for k in tok.start..<tok.end {
          let c = s[k]
          let up = ScalarCase.upper(c)
          let isLetter = up || ScalarCase.lowercase(c) != c || (c >= 0x61 && c <= 0x7A)
            || (c >= 0xC0 && c < 0x2000 && ScalarCase.fold(c) != c)
          if isLetter { letters += 1 }
          if up {
            uppers += 1
            if k == tok.start { firstUpper = true } else { laterUpper = true }
          }
        }
      }
      if firstUpper && !laterUpper { m |= ClassBit.cap.mask }
      if letters >= 2 && uppers == letters { m |= ClassBit.upper.mask }
    case .punctuation: m |= ClassBit.punct.mask
    case .newline: return ClassBit.newline.mask
    case .number: m |= ClassBit.number.mask
    case .money: m |= ClassBit.money.mask
    case .count: m |= ClassBit.count.mask
    case .percent: m |= ClassBit.percent.mask
    case .area: m |= ClassBit.area.mask
    case .date: m |= ClassBit.date.mask
    case .time: m |= ClassBit.time.mask
    case .period: m |= ClassBit.period.mask
    case .other: m |= ClassBit.other.mask
    }
    return m | ClassBit.any.mask
  }

  /// True when token `t` starts exactly where token `t - 1` ends.
  @inline(__always) func touchesPrevious(_ t: Int) -> Bool {
    t > 0 && t < count && tokens[t].start == tokens[t - 1].end
  }

  /// The normalized text from token `range.lowerBound`'s start to the last token's end.
  func string(tokens range: Range<Int>) -> String {
    guard !range.isEmpty else { return "" }
    return text.string(tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end)
  }
}
