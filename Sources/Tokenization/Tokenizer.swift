import VNText

/// Turns normalized text into tokens: syllables, punctuation, line breaks, and typed tokens
/// (numbers, money, counts, percentages, areas, dates, times, periods) with parsed values.
///
/// Works in two passes over the scalars: the `Lexer` cuts words, digit groups and punctuation,
/// then the recognizers read typed tokens off that lexeme array left to right, trying the
/// longest reading at each position (dates and periods first, then quantities, then numbers).
/// Everything a typed token does not cover comes out as `word`, `punctuation`, `newline` or
/// `number` tokens. Offsets are normalized scalar offsets. A qualifier in front of a quantity
/// (`hơn 46 triệu đồng`) stays in the stream as its own word tokens; the quantity token starts
/// after it and records it in `Quantity.qualifier` and `Quantity.qualifierRange`.
///
/// Numbers in words follow a precision-first policy, because three of the ten digit words
/// are everyday words: `một` is also "a/one", `không` is "not/zero", `năm` is "year/five".
/// - A sequence of number words becomes a number only as a well-formed compound
///   (`mười lăm`, `ba mươi mốt`, `một trăm linh năm`, `hai mươi mốt nghìn không trăm mười một`)
///   or as one digit word followed by a scale word, unit or counted noun (`hai tỷ`, `ba cuộc`).
/// - `một` and `không` alone are never numbers; `năm` alone is never five (it is "year").
///   One exception: `một` before a counted noun as an item of a list that counts the same noun
///   in the same sentence (`: một vụ …, một vụ … và hai vụ …`; see `enumeratedOne`).
///   `năm` is five only before `mươi`/`trăm`/`nghìn`/`triệu`/`tỷ` or after `linh`/`lẻ`.
///   After `mươi` and `mười` only `lăm`/`nhăm` is five (`hai mươi năm` is "twenty years").
/// - A capitalized single digit word is a number only before a lower-case unit or counted
///   noun (`Hai cuộc thanh tra …`); otherwise it is a name or a weekday (`Thứ Sáu`, `Ba Đình`).
public struct Tokenizer: Sendable {
  /// Options for the tokenizer.
  public struct Options: Sendable, Equatable {
    /// Read numbers written in words (default: on).
    public var numberWords: Bool

    /// Options with the defaults unless given.
    public init(numberWords: Bool = true) {
      self.numberWords = numberWords
    }
  }

  /// The options in effect.
  public var options: Options

  /// A tokenizer; it holds no state, so one value can serve every thread.
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Tokenizes a normalized text; never fails.
  public func tokenize(_ text: NormalizedText) -> [Token] {
    text.scalars.withUnsafeBufferPointer { tokens(of: $0) }
  }

  /// The tokens of `s`: lexed into room reused from text to text (`LexerScratch`), then
  /// recognized; `joinDateRanges: false` leaves a date range as its two dates.
  private func tokens(of s: UnsafeBufferPointer<UInt32>, joinDateRanges: Bool = true) -> [Token] {
    LexerScratch.with(count: s.count) { lexemes, stops in
      let (n, stopCount) = Lexer.lex(s, into: lexemes, stops: stops)
      var recognizer = Recognizer(
        s: s, lx: UnsafeBufferPointer(rebasing: lexemes[..<n]), stops: UnsafeBufferPointer(rebasing: stops[..<stopCount]),
        options: options)
      recognizer.joinDateRanges = joinDateRanges
      return recognizer.run()
    }
  }

  /// The date tokens inside a period written as a full date range (`từ ngày 01/01/2020 đến
  /// ngày 31/12/2022` → the two dates, with their own offsets); empty for any other token.
  ///
  /// The token stream is flat, so a range comes out as one `period` token; a record that also
  /// lists every date as a date mention gets them from here.
  public func datesInside(_ token: Token, in text: NormalizedText) -> [Token] {
    datesInside(token, in: text, screen: true)
  }

  /// `datesInside(_:in:)`; with `screen`, a period without what a date needs is answered at
  /// once (see `mayHoldDate`). Tests compare the two.
  func datesInside(_ token: Token, in text: NormalizedText, screen: Bool) -> [Token] {
    guard token.kind == .period, token.start >= 0, token.end <= text.scalars.count else { return [] }
    return text.scalars.withUnsafeBufferPointer { all in
      if screen && !Tokenizer.mayHoldDate(UnsafeBufferPointer(rebasing: all[token.start..<token.end])) { return [] }
      // A little context before the span, so that the cue of a year-less first date
      // (`ngày 15/8 đến …`) is seen too.
      let from = max(0, token.start - 16)
      let slice = UnsafeBufferPointer(rebasing: all[from..<token.end])
      let found = tokens(of: slice, joinDateRanges: false)
      let periodStart: SimpleDate? = {
        if case .period(let a, _) = token.value { return a }
        return nil
      }()
      return found.compactMap { t in
        guard t.kind == .date, case .date(var d) = t.value, t.start + from >= token.start else { return nil }
        var shifted = t
        shifted.start += from
        shifted.end += from
        // `từ ngày 15/8 đến ngày 30/9/2023`: the first date has the year the period gave it.
        if d.year == nil, let p = periodStart, p.month == d.month, p.day == d.day {
          d.year = p.year
          shifted.value = .date(d)
        }
        return shifted
      }
    }
  }

  /// `tháng`, lower case.
  static let thang: [UInt32] = [0x74, 0x68, 0xE1, 0x6E, 0x67]

  /// Whether a date could be read inside `s`: every date starts with a number followed by a
  /// glued `/`, `-` or `.` and a digit (`01/01/2020`, `16-4`) or by the word `tháng` and a
  /// number (`05 tháng 3 năm 2024`). Most periods (`năm 2023`, `6 tháng đầu năm 2023`,
  /// `quý I/2024`) are turned away without lexing them again.
  static func mayHoldDate(_ s: UnsafeBufferPointer<UInt32>) -> Bool {
    let thang = Tokenizer.thang
    var k = 0
    while k + 1 < s.count {
      if Lexer.isDigit(s[k]) {
        let c = s[k + 1]
        if (c == 0x2F || c == 0x2D || c == 0x2E) && k + 2 < s.count && Lexer.isDigit(s[k + 2]) { return true }
        if c == 0x20 || c == 0x09 {
          var w = k + 1
          while w < s.count && (s[w] == 0x20 || s[w] == 0x09) { w += 1 }
          if w + thang.count <= s.count && (0..<thang.count).allSatisfy({ Lexer.lower(s[w + $0]) == thang[$0] }) {
            var m = w + thang.count
            while m < s.count && (s[m] == 0x20 || s[m] == 0x09) { m += 1 }
            if m < s.count && Lexer.isDigit(s[m]) { return true }
          }
        }
      }
      k += 1
    }
    return false
  }
}
