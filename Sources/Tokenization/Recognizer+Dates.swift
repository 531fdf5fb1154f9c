/// Dates, times and periods.
///
/// A period needs its year inside the expression (`6 tháng đầu năm 2023`, `quý I/2024`,
/// `tháng 10 năm 2017`, `năm 2019`); a year-less `6 tháng đầu năm` is left as words. A date
/// without a year (`Ngày 08/7`, `Sáng 14/7`) is read only after a word that announces a day
/// (`ngày`, `sáng`, `chiều`, `tối`, `trưa`, `đêm`, `hôm`, `khuya`), written `D/M` or `D-M`
/// (`Ngày 16-4`): elsewhere `13/32` is a ratio or a number and `65-NQ`, `2016-2021` no date.
extension Recognizer {
  mutating func dateOrPeriod(at i: Int) -> Int? {
    let l = lx[i]
    if l.kind == .numeral {
      // Every reading below needs one of these right after the number: a glued mark
      // (`16/01/2023`), `tháng` (`6 tháng đầu năm`, `05 tháng 3 năm 2024`) or a dash
      // (`2016 - 2021`). Most numbers have none, and are turned away here at once.
      guard glued(i) || isWord(i + 1, W.thang) || isPunct(i + 1, 0x2D) || isPunct(i + 1, 0x2013) else {
        return nil
      }
      if let next = monthsOfYear(at: i) { return next }
      if let next = numericDate(at: i) { return next }
      if let next = wordDate(at: i, from: i) { return next }
      if let next = yearRange(at: i, from: i) { return next }
      return nil
    }
    guard let id = wordID(i) else { return nil }
    switch id {
    case W.ngay: return wordDate(at: i + 1, from: i)
    case W.thang: return monthPeriod(at: i)
    case W.quy: return quarterPeriod(at: i)
    case W.nam: return yearPeriod(at: i)
    default:
      if NumberWords.digit(id) >= 0 || id == W.muoi10 || id == W.nua { return monthsOfYear(at: i) }
      return nil
    }
  }

  // MARK: Emitting

  mutating func emitDate(_ date: SimpleDate, _ i: Int, _ end: Int) -> Int {
    let (a, b) = span(i, end)
    out.append(Token(kind: .date, start: a, end: b, value: .date(date)))
    return end
  }

  mutating func emitPeriod(_ from: SimpleDate, _ to: SimpleDate, _ i: Int, _ end: Int) -> Int {
    let (a, b) = span(i, end)
    out.append(Token(kind: .period, start: a, end: b, value: .period(start: from, end: to)))
    return end
  }

  static func lastDay(_ year: Int, _ month: Int) -> SimpleDate {
    SimpleDate(year: year, month: month, day: SimpleDate.daysIn(month: month, year: year))
  }

  // MARK: Dates

  /// A word that announces a day, so that a year-less `D/M` after it is a date.
  func announcesDay(_ i: Int) -> Bool {
    guard i >= 0, let id = wordID(i) else { return false }
    return id == W.ngay || id == W.sang || id == W.chieu || id == W.toi || id == W.trua
      || id == W.dem || id == W.hom || id == W.khuya
  }

  /// `2023-07-14` (ISO, as some sites print their dateline).
  func readISODate(at i: Int) -> (date: SimpleDate, end: Int)? {
    guard let y = year(i), glued(i), isPunct(i + 1, 0x2D), glued(i + 1), isNumeral(i + 2),
      lx[i + 2].plainDigits == 2, glued(i + 2), isPunct(i + 3, 0x2D), glued(i + 3), isNumeral(i + 4),
      lx[i + 4].plainDigits == 2, let m = lx[i + 2].number.smallInt, let d = lx[i + 4].number.smallInt,
      !glued(i + 4) || lx[i + 5].kind == .punctuation && !isPunct(i + 5, 0x2D),
      SimpleDate.isValid(year: y, month: m, day: d)
    else { return nil }
    return (SimpleDate(year: y, month: m, day: d), i + 5)
  }

