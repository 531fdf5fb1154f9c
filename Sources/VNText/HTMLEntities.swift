/// Decodes the HTML character references that scraped news text still carries.
///
/// Numeric references (`&#7843;`, `&#x1EA3;`) and the named references that occur in
/// Vietnamese pages (spaces, quotes, dashes, and the Latin-1 letters some sites still
/// encode by name, such as `&agrave;`) are decoded. Anything else is left as written.
enum HTMLEntities {
  /// The longest named reference we try, counted without `&` and `;`.
  static let maxNameLength = 8

  static let named: [String: UInt32] = [
    "nbsp": 0xA0, "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
    "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019,
    "ldquo": 0x201C, "rdquo": 0x201D, "laquo": 0xAB, "raquo": 0xBB, "bull": 0x2022,
    "middot": 0xB7, "deg": 0xB0, "sup2": 0xB2, "times": 0xD7, "shy": 0xAD, "thinsp": 0x2009,
    "ensp": 0x2002, "emsp": 0x2003, "zwnj": 0x200C, "zwj": 0x200D, "copy": 0xA9, "reg": 0xAE,
    "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3, "Egrave": 0xC8,
    "Eacute": 0xC9, "Ecirc": 0xCA, "Igrave": 0xCC, "Iacute": 0xCD, "Ograve": 0xD2,
    "Oacute": 0xD3, "Ocirc": 0xD4, "Otilde": 0xD5, "Ugrave": 0xD9, "Uacute": 0xDA,
    "Yacute": 0xDD, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3,
    "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "igrave": 0xEC, "iacute": 0xED,
    "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4, "otilde": 0xF5, "ugrave": 0xF9,
    "uacute": 0xFA, "yacute": 0xFD,
  ]

  /// Tries to read a reference starting at `s[i]`, which must be `&`.
  /// Returns the decoded scalar and the index just past the `;`.
  /// Works on scalar values or on UTF-8 bytes alike: a reference is ASCII.
  static func decode<Unit: FixedWidthInteger & UnsignedInteger>(
    _ units: UnsafeBufferPointer<Unit>, at i: Int
  ) -> (UInt32, Int)? {
    @inline(__always) func s(_ k: Int) -> UInt32 { UInt32(truncatingIfNeeded: units[k]) }
    let n = units.count
    var j = i + 1
    guard j < n else { return nil }
    if s(j) == 0x23 {  // '#'
      j += 1
      var hex = false
      if j < n && (s(j) == 0x78 || s(j) == 0x58) { hex = true; j += 1 }
      var value: UInt32 = 0
      var digits = 0
      while j < n && digits < 8 {
        let c = s(j)
        var d: UInt32
        if c >= 0x30 && c <= 0x39 { d = c - 0x30 }
        else if hex && c >= 0x61 && c <= 0x66 { d = c - 0x61 + 10 }
        else if hex && c >= 0x41 && c <= 0x46 { d = c - 0x41 + 10 }
        else { break }
        value = value * (hex ? 16 : 10) + d
        digits += 1
        j += 1
      }
      guard digits > 0, j < n, s(j) == 0x3B else { return nil }
      let valid = value > 0 && value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
      return (valid ? value : 0xFFFD, j + 1)
    }
    var name = String.UnicodeScalarView()
    while j < n && name.count <= maxNameLength {
      let c = s(j)
      if c == 0x3B { break }
      guard (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
      else { return nil }
      name.append(Unicode.Scalar(UInt8(c)))
      j += 1
    }
    guard j < n, s(j) == 0x3B, let value = named[String(name)] else { return nil }
    return (value, j + 1)
  }
}
