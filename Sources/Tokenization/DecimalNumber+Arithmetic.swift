extension DecimalNumber {
  /// The exact sum, or nil when it does not fit.
  func adding(_ other: DecimalNumber) -> DecimalNumber? {
    if significand == 0 { return other.reduced }
    if other.significand == 0 { return reduced }
    var a = self, b = other
    // Bring both to the smaller exponent.
    while a.exponent > b.exponent {
      let (m, o) = a.significand.multipliedReportingOverflow(by: 10)
      if o { return nil }
      a = DecimalNumber(significand: m, exponent: a.exponent - 1)
    }
    while b.exponent > a.exponent {
      let (m, o) = b.significand.multipliedReportingOverflow(by: 10)
      if o { return nil }
      b = DecimalNumber(significand: m, exponent: b.exponent - 1)
    }
    let (sum, o) = a.significand.addingReportingOverflow(b.significand)
    if o { return nil }
    return DecimalNumber(significand: sum, exponent: a.exponent).reduced
  }

  /// The value negated.
  var negated: DecimalNumber { DecimalNumber(significand: -significand, exponent: exponent) }

  /// True for a whole number (`3`, `46237000000`, not `88.8`).
  var isWhole: Bool { exponent >= 0 || reduced.exponent >= 0 }

  /// The value as a small whole number (for days, months, years), else nil.
  var smallInt: Int? {
    // Digits as written (exponent 0) need no reduction: the recognizers ask this of every
    // numeral they look at.
    let whole = exponent == 0 ? significand : integerValue
    guard let v = whole, v >= 0, v < 1_000_000 else { return nil }
    return Int(v)
  }
}

extension DecimalNumber {
  /// The form the tokenizer hands out: trailing fractional zeros dropped and, when it fits,
  /// a whole number with exponent 0 (`46237 × 10^6` → `46237000000 × 10^0`), so that equal
  /// values compare equal with `==`.
  public var canonical: DecimalNumber {
    let r = reduced
    if r.exponent > 0, let whole = r.integerValue { return DecimalNumber(significand: whole, exponent: 0) }
    return r
  }
}