  /// `16/01/2023`, `1-7-2019`, `16.01.2023`, `2023-07-14`; `08/7` after `ngày`, `sáng` ….
  func readNumericDate(at i: Int) -> (date: SimpleDate, end: Int)? {
    if let iso = readISODate(at: i) { return iso }
    guard isNumeral(i), lx[i].plainDigits >= 1, lx[i].plainDigits <= 2, glued(i), i + 2 < lx.count,
      lx[i + 1].kind == .punctuation
    else { return nil }
    let sep = lx[i + 1].code
    guard sep == 0x2F || sep == 0x2D || sep == 0x2E, glued(i + 1), isNumeral(i + 2),
      lx[i + 2].plainDigits >= 1, lx[i + 2].plainDigits <= 2,
      let d = lx[i].number.smallInt, let m = lx[i + 2].number.smallInt
    else { return nil }
    if glued(i + 2), isPunct(i + 3, sep), glued(i + 3), let y = year(i + 4) {
      // Something glued after the year (`1/2/2023/x`, `1.2.2023.4`) is not a date.
      // A lower-case word glued on (`1/10/2021của`, a lost space) does not spoil the date.
      if glued(i + 4), i + 5 < lx.count {
        if lx[i + 5].kind == .numeral { return nil }
        if lx[i + 5].kind == .word,
          lx[i + 5].capitalized || lx[i + 5].end - lx[i + 5].start < 2 || glued(i + 5) && lx[i + 6].kind != .punctuation
        {
          return nil
        }
        if isPunct(i + 5, sep), glued(i + 5), isNumeral(i + 6) { return nil }
      }
      guard SimpleDate.isValid(year: y, month: m, day: d) else { return nil }
      return (SimpleDate(year: y, month: m, day: d), i + 5)
    }
    guard sep == 0x2F || sep == 0x2D, announcesDay(i - 1) else { return nil }
    // Not followed by more of a date or a ratio.
    if glued(i + 2), isPunct(i + 3, 0x2F) || isPunct(i + 3, 0x2D) || isPunct(i + 3, 0x2E) && isNumeral(i + 4) { return nil }
    // `ngày 16-4` is 16 April, but `ngày 3-4 tháng 5` is the 3rd and 4th of May.
    if sep == 0x2D, isWord(i + 3, W.thang) { return nil }
    guard SimpleDate.isValid(year: nil, month: m, day: d) else { return nil }
    return (SimpleDate(year: nil, month: m, day: d), i + 3)
  }

  mutating func numericDate(at i: Int) -> Int? {
    guard let (date, end) = readNumericDate(at: i) else { return nil }
    // A full date range: `01/01/2023 - 30/6/2023`, `từ 01/01/2023 đến 30/6/2023`,
    // `từ ngày 15/8 đến ngày 30/9/2023` (the first date takes the second one's year).
    if joinDateRanges, let next = dateRange(first: date, start: i, end: end) { return next }
    return emitDate(date, i, end)
  }

  /// A second full date after `-`, `–` or (after `từ [ngày]`) `đến [ngày]`: the two dates
  /// become one period. A first date without a year is joined only in the `từ … đến` form.
  mutating func dateRange(first: SimpleDate, start i: Int, end: Int) -> Int? {
    var k = end
    if first.year != nil, isPunct(k, 0x2D) || isPunct(k, 0x2013) || isPunct(k, 0x2014) {
      k += 1
    } else if isWord(k, W.den), isWord(i - 1, W.tu) || isWord(i - 2, W.tu) && isWord(i - 1, W.ngay) {
      k += 1
      if isWord(k, W.ngay) { k += 1 }
    } else {
      return nil
    }
    guard let (second, after) = readNumericDate(at: k), let year = second.year else { return nil }
    var from = first
    if from.year == nil {
      // `từ 15/12 đến 15/01/2024`: a first day later in the year is in the year before.
      from.year = (first.month, first.day) <= (second.month, second.day) ? year : year - 1
      guard SimpleDate.isValid(year: from.year, month: from.month, day: from.day) else { return nil }
    }
    guard from < second else { return nil }
    return emitPeriod(from, second, i, after)
  }

  /// `ngày 05 tháng 3 năm 2024` (from `ngày`), `05 tháng 3 năm 2024`; `ngày 5 tháng 3` without
  /// a year only after `ngày`.
  mutating func wordDate(at i: Int, from start: Int) -> Int? {
    guard let d = plainInt(i), lx[i].plainDigits <= 2, isWord(i + 1, W.thang), let m = plainInt(i + 2),
      lx[i + 2].plainDigits <= 2
    else { return nil }
    if isWord(i + 3, W.nam), let y = year(i + 4) {
      guard SimpleDate.isValid(year: y, month: m, day: d) else { return nil }
      return emitDate(SimpleDate(year: y, month: m, day: d), start, i + 5)
    }
    guard start < i, SimpleDate.isValid(year: nil, month: m, day: d) else { return nil }
    return emitDate(SimpleDate(year: nil, month: m, day: d), start, i + 3)
  }

