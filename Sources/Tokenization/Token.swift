/// One token of normalized text: a syllable, a punctuation mark, or a typed token such as a
/// sum of money that covers several syllables (`46.237 triệu đồng`).
///
/// Offsets are in Unicode scalars of the *normalized* text; `NormalizedText.rawRange` maps
/// them back to the raw input when mentions are built.
public struct Token: Sendable, Equatable {
  // Stored in this order so that the one-byte kind fills the end of the value's last word:
  // a token is 72 bytes of plain data (see `TokenValue`).
  /// Start offset in normalized scalars.
  public var start: Int
  /// End offset in normalized scalars (exclusive).
  public var end: Int
  /// The parsed value of a typed token; nil for syllables and punctuation.
  public var value: TokenValue?
  /// What sort of token this is.
  public var kind: TokenKind

  public init(kind: TokenKind, start: Int, end: Int, value: TokenValue? = nil) {
    self.kind = kind
    self.start = start
    self.end = end
    self.value = value
  }

  /// The span in normalized scalars.
  public var range: Range<Int> { start..<end }

  /// The quantity of a money, count, percent or area token, else nil.
  public var quantity: Quantity? {
    if case .quantity(let q) = value { return q }
    return nil
  }

  /// The number of a `number` or `time` token, else nil.
  public var number: DecimalNumber? {
    if case .number(let n) = value { return n }
    return nil
  }

  /// The date of a `date` token, else nil.
  public var date: SimpleDate? {
    if case .date(let d) = value { return d }
    return nil
  }
}

/// The kinds of token. Typed kinds (`number` and after) carry a `TokenValue`.
public enum TokenKind: String, Sendable, CaseIterable, Codable {
  /// A run of letters: one Vietnamese syllable, or a Latin word/abbreviation (`UBND`, `KNTC`).
  case word
  /// One punctuation mark or symbol (`,`, `.`, `(`, `/`, `“`, `–`, `…`).
  case punctuation
  /// A line break: paragraphs and title lines end here.
  case newline
  /// A number with no unit: `.number(...)`.
  case number
  /// A sum of money: `.quantity(...)` with unit `VND`, `USD`, ….
  case money
  /// A number of counted things: `.quantity(...)` with the counted noun as unit.
  case count
  /// A percentage: `.quantity(...)` with unit `%`.
  case percent
  /// An area: `.quantity(...)` with unit `m2`, `ha` or `km2`.
  case area
  /// A calendar date: `.date(...)`.
  case date
  /// A time of day (`18:30`): `.number` of minutes since midnight.
  case time
  /// A span of days: `.period(...)`.
  case period
  /// Anything else (a run of digits glued to letters that is not a quantity, emoji, …).
  case other
}

/// The parsed value of a typed token.
///
/// Plain data, stored inline: a quantity names its units by `UnitName` and a date is three
/// 32-bit numbers, so that the largest payload is about 50 bytes, a token holds no reference,
/// and an array of tokens is written, copied and freed without reference counting or boxes.
public enum TokenValue: Sendable, Equatable {
  case number(DecimalNumber)
  case quantity(Quantity)
  case date(SimpleDate)
  case period(start: SimpleDate, end: SimpleDate)
}

