/// The unit found after a number.
struct UnitMatch {
  var kind: TokenKind
  var unit: UnitName
  /// Lexeme index just after the unit.
  var end: Int
}

extension Recognizer {
  /// A qualifier word (or two) directly in front of a number: `hơn`/`trên` → more than,
  /// `gần`/`ngót` → nearly, `khoảng`/`xấp xỉ`/`chừng` → about, `dưới`/`không quá`/`tối đa` →
  /// less than, `lên tới`/`lên đến`/`tới` → exact. "At least" (`tối thiểu`, `ít nhất`) is
  /// not "more than" and is left exact, as the annotation guidelines do.
  /// Returns the qualifier and the index after its words.
  func qualifier(at i: Int) -> (Qualifier, Int)? {
    guard let id = wordID(i) else { return nil }
    let second = wordID(i + 1)
    switch id {
    case W.hon, W.tren: return (.moreThan, i + 1)
    case W.gan, W.ngot: return (.nearly, i + 1)
    case W.khoang, W.chung: return (.about, i + 1)
    case W.xap where second == W.xi: return (.about, i + 2)
    case W.duoi: return (.lessThan, i + 1)
    case W.khong where second == W.qua: return (.lessThan, i + 2)
    case W.toi where second == W.da: return (.lessThan, i + 2)
    case W.len where second == W.toi2 || second == W.den: return (.exact, i + 2)
    case W.toi2: return (.exact, i + 1)
    default: return nil
    }
  }

  /// The counted noun at `i`, longest first.
  func countedNoun(at i: Int) -> (noun: UnitName, end: Int)? {
    guard let first = wordID(i) else { return nil }
    // `đồng chí` is a counted noun, but `đồng` alone is money.
    // Read in place: a copy of an entry would retain its id list.
    return nounPhrases.withUnsafeBufferPointer { phrases in
      outer: for p in nounsStartingWith[Int(first)] {
        let count = phrases[p].ids.count
        for k in 1..<count where !isWord(i + k, phrases[p].ids[k]) { continue outer }
        // `Điều 12 khoản 3`: a clause of a law, not twelve items.
        if count == 1 && first == khoanID && isNumeral(i + 1) { return nil }
        return (phrases[p].noun, i + count)
      }
      return nil
    }
  }

  /// An area unit at `i`: `m2`, `m²`, `km2`, `km²`, `ha`, `mét vuông`, `hécta`, `héc-ta`.
  func areaUnit(at i: Int) -> (unit: UnitName, end: Int)? {
    guard let id = wordID(i) else { return nil }
    if id == W.m || id == W.km {
      let unit = id == W.m ? UnitName.squareMetre : .squareKilometre
      if glued(i), isPunct(i + 1, 0xB2) { return (unit, i + 2) }
      if glued(i), isNumeral(i + 1), lx[i + 1].plainDigits == 1, lx[i + 1].number.significand == 2,
        !glued(i + 1) || lx[i + 2].kind == .punctuation
      {
        return (unit, i + 2)
      }
      return nil
    }
    if id == W.ha || id == W.hecta || id == W.hecta2 { return (.hectare, i + 1) }
    if id == W.met && isWord(i + 1, W.vuong) { return (.squareMetre, i + 2) }
    if id == W.hec && isPunct(i + 1, 0x2D) && isWord(i + 2, W.ta) { return (.hectare, i + 3) }
    return nil
  }

  /// A currency at `i`: `đồng` (not `đồng chí`, not `Đồng Tháp`), `đ`, `VNĐ`/`VND`, `USD`, `đô la`, `đôla`, `euro`.
  func currency(at i: Int) -> (unit: UnitName, end: Int)? {
    guard let id = wordID(i) else { return nil }
    switch id {
    case W.dong where !isWord(i + 1, W.chi):
      // `Đồng Tháp`, `Đồng Nai`: a capitalized `Đồng` before a capitalized word is a name.
      if lx[i].capitalized, i + 1 < lx.count, lx[i + 1].kind == .word, lx[i + 1].capitalized, glued(i) == false,
        lx[i + 1].start == lx[i].end + 1
      {
        return nil
      }
      return (.vnd, i + 1)
    case W.d, W.vnd: return (.vnd, i + 1)
    case W.usd, W.dola: return (.usd, i + 1)
    case W.dollar where isWord(i + 1, W.la): return (.usd, i + 2)
    case W.dollar where isPunct(i + 1, 0x2D) && isWord(i + 2, W.la): return (.usd, i + 3)
    case W.euro, W.eur: return (.eur, i + 1)
    default: return nil
    }
  }

