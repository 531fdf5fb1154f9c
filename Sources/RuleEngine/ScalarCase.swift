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
