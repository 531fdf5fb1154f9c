/// What a number phrase read: `46.237`, `3 tỷ 200 triệu`, `hai mươi mốt nghìn không trăm mười một`.
struct Amount {
  var value: DecimalNumber
  /// Lexeme index just after the phrase.
  var end: Int
  /// Number words read (digit, tens and scale words).
  var words: Int
  /// Digit numerals read.
  var numerals: Int
  /// A scale word (`nghìn`, `triệu`, `tỷ`) was applied.
  var scaled: Bool
  var negative: Bool

  /// A numeral with nothing else: `46.237`, `03`.
  var isPlainNumeral: Bool { numerals == 1 && words == 0 && !negative }
}

/// Facts about the number words, indexed by lexicon id.
enum NumberWords {
  /// The digit a word names (`không` 0 … `chín` 9), else -1: the digit words have ids 1…10.
  @inline(__always)
  static func digit(_ id: UInt16) -> Int {
    id >= W.khong && id <= W.chin ? Int(id - W.khong) : -1
  }

  /// The power of ten of a scale word, else 0.
  static func scale(_ id: UInt16) -> Int {
    if id == W.nghin { return 3 }
    if id == W.trieu { return 6 }
    if id == W.ty { return 9 }
    return 0
  }
}

extension Recognizer {
  @inline(__always)
  func digitWord(_ i: Int) -> Int? {
    guard let id = wordID(i) else { return nil }
    let d = NumberWords.digit(id)
    return d >= 0 ? d : nil
  }

  @inline(__always)
  func scaleWord(_ i: Int) -> Int {
    guard let id = wordID(i) else { return 0 }
    return NumberWords.scale(id)
  }

  /// The unit digit after `mười` (`mười một` … `mười chín`, `mười lăm`); `năm` is not taken
  /// there (`mười năm` is "ten years").
  func unitAfterMuoi10(_ i: Int) -> Int? {
    guard let id = wordID(i) else { return nil }
    if id == W.lam { return 5 }
    if id == W.nam || id == W.khong { return nil }
    let d = NumberWords.digit(id)
    return d > 0 ? Int(d) : nil
  }

  /// The unit digit after `mươi` (`mốt`, `tư`, `lăm`, `hai` …); not `năm`.
  func unitAfterMuoi(_ i: Int) -> Int? {
    guard let id = wordID(i) else { return nil }
    if id == W.mot2 { return 1 }
    if id == W.tu4 { return 4 }
    if id == W.lam { return 5 }
    if id == W.nam || id == W.khong { return nil }
    let d = NumberWords.digit(id)
    return d > 0 ? Int(d) : nil
  }

  /// A number below a thousand in words: `[D trăm] [linh D | mười [U] | D mươi [U] | D]`.
  /// Returns the value, the index after it and the number of words.
  func wordTriple(at i: Int) -> (value: Int64, end: Int, words: Int)? {
    var j = i
    var v: Int64 = 0
    var hundreds = false
    if let d = digitWord(j), isWord(j + 1, W.tram) {
      v = Int64(d) * 100
      j += 2
      hundreds = true
      if isWord(j, W.linh), let u = digitWord(j + 1), u > 0 {
        return (v + Int64(u), j + 2, j + 2 - i)
      }
    }
    if isWord(j, W.muoi10) {
      v += 10
      j += 1
      if let u = unitAfterMuoi10(j) { v += Int64(u); j += 1 }
      return (v, j, j - i)
    }
    if let d = digitWord(j), d >= 2, isWord(j + 1, W.muoi) {
      v += Int64(d) * 10
      j += 2
      if let u = unitAfterMuoi(j) { v += Int64(u); j += 1 }
      return (v, j, j - i)
    }
    if hundreds { return (v, j, j - i) }
    // A lone digit word; `không` never, `năm` only before a scale word.
    guard let d = digitWord(j), d != 0 else { return nil }
    if d == 5 && scaleWord(j + 1) == 0 { return nil }
    return (Int64(d), j + 1, 1)
  }

  /// Could a number start at lexeme `i`?
  @inline(__always)
  func startsNumber(_ i: Int) -> Bool {
    if isNumeral(i) { return true }
    guard options.numberWords, let id = wordID(i) else { return false }
    return NumberWords.digit(id) >= 0 || id == W.muoi10
  }