  /// The unit after a number at `i`.
  func unit(at i: Int) -> UnitMatch? {
    guard i < lx.count else { return nil }
    if lx[i].kind == .punctuation {
      if lx[i].code == 0x25 || lx[i].code == 0xFF05 { return UnitMatch(kind: .percent, unit: .percent, end: i + 1) }
      return nil
    }
    guard lx[i].kind == .word, lx[i].code != 0 else { return nil }
    if let c = currency(at: i) { return UnitMatch(kind: .money, unit: c.unit, end: c.end) }
    if let a = areaUnit(at: i) { return UnitMatch(kind: .area, unit: a.unit, end: a.end) }
    if isWord(i, W.phan) && isWord(i + 1, W.tram) { return UnitMatch(kind: .percent, unit: .percent, end: i + 2) }
    if let n = countedNoun(at: i) { return UnitMatch(kind: .count, unit: n.noun, end: n.end) }
    return nil
  }

  /// `đồng/m2`: the unit priced, written right after a `/` that touches the currency.
  func per(at i: Int) -> (UnitName, Int)? {
    guard isPunct(i, 0x2F), i > 0, lx[i - 1].end == lx[i].start, glued(i), i + 1 < lx.count,
      lx[i + 1].kind == .word
    else { return nil }
    if let a = areaUnit(at: i + 1) { return (a.unit, a.end) }
    // `đồng/m3`, `đồng/m³`: a cubic metre.
    if isWord(i + 1, W.m), glued(i + 1) {
      if isPunct(i + 2, 0xB3) { return (.cubicMetre, i + 3) }
      if isNumeral(i + 2), lx[i + 2].plainDigits == 1, lx[i + 2].number.significand == 3,
        !glued(i + 2) || lx[i + 3].kind == .punctuation
      {
        return (.cubicMetre, i + 3)
      }
    }
    if let n = countedNoun(at: i + 1) { return (n.noun, n.end) }
    let w = lx[i + 1]
    guard w.end - w.start <= 8 else { return nil }
    var scalars = String.UnicodeScalarView()
    for k in w.start..<w.end { scalars.append(Unicode.Scalar(Lexer.lower(s[k])) ?? "?") }
    return (UnitName(String(scalars)), i + 2)
  }

  /// `một` counted in a list of counts of the same noun: `một vụ tại Đắk Nông, một vụ tại Lâm
  /// Đồng và hai vụ tại Bình Thuận`. Elsewhere `một vụ` is "a case" and no count (see
  /// `Tokenizer`; `Trong 5 cuộc thanh tra …, Sở … tiến hành một cuộc thanh tra` stays words), so
  /// this holds only when `một` alone, right after a list mark (`,`, `:`, `và`, `hoặc`), is
  /// followed by a counted noun and the same sentence (up to `.`, `;`, `!`, `?` or a line break),
  /// within 30 lexemes either way, has another list item counting the same noun in digits or in
  /// another digit word (`hai` … `chín`, `mười`) after a list mark.
  func enumeratedOne(_ a: Amount, from i: Int, _ u: UnitMatch) -> Bool {
    guard u.kind == .count, a.words == 1, a.numerals == 0, !a.negative, a.end == i + 1, isWord(i, W.mot),
      isListMark(i - 1)
    else { return false }
    func isCount(_ j: Int) -> Bool {
      guard j > 1, isListMark(j - 2), let n = countedNoun(at: j), n.noun == u.unit else { return false }
      if isNumeral(j - 1) { return lx[j - 1].number.isWhole }
      guard let id = wordID(j - 1) else { return false }
      let d = NumberWords.digit(id)
      return d >= 2 && d != 5 || id == W.muoi10
    }
    func endsSentence(_ j: Int) -> Bool {
      let l = lx[j]
      if l.kind == .newline { return true }
      guard l.kind == .punctuation else { return false }
      return l.code == 0x2E || l.code == 0x3B || l.code == 0x21 || l.code == 0x3F
    }
    var j = u.end
    while j < lx.count && j < u.end + 30 && !endsSentence(j) {
      if isCount(j) { return true }
      j += 1
    }
    j = i - 1
    while j > 1 && j > i - 30 && !endsSentence(j) {
      if isCount(j) { return true }
      j -= 1
    }
    return false
  }

