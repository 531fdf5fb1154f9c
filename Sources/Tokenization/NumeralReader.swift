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
  /// One pass, no allocation: only the group lengths that decide the reading are kept.
  static func read(_ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> DecimalNumber? {
    var dots = 0, commas = 0
    var head = -1  // length of the first group
    var middleThrees = true  // every group between the first and the last has 3 digits
    var lastLength = 0
    var lastSep: UInt32 = 0
    var groupStart = start
    var k = start
    while k <= end {
      if k == end || s[k] == 0x2E || s[k] == 0x2C {
        let length = k - groupStart
        if head < 0 {
          head = length
        } else if k < end, length != 3 {
          middleThrees = false
        }
        if k == end {
          lastLength = length
        } else {
          if s[k] == 0x2E { dots += 1 } else { commas += 1 }
          lastSep = s[k]
        }
        groupStart = k + 1
      }
      k += 1
    }
    let thousandsGroups = head <= 3 && middleThrees
    let decimalMark: UInt32?
    if commas == 0 {
      if thousandsGroups && lastLength == 3 {
        decimalMark = nil  // 46.237, 15.000.000
      } else if dots == 1 {
        decimalMark = 0x2E  // 2.5
      } else {
        return nil
      }
    } else if dots == 0 {
      if commas == 1 {
        decimalMark = 0x2C  // 88,8
      } else if thousandsGroups && lastLength == 3 {
        decimalMark = nil  // 1,234,567 (English thousands)
      } else {
        return nil
      }
    } else if lastSep == 0x2C && commas == 1 && thousandsGroups {
      decimalMark = 0x2C  // 1.391,1
    } else if lastSep == 0x2E && dots == 1 && thousandsGroups {
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
