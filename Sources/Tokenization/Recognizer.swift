/// The second pass: reads typed tokens off the lexemes, left to right, longest first.
///
/// At each lexeme the readings are tried in a fixed order — dates and periods, then
/// quantities (with a qualifier in front), then bare numbers — and the first that matches wins
/// and consumes its lexemes, so that `năm 2019` inside `6 tháng đầu năm 2019` is never read
/// twice and a period never swallows the count after it.
struct Recognizer {
  let s: UnsafeBufferPointer<UInt32>
  let lx: [Lexeme]
  let options: Tokenizer.Options
  var out: [Token] = []
  /// Read two full dates joined by `-`/`đến` as one period (off when reading a period's dates).
  var joinDateRanges = true
  /// The counted-noun tables, fetched once per document rather than once per lookup.
  let nounPhrases = CountedNouns.phrases
  let startsNoun = CountedNouns.startsNoun
  let khoanID = CountedNouns.khoan

  init(s: UnsafeBufferPointer<UInt32>, lx: [Lexeme], options: Tokenizer.Options) {
    self.s = s
    self.lx = lx
    self.options = options
    out.reserveCapacity(lx.count)
  }

  mutating func run() -> [Token] {
    var i = 0
    while i < lx.count {
      if let next = recognize(at: i) {
        i = next
        continue
      }
      i = emitPlain(i)
    }
    return out
  }

  /// Tries every typed reading starting at lexeme `i`; on success appends the token(s) and
  /// returns the index after them.
  mutating func recognize(at i: Int) -> Int? {
    let l = lx[i]
    switch l.kind {
    case .newline: return nil
    case .punctuation:
      // A minus sign starts a negative quantity or number.
      guard l.code == 0x2D || l.code == 0x2212 else { return nil }
      if let next = quantity(at: i) { return next }
      return bareNumber(at: i)
    case .word:
      // Only words the lexicon knows can start anything typed.
      guard l.code != 0 else { return nil }
      if let next = dateOrPeriod(at: i) { return next }
      // Most known words are syllables of counted nouns: only a qualifier, a number word or
      // `âm` can start a quantity or a number.
      let id = UInt16(l.code)
      guard startsNumber(i) || id == W.am || Recognizer.isQualifierStart(id) else { return nil }
      if let next = quantity(at: i) { return next }
      return bareNumber(at: i)
    case .numeral:
      if let next = dateOrPeriod(at: i) { return next }
      if let next = time(at: i) { return next }
      if let next = quantity(at: i) { return next }
      return bareNumber(at: i)
    }
  }

  /// Emits lexeme `i` as a plain token; a run of letters and digits glued together that no
  /// reading took (`F0`, `2x`, `B52`) becomes one `other` token.
  mutating func emitPlain(_ i: Int) -> Int {
    let l = lx[i]
    switch l.kind {
    case .word, .numeral:
      var j = i + 1
      var mixed = false
      while j < lx.count, lx[j].start == lx[j - 1].end, lx[j].kind == .word || lx[j].kind == .numeral {
        if lx[j].kind != l.kind { mixed = true }
        j += 1
      }
      if mixed {
        out.append(Token(kind: .other, start: l.start, end: lx[j - 1].end))
        return j
      }
      if l.kind == .word {
        out.append(Token(kind: .word, start: l.start, end: l.end))
      } else {
        out.append(Token(kind: .number, start: l.start, end: l.end, value: .number(l.number.canonical)))
      }
    case .punctuation: out.append(Token(kind: .punctuation, start: l.start, end: l.end))
    case .newline: out.append(Token(kind: .newline, start: l.start, end: l.end))
    }
    return i + 1
  }

  // MARK: - Lexeme tests

  /// The first words of the qualifiers `qualifier(at:)` knows.
  @inline(__always)
  static func isQualifierStart(_ id: UInt16) -> Bool {
    switch id {
    case W.hon, W.tren, W.gan, W.ngot, W.khoang, W.chung, W.xap, W.duoi, W.khong, W.toi, W.len, W.toi2:
      return true
    default: return false
    }
  }

  @inline(__always)
  func isWord(_ i: Int, _ id: UInt16) -> Bool {
    i >= 0 && i < lx.count && lx[i].kind == .word && lx[i].code == UInt32(id)
  }

  @inline(__always)
  func wordID(_ i: Int) -> UInt16? {
    guard i >= 0, i < lx.count, lx[i].kind == .word, lx[i].code != 0 else { return nil }
    return UInt16(lx[i].code)
  }

  @inline(__always)
  func isPunct(_ i: Int, _ c: UInt32) -> Bool {
    i >= 0 && i < lx.count && lx[i].kind == .punctuation && lx[i].code == c
  }

  @inline(__always)
  func isNumeral(_ i: Int) -> Bool { i >= 0 && i < lx.count && lx[i].kind == .numeral }

  /// Lexemes `i` and `i + 1` touch (no space between).
  @inline(__always)
  func glued(_ i: Int) -> Bool { i + 1 < lx.count && lx[i].end == lx[i + 1].start }

  /// A plain-digit numeral's value (`03` → 3), else nil.
  @inline(__always)
  func plainInt(_ i: Int) -> Int? {
    guard isNumeral(i), lx[i].plainDigits > 0, lx[i].plainDigits <= 6 else { return nil }
    return lx[i].number.smallInt
  }

  /// A four-digit year written in digits (1900…2100).
  @inline(__always)
  func year(_ i: Int) -> Int? {
    guard isNumeral(i), lx[i].plainDigits == 4, let y = lx[i].number.smallInt, y >= 1900, y <= 2100
    else { return nil }
    return y
  }

  /// Start offset of lexeme `i`, end offset of lexeme `j - 1`.
  func span(_ i: Int, _ j: Int) -> (Int, Int) { (lx[i].start, lx[j - 1].end) }
}
