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
    // Reads the tokens in place (copying one retains its value) and stops at the first token
    // past the window, so the cost does not grow with the document.
    tokens.withUnsafeBufferPointer { all in
      text.scalars.withUnsafeBufferPointer { scalars in
        var line = 0
        var lineHasContent = false
        var lineStart = 0
        for k in all.indices {
          let start = all[k].start
          let inLines = line < maxLines && start < maxLineOffset
          if start >= maxOffset && !inLines { return nil }
          switch all[k].kind {
          case .newline:
            if lineHasContent { line += 1 }
            lineHasContent = false
            lineStart = k + 1
            continue
          case .date:
            lineHasContent = true
          default:
            lineHasContent = true
            continue
          }
          guard case .date(let d) = all[k].value, d.year != nil else { continue }
          if isInLegalReference(all, scalars, dateIndex: k, lineStart: lineStart) { continue }
          return d
        }
        return nil
      }
    }
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

  /// The markers as lower-case scalars, compared with the text's scalars in place: building a
  /// `String` per word and hashing it cost more than the whole rest of the search.
  /// (The text is NFC and `Lexer.lower` keeps it so, so scalar equality is string equality.)
  private static let legalWords = markerWords(legalMarkers.filter { !$0.contains(" ") })
  private static let legalPairs: [(first: [UInt32], second: [UInt32])] = legalMarkers.compactMap {
    let parts = $0.split(separator: " ", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    return (parts[0].unicodeScalars.map(\.value), parts[1].unicodeScalars.map(\.value))
  }
  private static let spanWords = markerWords(spanMarkers)
  private static let ngay = "ngày".unicodeScalars.map(\.value)

  private static func markerWords(_ words: Set<String>) -> [[UInt32]] {
    words.map { $0.unicodeScalars.map(\.value) }
  }

  /// Whether the word token `t` is `marker` (lower-case scalars), ignoring case.
  @inline(__always)
  private static func word(_ t: UnsafePointer<Token>, in scalars: UnsafeBufferPointer<UInt32>, is marker: [UInt32]) -> Bool {
    let start = t.pointee.start
    guard t.pointee.end - start == marker.count else { return false }
    for i in marker.indices where Lexer.lower(scalars[start + i]) != marker[i] { return false }
    return true
  }

  private static func word(
    _ t: UnsafePointer<Token>, in scalars: UnsafeBufferPointer<UInt32>, isOneOf markers: [[UInt32]]
  ) -> Bool {
    markers.contains { word(t, in: scalars, is: $0) }
  }

  /// Whether the date at `dateIndex` belongs to a legal reference or starts or ends a span.
  private static func isInLegalReference(
    _ all: UnsafeBufferPointer<Token>, _ scalars: UnsafeBufferPointer<UInt32>, dateIndex k: Int, lineStart: Int
  ) -> Bool {
    let tokens = all.baseAddress!
    var before = k - 1
    if before >= lineStart, all[before].kind == .word, word(tokens + before, in: scalars, is: ngay) {
      before -= 1
    }
    if before >= lineStart, all[before].kind == .word, word(tokens + before, in: scalars, isOneOf: spanWords) {
      return true
    }
    var j = k - 1
    var seen = 0
    while j >= lineStart && seen < 8 {
      if all[j].kind == .word {
        if word(tokens + j, in: scalars, isOneOf: legalWords) { return true }
        if j + 1 < k, all[j + 1].kind == .word,
          legalPairs.contains(where: {
            word(tokens + j, in: scalars, is: $0.first) && word(tokens + j + 1, in: scalars, is: $0.second)
          })
        {
          return true
        }
      }
      // `65-NQ/BCSĐ`: a slash between capitals and digits is a document number.
      if all[j].kind == .punctuation, scalars[all[j].start] == 0x2F, j > lineStart,
        all[j - 1].kind == .word || all[j - 1].kind == .other
      {
        return true
      }
      j -= 1
      seen += 1
    }
    return false
  }
}
