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
  /// Where the tokens go; only valid during `run()`.
  var out = TokenSink()
  /// Read two full dates joined by `-`/`đến` as one period (off when reading a period's dates).
  var joinDateRanges = true
  /// The counted-noun tables, fetched once per document rather than once per lookup.
  let nounPhrases = CountedNouns.byFirstWord
  let nounsStartingWith = CountedNouns.startingWith
  let khoanID = CountedNouns.khoan

  init(s: UnsafeBufferPointer<UInt32>, lx: [Lexeme], options: Tokenizer.Options) {
    self.s = s
    self.lx = lx
    self.options = options
  }

  /// Try every reading at every lexeme, without the `mayStart` filter: the reference
  /// behaviour, for tests that check the filter never drops a reading.
  var tryEveryLexeme = false

  /// Reads the tokens; call once.
  ///
  /// The tokens are written straight into the array's storage (`TokenSink`), sized for one
  /// token per lexeme: every step below consumes at least one lexeme for each token it emits.
  mutating func run() -> [Token] {
    [Token](unsafeUninitializedCapacity: lx.count) { buffer, count in
      out = TokenSink(buffer)
      // Read once: a global's lazy initialization check per lexeme would cost more than the test.
      let startWords = Recognizer.startWords
      let all = lx
      all.withUnsafeBufferPointer { lexemes in
        let n = lexemes.count
        var i = 0
        while i < n {
          let l = lexemes[i]
          if tryEveryLexeme || Recognizer.mayStart(l, startWords), let next = recognize(at: i) {
            i = next
            continue
          }
          // A word or numeral glued to more letters or digits may be part of an `other` token.
          if l.kind == .word || l.kind == .numeral, i + 1 < n, lexemes[i + 1].start == l.end,
            lexemes[i + 1].kind == .word || lexemes[i + 1].kind == .numeral, let next = emitOther(i)
          {
            i = next
            continue
          }
          out.append(Recognizer.plainToken(l))
          i += 1
        }
      }
      count = out.count
      out = TokenSink()
    }
  }

  /// The lexicon ids of the words that can start a typed token (see `recognize(at:)`):
  /// `ngày`, `tháng`, `quý`, `năm` and `nửa` (dates and periods), the digit words and `mười`
  /// (numbers), `âm` (a negative number) and the first words of the qualifiers. All are fixed
  /// ids, below 128, so the set is two 64-bit masks.
  static let startWords: (UInt64, UInt64) = {
    var ids: [UInt16] = [W.ngay, W.thang, W.quy, W.nam, W.nua, W.muoi10, W.am]
    ids += Array(W.khong...W.chin)
    ids += (0...W.last).filter { isQualifierStart($0) }
    var mask: (UInt64, UInt64) = (0, 0)
    for id in ids {
      precondition(id < 128, "start words must have fixed ids below 128")
      if id < 64 { mask.0 |= 1 << UInt64(id) } else { mask.1 |= 1 << UInt64(id - 64) }
    }
    return mask
  }()

  /// Whether a typed token may start at lexeme `l`: a numeral, a minus sign or one of the
  /// `startWords`. `recognize(at:)` could read nothing at any other lexeme.
  @inline(__always)
  static func mayStart(_ l: Lexeme, _ startWords: (UInt64, UInt64)) -> Bool {
    switch l.kind {
    case .numeral: return true
    case .punctuation: return l.code == 0x2D || l.code == 0x2212
    case .newline: return false
    case .word:
      let id = l.code
      if id < 64 { return startWords.0 >> UInt64(id) & 1 != 0 }
      return id < 128 && startWords.1 >> UInt64(id - 64) & 1 != 0
    }
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

  /// The token of lexeme `l` standing alone: a word, punctuation mark, line break or number.
  @inline(__always)
  static func plainToken(_ l: Lexeme) -> Token {
    switch l.kind {
    case .word: return Token(kind: .word, start: l.start, end: l.end)
    case .numeral: return Token(kind: .number, start: l.start, end: l.end, value: .number(l.number.canonical))
    case .punctuation: return Token(kind: .punctuation, start: l.start, end: l.end)
    case .newline: return Token(kind: .newline, start: l.start, end: l.end)
    }
  }

  /// A run of letters and digits glued together from lexeme `i` that no reading took (`F0`,
  /// `2x`, `B52`) becomes one `other` token; returns the index after it, or nil when the run
  /// is not mixed.
  @inline(never)
  mutating func emitOther(_ i: Int) -> Int? {
    let kind = lx[i].kind
    var j = i + 1
    var mixed = false
    while j < lx.count, lx[j].start == lx[j - 1].end, lx[j].kind == .word || lx[j].kind == .numeral {
      if lx[j].kind != kind { mixed = true }
      j += 1
    }
    guard mixed else { return nil }
    out.append(Token(kind: .other, start: lx[i].start, end: lx[j - 1].end))
    return j
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

/// The recognizer's output: tokens initialized in place in the storage of the array
/// `Recognizer.run()` returns, with a bound check per token and no capacity growth or
/// uniqueness check (which `Array.append` pays on every call).
struct TokenSink {
  private let base: UnsafeMutablePointer<Token>?
  private let capacity: Int
  /// Tokens written; `base[0..<count]` is initialized.
  private(set) var count = 0

  /// A sink that takes nothing (outside `Recognizer.run()`).
  init() {
    base = nil
    capacity = 0
  }

  init(_ buffer: UnsafeMutableBufferPointer<Token>) {
    base = buffer.baseAddress
    capacity = buffer.count
  }

  @inline(__always)
  mutating func append(_ token: Token) {
    precondition(count < capacity, "more tokens than lexemes")
    (base.unsafelyUnwrapped + count).initialize(to: token)
    count += 1
  }
}
