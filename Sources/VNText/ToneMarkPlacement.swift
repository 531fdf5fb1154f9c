/// Where the tone mark goes in the open syllables `oa`, `oe` and `uy`.
///
/// Vietnamese has two accepted spellings for a tone mark on these vowel pairs when nothing
/// follows them: on the first vowel (`hòa`, `khỏe`, `thủy`), which most news sites use, or on
/// the second (`hoà`, `khoẻ`, `thuỷ`). Syllables with a final consonant (`hoàng`, `toán`,
/// `khuyến`), or where `u` belongs to the onset `qu` (`quý`, `quả`), are spelled one way only
/// and are never changed.
public enum ToneMarkPlacement: String, Sendable, CaseIterable {
  /// `hòa`, `khỏe`, `thủy`, `Ủy`: the default, the placement most Vietnamese news uses.
  case classic
  /// `hoà`, `khoẻ`, `thuỷ`, `Uỷ`.
  case reformed
}

/// Moves tone marks between the two vowels of open `oa`/`oe`/`uy` syllables.
///
/// Works in place on NFC scalars and never changes their number, so the offset map of the
/// normalized text stays valid.
public enum ToneMarkNormalizer {
  /// The twelve vowel letters, each with its six tones (level, grave, acute, hook, tilde, dot).
  static let lowerRows: [String] = [
    "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
    "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
  ]
  static let upperRows: [String] = [
    "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
    "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
  ]
  static let baseA = 0, baseE = 3, baseO = 6, baseU = 9, baseY = 11

  /// A vowel letter: which of the twelve, which tone, and whether it is upper case.
  struct Vowel {
    var base: Int
    var tone: Int
    var upper: Bool
  }

  /// Scalar → vowel, for every toned and untoned vowel letter.
  static let vowels: [UInt32: Vowel] = {
    var table: [UInt32: Vowel] = [:]
    for (upper, rows) in [(false, lowerRows), (true, upperRows)] {
      for (base, row) in rows.enumerated() {
        for (tone, scalar) in row.unicodeScalars.enumerated() {
          table[scalar.value] = Vowel(base: base, tone: tone, upper: upper)
        }
      }
    }
    return table
  }()

  /// The same facts as `vowels`, as a flat table over U+0000–U+1EFF for the hot path:
  /// -1 for a scalar that is no vowel letter, else `base << 4 | tone << 1 | upper`.
  static let vowelTable: [Int16] = {
    var table = [Int16](repeating: -1, count: 0x1F00)
    for (scalar, v) in vowels where scalar < 0x1F00 {
      table[Int(scalar)] = Int16(v.base << 4 | v.tone << 1 | (v.upper ? 1 : 0))
    }
    return table
  }()

  @inline(__always)
  static func vowel(_ c: UInt32, _ table: UnsafeBufferPointer<Int16>) -> Vowel? {
    guard c < 0x1F00 else { return nil }
    let packed = table[Int(c)]
    guard packed >= 0 else { return nil }
    return Vowel(base: Int(packed >> 4), tone: Int((packed >> 1) & 7), upper: packed & 1 == 1)
  }

  static let composed: [[[UInt32]]] = [lowerRows, upperRows].map { rows in
    rows.map { $0.unicodeScalars.map(\.value) }
  }

  static func scalar(_ v: Vowel) -> UInt32 { composed[v.upper ? 1 : 0][v.base][v.tone] }

  /// True for scalars that can be part of a Vietnamese syllable (Latin letters).
  @inline(__always)
  static func isLetter(_ c: UInt32) -> Bool {
    (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
      || (c >= 0x1E00 && c <= 0x1EFF)
  }

  /// Rewrites every open `oa`/`oe`/`uy` syllable in `scalars` to the given placement.
  ///
  /// A pair can only change where its untoned vowel is a plain ASCII letter: the `o`/`u` in
  /// front for the classic placement (`hoà` → `hòa`), the `a`/`e`/`y` after for the reformed
  /// one. So the loop tests one cheap, rarely true condition per scalar and looks at the
  /// syllable around it only then (classifying every scalar as letter or not costs a branch
  /// misprediction at every word boundary).
  public static func apply(_ placement: ToneMarkPlacement, to scalars: inout [UInt32]) {
    vowelTable.withUnsafeBufferPointer { table in
      scalars.withUnsafeMutableBufferPointer { s in
        guard s.count >= 2 else { return }
        for k in 1..<s.count { check(s, k, placement, table) }
      }
    }
  }

  /// `apply` for the classic placement, checking only `candidates`: ascending positions `k`
  /// with an ASCII `o`/`u` at `k - 1` and a non-ASCII scalar at `k`, as the normalizer notes
  /// them. Gives the same result as checking every position: a pair can only move its tone
  /// to the `o`/`u` when the vowel after it has one (is not ASCII), and a move never makes a
  /// new such place (the vowel left behind is a plain `a`, `e` or `y`).
  static func apply(_ placement: ToneMarkPlacement, to scalars: inout [UInt32], candidates: [Int32]) {
    precondition(placement == .classic, "candidates are noted for the classic placement only")
    guard !candidates.isEmpty else { return }
    vowelTable.withUnsafeBufferPointer { table in
      scalars.withUnsafeMutableBufferPointer { s in
        for k in candidates { check(s, Int(k), placement, table) }
      }
    }
  }

  /// The test at position `k` (≥ 1) of the loop over the text.
  @inline(__always)
  static func check(
    _ s: UnsafeMutableBufferPointer<UInt32>, _ k: Int, _ placement: ToneMarkPlacement, _ table: UnsafeBufferPointer<Int16>
  ) {
    let n = s.count
    let plain = placement == .classic ? s[k - 1] : s[k]
    guard plain < 0x80 else { return }
    let lower = plain | 0x20
    let trigger =
      placement == .classic
      ? (lower == 0x6F || lower == 0x75)  // o, u
      : (lower == 0x61 || lower == 0x65 || lower == 0x79)  // a, e, y
    guard trigger else { return }
    // The pair must end its syllable.
    if k + 1 < n && isLetter(s[k + 1]) { return }
    var start = k - 1
    while start > 0 && isLetter(s[start - 1]) { start -= 1 }
    fixSyllable(s, start, k + 1, placement, table)
  }

  static func fixSyllable(
    _ s: UnsafeMutableBufferPointer<UInt32>, _ start: Int, _ end: Int, _ placement: ToneMarkPlacement,
    _ table: UnsafeBufferPointer<Int16>
  ) {
    guard let second = vowel(s[end - 1], table), let first = vowel(s[end - 2], table) else { return }
    let pairOK =
      (first.base == baseO && (second.base == baseA || second.base == baseE))
      || (first.base == baseU && second.base == baseY)
    guard pairOK, first.tone == 0 || second.tone == 0 else { return }
    let tone = max(first.tone, second.tone)
    guard tone != 0 else { return }
    // The letters before the pair must all be consonants: otherwise it is not this syllable shape.
    for k in start..<(end - 2) where vowel(s[k], table) != nil { return }
    // In `quy` the `u` belongs to the onset `qu`: `quý` is spelled one way only.
    if first.base == baseU, end - 3 >= start, s[end - 3] == 0x71 || s[end - 3] == 0x51 { return }
    var a = first, b = second
    switch placement {
    case .classic: a.tone = tone; b.tone = 0
    case .reformed: a.tone = 0; b.tone = tone
    }
    s[end - 2] = scalar(a)
    s[end - 1] = scalar(b)
  }
}
