import Foundation

/// Builds the strings two mentions are compared by, so that gold and records that differ only
/// in Unicode form, letter case, spacing or tone-mark placement still match.
enum MatchKey {
  /// NFC, lower case, runs of white space (NBSP included) collapsed to one space, trimmed, and
  /// tone marks of open `oa`/`oe`/`uy` folded to one placement (`hoà` and `hòa` give one key).
  static func text(_ raw: String) -> String {
    let nfc = raw.precomposedStringWithCanonicalMapping.lowercased()
    var out = ""
    var pendingSpace = false
    for scalar in nfc.unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.unicodeScalars.append(" ")
        pendingSpace = false
      }
      out.unicodeScalars.append(scalar)
    }
    for (from, to) in toneFolding {
      out = out.replacingOccurrences(of: from, with: to)
    }
    return out
  }

  /// Old placement → classic placement. Applied to both sides of a comparison, so it only has
  /// to be consistent, not linguistically exact (`hoàng` is folded too, on both sides).
  static let toneFolding: [(String, String)] = [
    ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
    ("oè", "òe"), ("oé", "óe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
    ("uỳ", "ùy"), ("uý", "úy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy"),
  ]

  /// A province name without an administrative prefix, with dashes and the spaces around them
  /// unified: `Tỉnh Bà Rịa – Vũng Tàu`, `bà rịa-vũng tàu` and `TP. Hồ Chí Minh` / `TP.HCM` agree.
  static func province(_ raw: String) -> String {
    var key = text(raw)
    for dash in ["–", "—", "‑", "−"] { key = key.replacingOccurrences(of: dash, with: "-") }
    key = key.replacingOccurrences(of: " - ", with: "-")
      .replacingOccurrences(of: " -", with: "-")
      .replacingOccurrences(of: "- ", with: "-")
    for prefix in ["tỉnh ", "thành phố ", "tp. ", "tp.", "tp "] where key.hasPrefix(prefix) {
      key.removeFirst(prefix.count)
      break
    }
    if ["hcm", "hồ chí minh", "tphcm"].contains(key) { return "hồ chí minh" }
    return key
  }

  /// A legal reference number compared without case or spaces: `65-NQ/BCSĐ` = `65-nq/bcsđ`.
  static func legalNumber(_ raw: String) -> String {
    text(raw).replacingOccurrences(of: " ", with: "")
  }

  /// A reference without a number (`Luật Thanh tra 2022`) is compared by its text without a
  /// trailing year (`2022`, `năm 2022`), so `Luật Thanh tra` and `Luật Thanh tra 2022` agree.
  static func legalTextWithoutYear(_ raw: String) -> String {
    var words = text(raw).split(separator: " ").map(String.init)
    if let last = words.last, last.count == 4, last.allSatisfy(\.isNumber) {
      words.removeLast()
      if words.last == "năm" { words.removeLast() }
    }
    return words.joined(separator: " ")
  }

  /// A number as a stable string: whole numbers without a fraction, others rounded to 1e-6.
  static func number(_ value: Double) -> String {
    let rounded = (value * 1_000_000).rounded() / 1_000_000
    if rounded == rounded.rounded(), abs(rounded) < 1e18 {
      return String(Int64(rounded))
    }
    return String(rounded)
  }

  /// `m²`, `M2`, `m 2` → `m2`; `km²` → `km2`; `héc-ta` stays itself apart from case.
  static func areaUnit(_ raw: String) -> String {
    text(raw).replacingOccurrences(of: "²", with: "2").replacingOccurrences(of: " ", with: "")
  }

  /// Currency codes: `VNĐ`, `vnd`, `đồng`, `đ` and a missing unit are all `VND`.
  static func currency(_ raw: String?) -> String {
    guard let raw, !raw.isEmpty else { return "VND" }
    let key = text(raw)
    if ["vnd", "vnđ", "đồng", "đ", "dong"].contains(key) { return "VND" }
    if ["usd", "us$", "$", "đô la", "đô la mỹ", "đô-la"].contains(key) { return "USD" }
    return key.uppercased()
  }
}
