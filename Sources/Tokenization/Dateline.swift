import VNText

/// Finds an article's own date in its first lines: `Thứ Sáu, 14/07/2023 18:30`,
/// `Chiều 16/9/2021, …`, `Hà Nội, ngày 5 tháng 3 năm 2024`.
public enum Dateline {
  /// A date that starts before this offset may be the dateline, whatever its line.
  public static let maxOffset = 400
  /// A date in the first `maxLines` non-empty lines may be the dateline if it starts before
  /// `maxLineOffset` (a long title or lead does not hide it).
  public static let maxLines = 3
  public static let maxLineOffset = 1000

  /// The first full date (with its year) that starts in the first `maxOffset` scalars, or in
  /// the first `maxLines` non-empty lines within `maxLineOffset` scalars, skipping dates that
  /// belong to a legal reference (`Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023`); nil if none.
  public static func publicationDate(tokens: [Token], text: NormalizedText) -> SimpleDate? {
    var line = 0
    var lineHasContent = false
    var lineStart = 0
    for (k, t) in tokens.enumerated() {
      let inLines = line < maxLines && t.start < maxLineOffset
      if t.start >= maxOffset && !inLines { return nil }
      if t.kind == .newline {
        if lineHasContent { line += 1 }
        lineHasContent = false
        lineStart = k + 1
        continue
      }
      lineHasContent = true
      guard t.kind == .date, case .date(let d) = t.value, d.year != nil else { continue }
      if isInLegalReference(tokens, text, dateIndex: k, lineStart: lineStart) { continue }
      return d
    }
    return nil
  }

  /// Words (and two-word names of documents) that, a few tokens before a date on its line,
  /// make it a document's date rather than the article's.
  static let legalMarkers: Set<String> = [
    "số", "luật", "nghị quyết", "nghị định", "quyết định", "chỉ thị", "thông tư", "công văn",
    "kết luận", "hướng dẫn", "thông báo", "kế hoạch", "quy chế",
  ]

  /// Words right before a date (or before its `ngày`) that make it the start or end of a
  /// span (`từ ngày 01/7/2025`), not the day the article was written.
  static let spanMarkers: Set<String> = ["từ", "đến", "tới", "trước", "sau", "hạn"]

  static func isInLegalReference(_ tokens: [Token], _ text: NormalizedText, dateIndex k: Int, lineStart: Int) -> Bool {
    var before = k - 1
    if before >= lineStart, tokens[before].kind == .word,
      String(scalarValues: text.scalars[tokens[before].range].map { Lexer.lower($0) }) == "ngày"
    {
      before -= 1
    }
    if before >= lineStart, tokens[before].kind == .word,
      spanMarkers.contains(String(scalarValues: text.scalars[tokens[before].range].map { Lexer.lower($0) }))
    {
      return true
    }
    var j = k - 1
    var seen = 0
    while j >= lineStart && seen < 8 {
      let t = tokens[j]
      if t.kind == .word {
        let word = String(scalarValues: text.scalars[t.range].map { Lexer.lower($0) })
        if legalMarkers.contains(word) { return true }
        if j + 1 < k, tokens[j + 1].kind == .word {
          let next = String(scalarValues: text.scalars[tokens[j + 1].range].map { Lexer.lower($0) })
          if legalMarkers.contains(word + " " + next) { return true }
        }
      }
      // `65-NQ/BCSĐ`: a slash between capitals and digits is a document number.
      if t.kind == .punctuation, text.scalars[t.start] == 0x2F, j > lineStart,
        tokens[j - 1].kind == .word || tokens[j - 1].kind == .other
      {
        return true
      }
      j -= 1
      seen += 1
    }
    return false
  }
}
