/// The second pass: reads typed tokens off the lexemes, left to right, longest first.
///
/// At each lexeme the readings are tried in a fixed order — dates and periods, then
/// quantities (with a qualifier in front), then bare numbers — and the first that matches wins
/// and consumes its lexemes, so that `năm 2019` inside `6 tháng đầu năm 2019` is never read
/// twice and a period never swallows the count after it.
struct Recognizer {
  let s: UnsafeBufferPointer<UInt32>
  /// The lexemes, in storage that outlives the recognizer (see `Tokenizer.tokenize`).
  let lx: UnsafeBufferPointer<Lexeme>
  let options: Tokenizer.Options
  /// Where the tokens go; only valid during `run()`.
  var out = TokenSink()
  /// Read two full dates joined by `-`/`đến` as one period (off when reading a period's dates).
  var joinDateRanges = true
  /// The counted-noun tables, fetched once per document rather than once per lookup.
  let nounPhrases = CountedNouns.byFirstWord
  let nounsStartingWith = CountedNouns.startingWith
  let khoanID = CountedNouns.khoan

  /// The lexemes to look at (see `Lexer.lex(_:into:stops:)`); every other one is plain.
  let stops: UnsafeBufferPointer<Int32>

  init(
    s: UnsafeBufferPointer<UInt32>, lx: UnsafeBufferPointer<Lexeme>, stops: UnsafeBufferPointer<Int32>,
    options: Tokenizer.Options
  ) {
    self.s = s
    self.lx = lx
    self.stops = stops
    self.options = options
  }

  /// Try every reading at every lexeme, ignoring `stops`: the reference behaviour, for tests
  /// that check the stops never skip a reading.
  var tryEveryLexeme = false

  /// Reads the tokens; call once.
  ///
  /// The tokens are written straight into the array's storage (`TokenSink`), sized for one
  /// token per lexeme: every step below consumes at least one lexeme for each token it emits.
  mutating func run() -> [Token] {
    [Token](unsafeUninitializedCapacity: lx.count) { buffer, count in
      out = TokenSink(buffer)
      let lexemes = lx
      let n = lexemes.count
      var i = 0
      var stop = 0
      while i < n {
        if !tryEveryLexeme {
          // Copy the plain lexemes up to the next stop at or after `i`.
          while stop < stops.count && Int(stops[stop]) < i { stop += 1 }
          let end = stop < stops.count ? Int(stops[stop]) : n
          out.appendPlain(lexemes[i..<end])
          i = end
          if i == n { break }
        }
        if let next = recognize(at: i) {
          i = next
          continue
        }
        i = emitPlain(i)
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

  /// A word with lexicon id `id` is one of the `startWords`. With numerals and minus signs
  /// (`isMinus`), these are the only lexemes where `recognize(at:)` can read anything: the
  /// lexer makes them stops.
  @inline(__always)
  static func mayStartWord(_ id: UInt32, _ startWords: (UInt64, UInt64)) -> Bool {
    if id < 64 { return startWords.0 &>> UInt64(id) & 1 != 0 }
    return id < 128 && startWords.1 &>> UInt64(id &- 64) & 1 != 0
  }

  /// `-` or `−`, which may start a negative number.
  @inline(__always)
  static func isMinus(_ c: UInt32) -> Bool { c == 0x2D || c == 0x2212 }

  /// Tries every typed reading starting at lexeme `i`; on success appends the token(s) and
  /// returns the index after them.
  mutating func recognize(at i: Int) -> Int? {
    let l = lx[i]
    switch l.kind {
    case .newline: return nil
    case .punctuation:
      // A minus sign starts a negative quantity or number.
      guard Recognizer.isMinus(l.code) else { return nil }
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

  /// Emits lexeme `i` as its plain token, or, glued to more letters and digits, as part of an
  /// `other` token.
  mutating func emitPlain(_ i: Int) -> Int {
    let l = lx[i]
    if l.kind == .word || l.kind == .numeral, i + 1 < lx.count, lx[i + 1].start == l.end,
      lx[i + 1].kind == .word || lx[i + 1].kind == .numeral, let next = emitOther(i)
    {
      return next
    }
    out.append(Recognizer.plainToken(l))
    return i + 1
  }

  /// A run of letters and digits glued together from lexeme `i` that no reading took (`F0`,
  /// `2x`, `B52`) becomes one `other` token; returns the index after it, or nil when the run
  /// is not mixed.
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

  /// Appends the plain tokens of `lexemes`: words, punctuation and line breaks, never a
  /// numeral (a numeral is always a stop, see `Lexer.lex(_:into:stops:)`).
  mutating func appendPlain(_ lexemes: Slice<UnsafeBufferPointer<Lexeme>>) {
    precondition(count + lexemes.count <= capacity, "more tokens than lexemes")
    var to = base.unsafelyUnwrapped + count
    for l in lexemes {
      assert(l.kind != .numeral, "a numeral in a plain stretch")
      let kind: TokenKind
      switch l.kind {
      case .word: kind = .word
      case .punctuation: kind = .punctuation
      case .newline: kind = .newline
      case .numeral: kind = .number
      }
      to.initialize(to: Token(kind: kind, start: l.start, end: l.end))
      to += 1
    }
    count += lexemes.count
  }
}
