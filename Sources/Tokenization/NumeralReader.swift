/// Reads digit strings with Vietnamese and English separators into exact decimals.
///
/// Vietnamese style comes first: `.` groups thousands and `,` is the decimal mark
/// (`46.237` = 46 237, `1.391,1` = 1 391.1, `0,77` = 0.77). English style is read only where it
/// cannot be Vietnamese: several `,` with three-digit groups (`1,234,567`), `,` groups followed
/// by one `.` (`1,234.5`), or one `.` not followed by exactly three digits (`2.5`).
enum NumeralReader {
  /// The most digits a value may have (an `Int64` holds 18 safely).
  static let maxDigits = 18

  static func digits(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> DecimalNumber {
    var v: Int64 = 0
    var k = start
    // Leading zeros do not count towards the limit; extra digits beyond it are dropped as
    // powers of ten so that the value stays of the right magnitude.
    while k < end && s[k] == 0x30 { k += 1 }
    var exponent = 0
    var used = 0
    while k < end {
      if used < maxDigits {
        v = v * 10 + Int64(s[k] - 0x30)
        used += 1
      } else {
        exponent += 1
      }
      k += 1
    }
    return DecimalNumber(significand: v, exponent: exponent)
  }

  /// Interprets a run `\d+([.,]\d+)+`; nil when it follows neither convention (`16.01.2023`).
  static func read(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> DecimalNumber? {
    // Collect the separators and group lengths.
    var seps: [UInt32] = []
    var lengths: [Int] = []
    var k = start
    var groupStart = start
    while k < end {
      let c = s[k]
      if c == 0x2E || c == 0x2C {
        lengths.append(k - groupStart)
        seps.append(c)
        groupStart = k + 1
      }
      k += 1
    }
    lengths.append(end - groupStart)
    let dots = seps.filter { $0 == 0x2E }.count
    let commas = seps.count - dots
    let head = lengths[0]
    func threes(_ range: Range<Int>) -> Bool { range.allSatisfy { lengths[$0] == 3 } }

    var decimalMark: UInt32? = nil
    if commas == 0 {
      if head <= 3 && threes(1..<lengths.count) {
        decimalMark = nil  // 46.237, 15.000.000
      } else if dots == 1 {
        decimalMark = 0x2E  // 2.5
      } else {
        return nil
      }
    } else if dots == 0 {
      if commas == 1 {
        decimalMark = 0x2C  // 88,8
      } else if head <= 3 && threes(1..<lengths.count) {
        decimalMark = nil  // 1,234,567 (English thousands)
        return value(s, start, end, decimalMark: nil)
      } else {
        return nil
      }
    } else if seps.last == 0x2C && commas == 1 && head <= 3 && threes(1..<(lengths.count - 1)) {
      decimalMark = 0x2C  // 1.391,1
    } else if seps.last == 0x2E && dots == 1 && head <= 3 && threes(1..<(lengths.count - 1)) {
      decimalMark = 0x2E  // 1,234.5
    } else {
      return nil
    }
    return value(s, start, end, decimalMark: decimalMark)
  }

  static func value(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int, decimalMark: UInt32?) -> DecimalNumber? {
    var v: Int64 = 0
    var used = 0
    var fraction = 0
    var afterMark = false
    var exponent = 0
    var k = start
    var leading = true
    while k < end {
      let c = s[k]
      k += 1
      if c == decimalMark { afterMark = true; continue }
      if c == 0x2E || c == 0x2C { continue }
      if leading && c == 0x30 && !afterMark { continue }
      leading = false
      if used < maxDigits {
        v = v * 10 + Int64(c - 0x30)
        used += 1
        if afterMark { fraction += 1 }
      } else if !afterMark {
        exponent += 1
      }
    }
    return DecimalNumber(significand: v, exponent: exponent - fraction).reduced
  }
}