  /// `18:30`, `18h30`, `8h`: minutes since midnight.
  mutating func time(at i: Int) -> Int? {
    guard let h = plainInt(i), lx[i].plainDigits <= 2, h <= 23, glued(i) else { return nil }
    var minutes = 0
    var end: Int
    if isPunct(i + 1, 0x3A) {
      guard glued(i + 1), isNumeral(i + 2), lx[i + 2].plainDigits == 2, let m = lx[i + 2].number.smallInt,
        m <= 59
      else { return nil }
      minutes = m
      end = i + 3
    } else if isWord(i + 1, W.h) {
      end = i + 2
      if glued(i + 1), isNumeral(i + 2), lx[i + 2].plainDigits == 2, let m = lx[i + 2].number.smallInt, m <= 59 {
        minutes = m
        end = i + 3
      }
    } else {
      return nil
    }
    // Glued to more digits or letters: not a time (`10:30:45` is still read as 10:30).
    if glued(end - 1), end < lx.count, lx[end].kind == .word { return nil }
    let (a, b) = span(i, end)
    out.append(Token(kind: .time, start: a, end: b, value: .number(DecimalNumber(Int64(h * 60 + minutes)))))
    return end
  }

  // MARK: Periods

  /// `6 tháng đầu năm 2023`, `9 tháng cuối năm 2021`, `sáu tháng đầu năm 2023`,
  /// `nửa đầu năm 2023`.
  mutating func monthsOfYear(at i: Int) -> Int? {
    var n: Int
    var k: Int
    if isWord(i, W.nua) {
      n = 6
      k = i + 1
    } else if let v = plainInt(i), lx[i].plainDigits <= 2 {
      n = v
      guard isWord(i + 1, W.thang) else { return nil }
      k = i + 2
    } else if options.numberWords, let t = wordTriple(at: i) {
      n = Int(t.value)
      guard isWord(t.end, W.thang) else { return nil }
      k = t.end + 1
    } else {
      return nil
    }
    guard n >= 1, n <= 12 else { return nil }
    let first = isWord(k, W.dau)
    guard first || isWord(k, W.cuoi), isWord(k + 1, W.nam), let y = year(k + 2) else { return nil }
    let from = first ? SimpleDate(year: y, month: 1, day: 1) : SimpleDate(year: y, month: 13 - n, day: 1)
    let to = first ? Recognizer.lastDay(y, n) : SimpleDate(year: y, month: 12, day: 31)
    return emitPeriod(from, to, i, k + 3)
  }

  /// `7/ 2018` after `tháng` or `quý`: a slash touching the month and one space before a year.
  func slashThenSpacedYear(_ i: Int) -> Bool {
    guard glued(i), isPunct(i + 1, 0x2F), year(i + 2) != nil else { return false }
    return lx[i + 2].start == lx[i + 1].end + 1
  }

  /// The year written after the month or quarter number at `k`: `năm 2018`, `/2018`,
  /// `-2018` (glued) or `/ 2018`; with the lexeme index just past it.
  func yearAfterNumber(_ k: Int) -> (year: Int, end: Int)? {
    if isWord(k + 1, W.nam), let y = year(k + 2) { return (y, k + 3) }
    if glued(k), isPunct(k + 1, 0x2F) || isPunct(k + 1, 0x2D), glued(k + 1), let y = year(k + 2) {
      return (y, k + 3)
    }
    if slashThenSpacedYear(k), let y = year(k + 2) { return (y, k + 3) }
    return nil
  }

  /// `tháng 10 năm 2017`, `tháng 10/2017`, `tháng 7/ 2018`: the whole month.
  mutating func monthPeriod(at i: Int) -> Int? {
    guard let m = plainInt(i + 1), lx[i + 1].plainDigits <= 2, m >= 1, m <= 12 else { return nil }
    guard let (y, end) = yearAfterNumber(i + 1) else { return nil }
    return emitPeriod(SimpleDate(year: y, month: m, day: 1), Recognizer.lastDay(y, m), i, end)
  }