  /// A mark between list items: `,`, `:`, `và`, `hoặc`.
  func isListMark(_ j: Int) -> Bool {
    isPunct(j, 0x2C) || isPunct(j, 0x3A) || isWord(j, W.va) || isWord(j, W.hoac)
  }

  /// `[qualifier] number [scale] unit`, and ratios `32/55 cuộc`. The qualifier words stay in
  /// the stream as words, in front of the quantity.
  mutating func quantity(at i: Int) -> Int? {
    var k = i
    var qual = Qualifier.exact
    var qualRange: Range<Int>? = nil
    // `xếp thứ 5 trên 63 tỉnh`: after a rank, `trên` means "out of", not "more than".
    let rankedOutOf = isWord(i, W.tren) && isNumeral(i - 1) && isWord(i - 2, W.thu)
    if lx[i].kind == .word, !rankedOutOf, let (q, after) = qualifier(at: i), startsNumber(after) || isPunct(after, 0x2D) {
      qual = q
      qualRange = lx[i].start..<lx[after - 1].end
      k = after
    }
    guard let (token, end) = quantityToken(at: k, qualifier: qual, qualifierRange: qualRange) else { return nil }
    for w in i..<k { out.append(Token(kind: .word, start: lx[w].start, end: lx[w].end)) }
    out.append(token)
    return end
  }

  /// The quantity token starting with the number at `k`, with the qualifier read in front of
  /// it, and the lexeme index after it. (A token, not a `Quantity`: the quantity is built in place
  /// in the token's value.)
  func quantityToken(at k: Int, qualifier qual: Qualifier, qualifierRange qualRange: Range<Int>?) -> (Token, Int)? {
    // Ratio: `32/55 cuộc` → 32 of 55.
    if isNumeral(k), lx[k].number.isWhole, glued(k), isPunct(k + 1, 0x2F), glued(k + 1),
      isNumeral(k + 2), lx[k + 2].number.isWhole, !glued(k + 2) || !isPunct(k + 3, 0x2F),
      let n = countedNoun(at: k + 3)
    {
      let (start, end) = span(k, n.end)
      let value = TokenValue.quantity(
        Quantity(
          value: lx[k].number.canonical, unitName: n.noun, qualifier: qual, of: lx[k + 2].number.canonical,
          qualifierRange: qualRange))
      return (Token(kind: .count, start: start, end: end, value: value), n.end)
    }
    guard let a = amount(at: k) else { return nil }
    // A plain numeral that is a piece of a date or ratio (`13/32`, `1-7-2019`) has no unit.
    if a.isPlainNumeral, glued(a.end - 1), isPunct(a.end, 0x2F) || isPunct(a.end, 0x3A) { return nil }
    guard var u = unit(at: a.end) else { return nil }
    guard wordsAcceptable(a, from: k, unitFollows: true) || qualRange == nil && enumeratedOne(a, from: k, u)
    else { return nil }
    if u.kind == .count && !a.value.isWhole { return nil }
    var perUnit: UnitName? = nil
    if u.kind == .money, let (p, after) = per(at: u.end) {
      perUnit = p
      u.end = after
    }
    let (start, end) = span(k, u.end)
    let value = TokenValue.quantity(
      Quantity(value: a.value, unitName: u.unit, qualifier: qual, perName: perUnit, qualifierRange: qualRange))
    return (Token(kind: u.kind, start: start, end: end, value: value), u.end)
  }
}
