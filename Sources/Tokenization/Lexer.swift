import VNText

/// The first tokenization pass: letters, digits, punctuation and line breaks, with no
/// interpretation beyond reading each digit group's value.
///
/// Typed tokens (money, dates …) are then recognized over this array of lexemes, which is much
/// shorter than the text and where each word already knows its lexicon id.
struct Lexeme {
  /// In the order of the matching `TokenKind`s (`word`, `punctuation`, `newline`, `number`),
  /// so that mapping one to the other for a plain lexeme compiles to nothing.
  enum Kind: UInt8 {
    case word, punctuation, newline, numeral
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

  /// Lexes `s` into `out`, which must be empty.
  static func lex(_ s: UnsafeBufferPointer<UInt32>, into out: inout [Lexeme]) {
    var stops: [Int32] = []
    lex(s, into: &out, stops: &stops)
  }

  /// Lexes `s` into `out`, and into `stops` the indices of
  /// the lexemes where `Recognizer.run` must look: those that may start a typed token
  /// (numerals, minus signs and `Recognizer.mayStartWord`) and words glued to a following
  /// numeral (`F0`, which may become an `other` token). Every other lexeme comes out as its
  /// plain token, so the recognizer copies the stretches between stops. Both must be empty.
  static func lex(_ s: UnsafeBufferPointer<UInt32>, into out: inout [Lexeme], stops: inout [Int32]) {
    precondition(out.isEmpty && stops.isEmpty, "lex into empty arrays")
    var lexemes: [Lexeme] = []
    stops = [Int32](unsafeUninitializedCapacity: s.count) { stopBuffer, stopCount in
      lexemes = [Lexeme](unsafeUninitializedCapacity: s.count) { buffer, count in
        (count, stopCount) = lex(
          s, into: UnsafeMutableBufferPointer(rebasing: buffer[..<s.count]),
          stops: UnsafeMutableBufferPointer(rebasing: stopBuffer[..<s.count]))
      }
    }
    out = lexemes
  }

  /// `lex(_:into:stops:)` into uninitialized storage with room for `s.count` lexemes and as
  /// many stops: every lexeme covers at least one scalar, so they always fit, and the loop
  /// writes them with no capacity or uniqueness check per lexeme. Returns how many of each
  /// it wrote.
  static func lex(
    _ s: UnsafeBufferPointer<UInt32>, into lexemes: UnsafeMutableBufferPointer<Lexeme>,
    stops: UnsafeMutableBufferPointer<Int32>
  ) -> (lexemes: Int, stops: Int) {
    precondition(lexemes.count >= s.count, "room for a lexeme per scalar")
    return Lexicon.shared.withProbe { probe in
      var sink = Sink(lexemes, stops)
      lexRuns(s, probe, Recognizer.startWords, &sink)
      return (sink.count, sink.stopCount)
    }
  }

  /// Where the lexer writes: uninitialized storage for at least as many lexemes, and stops, as
  /// scalars.
  struct Sink {
    private let base: UnsafeMutablePointer<Lexeme>?
    private let capacity: Int
    private(set) var count = 0
    /// See `Lexer.lex(_:into:stops:)`.
    private let stops: UnsafeMutablePointer<Int32>?
    private(set) var stopCount = 0

    init(_ lexemes: UnsafeMutableBufferPointer<Lexeme>, _ stops: UnsafeMutableBufferPointer<Int32>) {
      precondition(stops.count >= lexemes.count, "room for a stop at every lexeme")
      base = lexemes.baseAddress
      capacity = lexemes.count
      self.stops = stops.baseAddress
    }

    @inline(__always)
    mutating func append(_ l: Lexeme) {
      precondition(count < capacity, "more lexemes than scalars")
      base.unsafelyUnwrapped.advanced(by: count).initialize(to: l)
      count += 1
    }

