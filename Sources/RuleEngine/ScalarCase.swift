/// Case and diacritic folding of Unicode scalars by table lookup, for the matching hot path.
///
/// Tables cover U+0000–U+1FFF (every Vietnamese letter); scalars above are left as they are.
enum ScalarCase {
  static let tableSize = 0x2000

  /// Lower-case mapping (single scalar) for scalars below `tableSize`.
  static let lower: [UInt32] = {
    var t = [UInt32](repeating: 0, count: tableSize)
    for v in 0..<UInt32(tableSize) {
      t[Int(v)] = v
      guard let s = Unicode.Scalar(v) else { continue }
      let m = s.properties.lowercaseMapping.unicodeScalars
      if m.count == 1, let f = m.first { t[Int(v)] = f.value }
    }
    return t
  }()

  /// True for upper-case letters.
  static let isUpper: [Bool] = {
    var t = [Bool](repeating: false, count: tableSize)
    for v in 0..<UInt32(tableSize) {
      if let s = Unicode.Scalar(v), s.properties.isUppercase { t[Int(v)] = true }
    }
    return t
  }()

  /// Lower case without diacritics: `Đ`, `đ` → `d`; `Ở` → `o`; combining marks → 0 (dropped).
  static let folded: [UInt32] = {
    var base = [UInt32: UInt32]()
    let groups: [(String, String)] = [
      ("àáảãạăằắẳẵặâầấẩẫậäåā", "a"), ("èéẻẽẹêềếểễệëē", "e"), ("ìíỉĩịïī", "i"),
      ("òóỏõọôồốổỗộơờớởỡợöō", "o"), ("ùúủũụưừứửữựüū", "u"), ("ỳýỷỹỵÿ", "y"), ("đ", "d"),
      ("ç", "c"), ("ñ", "n"),
    ]
    for (letters, b) in groups {
      for c in letters.unicodeScalars { base[c.value] = b.unicodeScalars.first!.value }
    }
    var t = [UInt32](repeating: 0, count: tableSize)
    for v in 0..<tableSize {
      let l = lower[v]
      t[v] = base[l] ?? l
    }
    for v in 0x300..<0x370 { t[v] = 0 }
    return t
  }()

  /// `lower`, `folded`, `isUpper` and whether the scalar counts as a letter (for `UPPER`), in
  /// one 64-bit entry per scalar, so that a document's tokens are classified and keyed in one
  /// pass with one load per scalar: bits 0–20 the lower-case scalar, bits 21–41 the
  /// diacritic-free one (0 = dropped), then `upperBit` and `letterBit`. Scalars from
  /// `tableSize` up map to themselves and are neither upper case nor letters.
  static let packed: [UInt64] = {
    var t = [UInt64](repeating: 0, count: tableSize)
    for v in 0..<tableSize {
      let c = UInt32(v)
      let l = lower[v], f = folded[v], up = isUpper[v]
      let letter = up || l != c || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && f != c)
      t[v] = UInt64(l) | UInt64(f) << foldShift | (up ? upperBit : 0) | (letter ? letterBit : 0)
    }
    return t
  }()

  static let foldShift: UInt64 = 21
  static let valueMask: UInt64 = 0x1F_FFFF
  static let upperBit: UInt64 = 1 << 42
  static let letterBit: UInt64 = 1 << 43

  @inline(__always) static func lowercase(_ c: UInt32) -> UInt32 {
    c < UInt32(tableSize) ? lower[Int(c)] : c
  }

  @inline(__always) static func fold(_ c: UInt32) -> UInt32 {
    c < UInt32(tableSize) ? folded[Int(c)] : c
  }

  @inline(__always) static func upper(_ c: UInt32) -> Bool {
    c < UInt32(tableSize) ? isUpper[Int(c)] : false
  }
}