  /// `quý I/2024`, `quý 4 năm 2018`, `quý IV-2018`, `quý I/ 2024`.
  mutating func quarterPeriod(at i: Int) -> Int? {
    var q: Int
    if let v = plainInt(i + 1), lx[i + 1].plainDigits == 1 {
      q = v
    } else if let id = wordID(i + 1) {
      switch id {
      case W.romanI: q = 1
      case W.romanII: q = 2
      case W.romanIII: q = 3
      case W.romanIV: q = 4
      default: return nil
      }
    } else {
      return nil
    }
    guard q >= 1, q <= 4 else { return nil }
    guard let (y, end) = yearAfterNumber(i + 1) else { return nil }
    let from = SimpleDate(year: y, month: 3 * q - 2, day: 1)
    return emitPeriod(from, Recognizer.lastDay(y, 3 * q), i, end)
  }

  /// `năm 2019` (the whole year); `năm 2019-2021`, `từ năm 2019 đến năm 2021` (the span).
  mutating func yearPeriod(at i: Int) -> Int? {
    // A birth year (`sinh năm 1965`) is a period too, as the annotation guidelines list it.
    guard let y = year(i + 1), !namesALaw(before: i) else { return nil }
    var end = i + 2
    var last = y
    if isPunct(end, 0x2D) || isPunct(end, 0x2013), let y2 = year(end + 1), y2 > y {
      last = y2
      end += 2
    } else if isWord(i - 1, W.tu), isWord(end, W.den) {
      if isWord(end + 1, W.nam), let y2 = year(end + 2), y2 > y {
        last = y2
        end += 3
      } else if let y2 = year(end + 1), y2 > y {
        last = y2
        end += 2
      }
    }
    return emitPeriod(SimpleDate(year: y, month: 1, day: 1), SimpleDate(year: last, month: 12, day: 31), i, end)
  }

  /// True when `năm` at `i` ends the name of a law (`Luật Đất đai năm 2013`, `Luật Phòng,
  /// chống tham nhũng năm 2018`, `Bộ luật Hình sự năm 2015`, `Hiến pháp năm 2013`): that year
  /// names the law's version, it is no period. Looks back over the name to `Luật` (capitalized,
  /// or after `Bộ`) or `Hiến pháp`, stopping at a sentence mark or a comma right before `năm`.
  func namesALaw(before i: Int) -> Bool {
    if i > 0, lx[i - 1].kind == .punctuation { return false }
    var j = i - 1
    var steps = 0
    while j >= 0 && steps < 10 {
      let l = lx[j]
      if l.kind == .newline { return false }
      if l.kind == .punctuation {
        let c = l.code
        if c == 0x2E || c == 0x3B || c == 0x3A || c == 0x28 || c == 0x29 || c == 0x21 || c == 0x3F { return false }
      } else if l.kind == .word {
        if l.code == UInt32(W.luat) && (l.capitalized || isWord(j - 1, W.bo)) { return true }
        if l.code == UInt32(W.phap) && isWord(j - 1, W.hien) { return true }
      }
      j -= 1
      steps += 1
    }
    return false
  }

  /// `giai đoạn 2021-2025`, `thời kỳ 2016 - 2021`, `nhiệm kỳ 2020 – 2025`, `(2020-2022)`:
  /// the years' span.
  mutating func yearRange(at i: Int, from start: Int) -> Int? {
    let announced = isWord(i - 1, W.doan) && isWord(i - 2, W.giai)
      || isWord(i - 1, W.ky) && (isWord(i - 2, W.thoi) || isWord(i - 2, W.nhiem))
    guard let y = year(i), isPunct(i + 1, 0x2D) || isPunct(i + 1, 0x2013), let y2 = year(i + 2), y2 > y
    else { return nil }
    if !announced {
      // Unannounced, only the tight form `(2020-2022)`: a dash touching both years, not a
      // piece of a document number (`12/2020-2022`), and a span of at most 20 years.
      guard glued(i), glued(i + 1), y2 - y <= 20 else { return nil }
      if i > 0, lx[i - 1].end == lx[i].start, lx[i - 1].kind != .punctuation || isPunct(i - 1, 0x2F) || isPunct(i - 1, 0x2D) {
        return nil
      }
      if glued(i + 2), i + 3 < lx.count, lx[i + 3].kind != .punctuation || isPunct(i + 3, 0x2F) || isPunct(i + 3, 0x2D) {
        return nil
      }
    }
    return emitPeriod(SimpleDate(year: y, month: 1, day: 1), SimpleDate(year: y2, month: 12, day: 31), start, i + 3)
  }
}