/// An exact decimal: `significand × 10^exponent`. Money must not pass through `Double`:
/// `1.391,1 triệu đồng` is exactly 1 391 100 000 đồng.
public struct DecimalNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var significand: Int64
  public var exponent: Int

  public init(significand: Int64, exponent: Int = 0) {
    self.significand = significand
    self.exponent = exponent
  }

  public init(_ integer: Int64) { self.init(significand: integer, exponent: 0) }

  /// The value as a `Double` (for comparisons and scoring, not for output).
  public var doubleValue: Double {
    var v = Double(significand)
    if exponent > 0 { for _ in 0..<exponent { v *= 10 } }
    if exponent < 0 { for _ in 0..<(-exponent) { v /= 10 } }
    return v
  }

  /// The value with trailing zeros removed from the significand (`1200 × 10^-2` → `12`).
  public var reduced: DecimalNumber {
    var s = significand, e = exponent
    while s != 0 && s % 10 == 0 && e < 0 { s /= 10; e += 1 }
    if s == 0 { e = 0 }
    return DecimalNumber(significand: s, exponent: e)
  }

  /// The value multiplied by `10^power`, exactly.
  public func scaled(byPowerOfTen power: Int) -> DecimalNumber {
    DecimalNumber(significand: significand, exponent: exponent + power).reduced
  }

  /// The value as a whole number when it is one and fits in `Int64`.
  public var integerValue: Int64? {
    let r = reduced
    if r.exponent < 0 { return nil }
    var v = r.significand
    for _ in 0..<r.exponent {
      let (m, overflow) = v.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      v = m
    }
    return v
  }

  /// Plain decimal notation with `.` as the decimal mark (`88.8`, `46237000000`): the JSON form.
  public var description: String {
    let r = reduced
    let negative = r.significand < 0
    var digits = String(r.significand.magnitude)
    if r.exponent >= 0 {
      if r.significand != 0 { digits += String(repeating: "0", count: r.exponent) }
    } else {
      let places = -r.exponent
      if digits.count <= places {
        digits = String(repeating: "0", count: places - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
    }
    return negative ? "-" + digits : digits
  }
}

/// A number with a unit: money, counts, percentages, areas.
///
/// Plain data: the units are `UnitName`s, and the optional parts are stored without
/// `Optional`'s extra bytes (the qualifier's range as 32-bit offsets, which any offset into a
/// text the tokenizer accepts fits).
public struct Quantity: Sendable, Equatable {
  /// The value in the base unit: đồng for VND (a whole number), dollars for USD, m² for `m2`.
  public var value: DecimalNumber
  private var ofValue: DecimalNumber
  private var qualifierStart: Int32
  private var qualifierEnd: Int32
  /// The unit, as `unit` names it.
  public var unitName: UnitName
  /// The unit priced, as `per` names it.
  public var perName: UnitName?
  /// The qualifier word in front (`hơn` → `moreThan`); it is not inside the token's span.
  public var qualifier: Qualifier
  private var hasOf: Bool

  public init(
    value: DecimalNumber, unitName: UnitName, qualifier: Qualifier = .exact, of: DecimalNumber? = nil,
    perName: UnitName? = nil, qualifierRange: Range<Int>? = nil
  ) {
    self.value = value
    self.unitName = unitName
    self.perName = perName
    self.qualifier = qualifier
    (ofValue, hasOf, qualifierStart, qualifierEnd) = (DecimalNumber(0), false, -1, -1)
    self.of = of
    self.qualifierRange = qualifierRange
  }

  public init(
    value: DecimalNumber, unit: String, qualifier: Qualifier = .exact, of: DecimalNumber? = nil,
    per: String? = nil, qualifierRange: Range<Int>? = nil
  ) {
    self.init(
      value: value, unitName: UnitName(unit), qualifier: qualifier, of: of, perName: per.map(UnitName.init),
      qualifierRange: qualifierRange)
  }

  /// `VND`, `USD`, `EUR` for money; the counted noun for counts (`cuộc`, `cá nhân`);
  /// `%` for percentages; `m2`, `ha`, `km2` for areas.
  public var unit: String {
    get { unitName.name }
    set { unitName = UnitName(newValue) }
  }

  /// For unit prices, the unit priced (`8.000 đồng/m2` → `m2`), else nil.
  public var per: String? {
    get { perName?.name }
    set { perName = newValue.map(UnitName.init) }
  }

  /// The whole of a fraction count (`32/55 cuộc` → 55), else nil.
  public var of: DecimalNumber? {
    get { hasOf ? ofValue : nil }
    set {
      ofValue = newValue ?? DecimalNumber(0)
      hasOf = newValue != nil
    }
  }

  /// Where the qualifier word is (normalized offsets), when there is one.
  public var qualifierRange: Range<Int>? {
    get { qualifierStart < 0 ? nil : Int(qualifierStart)..<Int(qualifierEnd) }
    set {
      qualifierStart = newValue.map { Int32(clamping: $0.lowerBound) } ?? -1
      qualifierEnd = newValue.map { Int32(clamping: $0.upperBound) } ?? -1
    }
  }
}

/// How a quantity is qualified by the word before it. Raw values are the record's strings.
public enum Qualifier: String, Sendable, Equatable, CaseIterable, Codable {
  case exact
  case moreThan = "more_than"
  case lessThan = "less_than"
  case about
  case nearly
}

/// A calendar date; `year` is nil when the text gives none and nothing has resolved it yet.
///
/// Stored as three 32-bit numbers (values beyond them are clamped), so that a period token's
/// two dates fit in a token (see `TokenValue`).
public struct SimpleDate: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
  /// `Int32.min` while the year is unknown.
  private var storedYear: Int32
  private var storedMonth: Int32
  private var storedDay: Int32

  public init(year: Int?, month: Int, day: Int) {
    (storedYear, storedMonth, storedDay) = (Int32.min, 0, 0)
    self.year = year
    self.month = month
    self.day = day
  }

  public var year: Int? {
    get { storedYear == Int32.min ? nil : Int(storedYear) }
    set { storedYear = newValue.map(SimpleDate.storedYear) ?? Int32.min }
  }

  /// A known year as stored: clamped, and never the mark of an unknown one.
  private static func storedYear(_ year: Int) -> Int32 { max(Int32.min + 1, Int32(clamping: year)) }

  public var month: Int {
    get { Int(storedMonth) }
    set { storedMonth = Int32(clamping: newValue) }
  }

  public var day: Int {
    get { Int(storedDay) }
    set { storedDay = Int32(clamping: newValue) }
  }

  /// `YYYY-MM-DD`, or `--MM-DD` while the year is unknown.
  public var iso: String {
    // The usual date as bytes (short enough to be stored in the string itself); anything
    // else by interpolation.
    if isUsualISO {
      return String(unsafeUninitializedCapacity: SimpleDate.usualISOLength) { writeUsualISO(to: $0.baseAddress!) }
    }
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    guard let year else { return "--\(m)-\(d)" }
    let y = String(year)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-\(m)-\(d)"
  }

  public var description: String { iso }

  /// True for the usual date, whose `iso` `writeUsualISO(to:)` writes: a year of at most four
  /// digits (or none), a month and a day of at most two.
  public var isUsualISO: Bool {
    (0...99).contains(storedMonth) && (0...99).contains(storedDay)
      && (storedYear == Int32.min || (0...9999).contains(storedYear))
  }

  /// The most bytes `writeUsualISO(to:)` writes.
  public static let usualISOLength = 10

  /// Writes the `iso` of a date that `isUsualISO` as UTF-8 at `p`, and returns how many bytes
  /// that is (10, or 7 without a year).
  public func writeUsualISO(to p: UnsafeMutablePointer<UInt8>) -> Int {
    precondition(isUsualISO, "not a usual date")
    var i = 0
    @inline(__always) func put(_ b: UInt8) {
      p[i] = b
      i &+= 1
    }
    @inline(__always) func digit(_ v: Int32) { put(UInt8(truncatingIfNeeded: 0x30 &+ v)) }
    if storedYear == Int32.min {
      put(0x2D)
    } else {
      digit(storedYear / 1000)
      digit(storedYear / 100 % 10)
      digit(storedYear / 10 % 10)
      digit(storedYear % 10)
    }
    put(0x2D)
    digit(storedMonth / 10)
    digit(storedMonth % 10)
    put(0x2D)
    digit(storedDay / 10)
    digit(storedDay % 10)
    return i
  }

  /// True for a day that exists in the Gregorian calendar (leap years included).
  public static func isValid(year: Int?, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    return day <= daysIn(month: month, year: year)
  }

  /// Days in a month; February has 29 when the year is unknown.
  public static func daysIn(month: Int, year: Int?) -> Int {
    switch month {
    case 2:
      guard let y = year else { return 29 }
      return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public static func < (a: SimpleDate, b: SimpleDate) -> Bool {
    ((a.year ?? 0), a.month, a.day) < ((b.year ?? 0), b.month, b.day)
  }
}
