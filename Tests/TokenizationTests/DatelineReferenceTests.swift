import Testing
import VNText
@testable import Tokenization

/// `Dateline` compares marker words scalar by scalar in place; this is the plain version it
/// replaced (a lower-cased `String` per word, looked up in the marker sets), kept to check
/// that both find the same dateline.
@Suite struct DatelineReferenceTests {
  static func reference(tokens: [Token], text: NormalizedText) -> SimpleDate? {
    func lowered(_ t: Token) -> String { String(scalarValues: text.scalars[t.range].map { Lexer.lower($0) }) }
    func inLegalReference(_ k: Int, _ lineStart: Int) -> Bool {
      var before = k - 1
      if before >= lineStart, tokens[before].kind == .word, lowered(tokens[before]) == "ngày" { before -= 1 }
      if before >= lineStart, tokens[before].kind == .word, Dateline.spanMarkers.contains(lowered(tokens[before])) {
        return true
      }
      var j = k - 1
      var seen = 0
      while j >= lineStart && seen < 8 {
        let t = tokens[j]
        if t.kind == .word {
          if Dateline.legalMarkers.contains(lowered(t)) { return true }
          if j + 1 < k, tokens[j + 1].kind == .word,
            Dateline.legalMarkers.contains(lowered(t) + " " + lowered(tokens[j + 1]))
          {
            return true
          }
        }
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
    var line = 0
    var lineHasContent = false
    var lineStart = 0
    for (k, t) in tokens.enumerated() {
      let inLines = line < Dateline.maxLines && t.start < Dateline.maxLineOffset
      if t.start >= Dateline.maxOffset && !inLines { return nil }
      if t.kind == .newline {
        if lineHasContent { line += 1 }
        lineHasContent = false
        lineStart = k + 1
        continue
      }
      lineHasContent = true
      guard t.kind == .date, case .date(let d) = t.value, d.year != nil else { continue }
      if inLegalReference(k, lineStart) { continue }
      return d
    }
    return nil
  }

  @Test(arguments: [
    "Print Thứ Sáu, 14/07/2023 18:30 Gốc\n\nSáng 14/7, Thanh tra Chính phủ",
    "Hà Nội, ngày 5 tháng 3 năm 2024\nThanh tra tỉnh họp.",
    "Triển khai Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023 của Ban Cán sự đảng.",
    "Thực hiện Quyết định 123/QĐ-UBND ngày 16/01/2023, Đoàn làm việc.",
    "Triển khai NGHỊ QUYẾT ngày 16/01/2023 của Ban Cán sự đảng. Ngày 17/01/2023 họp.",
    "Theo Thông Tư ngày 16/01/2023.\nSáng 18/01/2023, Đoàn làm việc.",
    "Kế hoạch ngày 02/02/2024 đã xong; TỪ NGÀY 03/02/2024 thực hiện.\nHà Nội, 04/02/2024",
    "Quyết ngày 05/03/2024, nghị ngày 06/03/2024, Định 07/03/2024",
    "Hạn ngày 01/7/2025 nộp hồ sơ. Sau 02/7/2025 thì thôi. Ngày 03/7/2025 họp.",
    "Số liệu ngày 09/09/2023\nThanh tra Chính phủ",
    "Thanh tra tỉnh Đồng Tháp sau sắp xếp\n\nTừ ngày 01/7/2025, tỉnh Đồng Tháp (mới) được thành lập.",
    "Ngày 08/7, Cục II, Thanh tra Chính phủ đã tổ chức hội nghị.",
    String(repeating: "chữ ", count: 120) + "14/07/2023",
    String(repeating: "chữ ", count: 260) + "14/07/2023",
  ])
  func sameAsPlainStrings(_ s: String) {
    let (text, tokens) = tokenize(s)
    let fast = Dateline.publicationDate(tokens: tokens, text: text)
    #expect(fast == Self.reference(tokens: tokens, text: text))
  }
}