  /// Reads a number phrase at `i`: an optional sign (`-`, `âm`), then groups of a numeral or
  /// words with their scale words, scales strictly decreasing (`3 tỷ 200 triệu`), `rưỡi` after
  /// a scale (`hai tỷ rưỡi`), and in words a last group without scale below the one before
  /// (`hai mươi mốt nghìn không trăm mười một`).
  func amount(at i: Int) -> Amount? {
    var j = i
    var negative = false
    if i < lx.count, lx[i].kind == .punctuation, lx[i].code == 0x2D || lx[i].code == 0x2212 {
      // A minus sign touches its number and follows a space: not a hyphen (`65-NQ`), not a
      // list bullet at the start of a line.
      guard glued(i), isNumeral(i + 1), i > 0, lx[i - 1].kind != .newline,
        lx[i - 1].end < lx[i].start
      else { return nil }
      negative = true
      j += 1
    } else if isWord(i, W.am), startsNumber(i + 1) {
      negative = true
      j += 1
    }
    var total = DecimalNumber(0)
    var lastScale = Int.max
    var read = false
    var words = 0, numerals = 0
    var scaled = false
    if negative && isWord(i, W.am) { words += 1 }
    while j < lx.count {
      let groupStart = j
      var v: DecimalNumber
      var groupWords = 0, groupNumerals = 0
      var inWords = false
      if isNumeral(j) {
        // A numeral glued to a following `/`, `:` or `-` and digit is a date, time or ratio
        // piece, not a continuation.
        if read, glued(j), isPunct(j + 1, 0x2F) || isPunct(j + 1, 0x3A) { break }
        v = lx[j].number
        j += 1
        groupNumerals = 1
      } else if options.numberWords, let t = wordTriple(at: j) {
        v = DecimalNumber(t.value)
        j = t.end
        groupWords = t.words
        inWords = true
      } else {
        break
      }
      var exp = 0
      while case let e = scaleWord(j), e > 0 {
        exp += e
        j += 1
        groupWords += 1
      }
      if exp == 0 {
        if !read {
          total = v
          read = true
          words += groupWords
          numerals += groupNumerals
          break
        }
        // A last group without scale, only in words and only below the scale before it.
        if inWords, lastScale != Int.max, v.significand < pow10(lastScale) {
          guard let sum = total.adding(v) else { return nil }
          total = sum
          words += groupWords
        } else {
          j = groupStart
        }
        break
      }
      if exp >= lastScale { j = groupStart; break }
      guard let sum = total.adding(DecimalNumber(significand: v.significand, exponent: v.exponent + exp))
      else { return nil }
      total = sum
      read = true
      scaled = true
      lastScale = exp
      words += groupWords
      numerals += groupNumerals
      if isWord(j, W.ruoi) {
        guard let half = total.adding(DecimalNumber(significand: 5, exponent: exp - 1)) else { return nil }
        total = half
        j += 1
        words += 1
        break
      }
      if !startsNumber(j) { break }
    }
    guard read else { return nil }
    if negative { total = total.negated }
    return Amount(
      value: total.canonical, end: j, words: words, numerals: numerals, scaled: scaled,
      negative: negative)
  }

  func pow10(_ e: Int) -> Int64 {
    var v: Int64 = 1
    for _ in 0..<min(e, 18) { v *= 10 }
    return v
  }

  /// Whether words alone may stand for a number here (see `Tokenizer`'s policy): a compound of
  /// two or more number words always; a single digit word never when it is `một`, and otherwise
  /// only when a unit or counted noun follows — capitalized (`Hai cuộc …` at a sentence start)
  /// only when that unit is not capitalized too (`Ba Vì`, `Sáu Tỉnh` are names).
  func wordsAcceptable(_ a: Amount, from i: Int, unitFollows: Bool) -> Bool {
    if a.numerals > 0 || a.words >= 2 { return true }
    let first = isWord(i, W.am) ? i + 1 : i
    if isWord(first, W.mot) || !unitFollows { return false }
    if lx[first].capitalized, a.end < lx.count, lx[a.end].capitalized { return false }
    return true
  }

  /// A number with no unit: digits with a sign or scale (`-5`, `3 tỷ`) or number words.
  mutating func bareNumber(at i: Int) -> Int? {
    guard let a = amount(at: i), !a.isPlainNumeral || a.scaled else { return nil }
    guard a.numerals > 0 || a.words > 0 else { return nil }
    guard wordsAcceptable(a, from: i, unitFollows: false) else { return nil }
    // A lone plain numeral is left to `run()` (it may be glued to letters).
    if a.numerals == 1 && a.words == 0 && !a.negative && !a.scaled { return nil }
    let (start, end) = span(i, a.end)
    out.append(Token(kind: .number, start: start, end: end, value: .number(a.value)))
    return a.end
  }
}
