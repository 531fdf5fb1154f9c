import VNText

/// The first tokenization pass: letters, digits, punctuation and line breaks, with no
/// interpretation beyond reading each digit group's value.
///
/// Typed tokens (money, dates …) are then recognized over this array of lexemes, which is much
/// shorter than the text and where each word already knows its lexicon id.
struct Lexeme {
  enum Kind: UInt8 {
    case word, numeral, punctuation, newline
  }

  /// Normalized offsets, stored narrow: the lexeme array is written once per scalar run and
  /// read many times, so it is kept to 32 bytes.
  private var start32: Int32
  private var end32: Int32
  /// For a word, its `Lexicon` id (0: not a word the recognizers care about);
  /// for punctuation, the scalar.
  var code: UInt32
  var kind: Kind
  /// For a word: the first letter is upper case.
  var capitalized: Bool
  /// For a numeral written as plain digits (no `.`/`,`): how many digits (up to 255); else 0.
  private var plainDigits8: UInt8
  /// For a numeral: its value.
  var number: DecimalNumber

  var start: Int { Int(start32) }
  var end: Int { Int(end32) }
  var plainDigits: Int { Int(plainDigits8) }

  @inline(__always)
  init(kind: Kind, start: Int, end: Int, code: UInt32, capitalized: Bool, number: DecimalNumber, plainDigits: Int) {
    self.start32 = Int32(truncatingIfNeeded: start)
    self.end32 = Int32(truncatingIfNeeded: end)
    self.code = code
    self.kind = kind
    self.capitalized = capitalized
    self.plainDigits8 = UInt8(clamping: plainDigits)
    self.number = number
  }
}

enum Lexer {
  @inline(__always)
  static func isDigit(_ c: UInt32) -> Bool { c &- 0x30 < 10 }

  /// Letters of any script (Vietnamese is Latin with many diacritics); punctuation and symbol
  /// blocks are not letters.
  @inline(__always)
  static func isLetter(_ c: UInt32) -> Bool {
    if c < 0x80 { return (c | 0x20) &- 0x61 < 26 }
    if c < 0xC0 { return c == 0xAA || c == 0xB5 || c == 0xBA }
    if c < 0x2000 { return c != 0xD7 && c != 0xF7 }
    if c < 0x2C00 { return false }
    if c >= 0x3000 && c < 0x3040 { return false }
    if c >= 0xFE30 && c < 0xFF10 { return false }
    if c >= 0xFF1A && c < 0xFF21 { return false }
    if c >= 0xFFF0 && c < 0x10000 { return false }
    return c < 0x1F000
  }

  /// Upper-case letter (Latin, Vietnamese), for capitalization checks.
  @inline(__always)
  static func isUpper(_ c: UInt32) -> Bool {
    if c < 0x80 { return c &- 0x41 < 26 }
    return lower(c) != c
  }

  /// Lower case for the Latin letters Vietnamese uses; other scalars are returned unchanged.
  @inline(__always)
  static func lower(_ c: UInt32) -> UInt32 {
    if c < 0x80 { return c &- 0x41 < 26 ? c | 0x20 : c }
    if c >= 0xC0 && c <= 0xDE && c != 0xD7 { return c + 0x20 }
    if c >= 0x1E00 && c <= 0x1EFF { return c | 1 }
    switch c {
    case 0x102, 0x110, 0x128, 0x168, 0x1A0, 0x1AF: return c + 1
    default: return c
    }
  }

  static let letterBit: UInt32 = 1 << 31
  static let scalarMask: UInt32 = 0x1F_FFFF

  /// For U+0080…U+1FFF: the lower-case scalar, with `letterBit` set for letters.
  static let letterTable: [UInt32] = (0x80..<0x2000).map { c in
    let v = UInt32(c)
    return lower(v) | (isLetter(v) ? letterBit : 0)
  }

  static func lex(_ s: UnsafeBufferPointer<UInt32>, into out: inout [Lexeme]) {
    let lexicon = Lexicon.shared
    let letters = Lexer.letterTable
    letters.withUnsafeBufferPointer { table in
      lexRuns(s, table, lexicon, &out)
    }
  }

  static func lexRuns(
    _ s: UnsafeBufferPointer<UInt32>, _ table: UnsafeBufferPointer<UInt32>, _ lexicon: Lexicon,
    _ out: inout [Lexeme]
  ) {
    let n = s.count
    var i = 0
    while i < n {
      let c = s[i]
      if c == 0x20 || c == 0x09 { i += 1; continue }
      if c == 0x0A {
        out.append(Lexeme(kind: .newline, start: i, end: i + 1, code: c, capitalized: false, number: DecimalNumber(0), plainDigits: 0))
        i += 1
        continue
      }
      if isDigit(c) {
        i = lexNumeral(s, i, &out)
        continue
      }
      if isLetter(c) {
        var j = i + 1
        var hash = Lexicon.hashSeed
        hash = Lexicon.mix(hash, lower(c))
        while j < n {
          let d = s[j]
          if d < 0x80 {
            // ASCII fast path: letters only, lower-cased by one bit.
            guard (d | 0x20) &- 0x61 < 26 else { break }
            hash = Lexicon.mix(hash, d | 0x20)
          } else if d < 0x2000 {
            // Vietnamese letters: one table read gives "is a letter" and the lower case.
            let entry = table[Int(d) - 0x80]
            guard entry & Lexer.letterBit != 0 else { break }
            hash = Lexicon.mix(hash, entry & Lexer.scalarMask)
          } else {
            guard isLetter(d) else { break }
            hash = Lexicon.mix(hash, lower(d))
          }
          j += 1
        }
        let id = j - i <= Lexicon.maxWordLength ? lexicon.lookup(hash: hash, s, i, j) : 0
        out.append(Lexeme(kind: .word, start: i, end: j, code: UInt32(id), capitalized: isUpper(c), number: DecimalNumber(0), plainDigits: 0))
        i = j
        continue
      }
      out.append(Lexeme(kind: .punctuation, start: i, end: i + 1, code: c, capitalized: false, number: DecimalNumber(0), plainDigits: 0))
      i += 1
    }
  }

  /// Reads `\d+([.,]\d+)*` and interprets it (see `NumeralReader`); a run that is no valid
  /// number is cut into its digit groups and separators.
  static func lexNumeral(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ out: inout [Lexeme]) -> Int {
    let n = s.count
    var j = start
    while j < n && isDigit(s[j]) { j += 1 }
    let firstEnd = j
    var end = j
    // Extend over separators that are followed by a digit.
    while end + 1 < n && (s[end] == 0x2E || s[end] == 0x2C) && isDigit(s[end + 1]) {
      var k = end + 1
      while k < n && isDigit(s[k]) { k += 1 }
      end = k
    }
    if end > firstEnd, let value = NumeralReader.read(s, start, end) {
      out.append(Lexeme(kind: .numeral, start: start, end: end, code: 0, capitalized: false, number: value, plainDigits: 0))
      return end
    }
    // Not a number (`16.01.2023`, `1.23.45`): every digit group is its own numeral and every
    // separator its own punctuation, so that dates can still be read off them.
    var k = start
    while k < end {
      var g = k
      while g < end && isDigit(s[g]) { g += 1 }
      let value = NumeralReader.digits(s, k, g)
      out.append(Lexeme(kind: .numeral, start: k, end: g, code: 0, capitalized: false, number: value, plainDigits: g - k))
      if g < end {
        out.append(Lexeme(kind: .punctuation, start: g, end: g + 1, code: s[g], capitalized: false, number: DecimalNumber(0), plainDigits: 0))
      }
      k = g + 1
    }
    return end
  }
}