    @inline(__always)
    mutating func append(_ kind: Lexeme.Kind, _ start: Int, _ end: Int, code: UInt32 = 0, capitalized: Bool = false) {
      append(Lexeme(kind: kind, start: start, end: end, code: code, capitalized: capitalized, number: DecimalNumber(0), plainDigits: 0))
    }

    /// Makes the last lexeme a stop. (Stops are distinct lexemes in order, so never more than
    /// the lexemes.)
    @inline(__always)
    mutating func stopAtLast() {
      let last = Int32(truncatingIfNeeded: count - 1)
      if stopCount == 0 || stops.unsafelyUnwrapped[stopCount - 1] != last {
        (stops.unsafelyUnwrapped + stopCount).initialize(to: last)
        stopCount += 1
      }
    }

    /// Appends a numeral, a stop; so is a word it is glued to (`F0`, `B52`).
    mutating func appendNumeral(_ l: Lexeme) {
      if count > 0 {
        let before = base.unsafelyUnwrapped[count - 1]
        if before.kind == .word && before.end == l.start { stopAtLast() }
      }
      append(l)
      stopAtLast()
    }
  }

  static func lexRuns(
    _ s: UnsafeBufferPointer<UInt32>, _ probe: Lexicon.Probe, _ startWords: (UInt64, UInt64), _ sink: inout Sink
  ) {
    // The code table as a bare pointer held in a register: the letter loop is most of the time.
    let codes = probe.letterCode.baseAddress.unsafelyUnwrapped
    // A local sink, so that its count can stay in a register.
    var out = sink
    defer { sink = out }
    let n = s.count
    var i = 0
    while i < n {
      let c = s[i]
      let first = probe.letterClass(c)
      if first != 0 {
        // A word: one table read per letter gives "letter?" and its code for the key.
        var key = Lexicon.append(0, first & ~Lexicon.upperBit)
        var j = i + 1
        var next: UInt32 = 0
        while j < n {
          next = s[j]
          let code = next < Lexicon.classified ? codes[Int(next)] : probe.letterCode(next)
          if code == 0 { break }
          key = Lexicon.append(key, code)
          j += 1
        }
        let id = j - i <= Lexicon.maxWordLength ? probe.lookup(key: key) : 0
        out.append(.word, i, j, code: UInt32(id), capitalized: first & Lexicon.upperBit != 0)
        if id != 0 && Recognizer.mayStartWord(UInt32(id), startWords) { out.stopAtLast() }
        // The space after a word is taken here, without another trip round the outer loop.
        i = j < n && next == 0x20 ? j + 1 : j
        continue
      }
      if c == 0x20 || c == 0x09 { i += 1; continue }
      if c == 0x0A {
        out.append(.newline, i, i + 1, code: c)
        i += 1
        continue
      }
      if isDigit(c) {
        i = lexNumeral(s, i, &out)
        continue
      }
      out.append(.punctuation, i, i + 1, code: c)
      if Recognizer.isMinus(c) { out.stopAtLast() }
      i += 1
    }
  }

  /// Reads `\d+([.,]\d+)*` and interprets it (see `NumeralReader`); a run that is no valid
  /// number is cut into its digit groups and separators.
  static func lexNumeral(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ out: inout Sink) -> Int {
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
      out.appendNumeral(Lexeme(kind: .numeral, start: start, end: end, code: 0, capitalized: false, number: value, plainDigits: 0))
      return end
    }
    // Not a number (`16.01.2023`, `1.23.45`): every digit group is its own numeral and every
    // separator its own punctuation, so that dates can still be read off them.
    var k = start
    while k < end {
      var g = k
      while g < end && isDigit(s[g]) { g += 1 }
      let value = NumeralReader.digits(s, k, g)
      out.appendNumeral(Lexeme(kind: .numeral, start: k, end: g, code: 0, capitalized: false, number: value, plainDigits: g - k))
      if g < end {
        out.append(.punctuation, g, g + 1, code: s[g])
      }
      k = g + 1
    }
    return end
  }
}
