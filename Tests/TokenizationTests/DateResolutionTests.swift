import Testing
import VNText
@testable import Tokenization

@Suite struct DateResolutionTests {
  func dates(_ tokens: [Token]) -> [String] {
    tokens.compactMap { $0.kind == .date ? $0.date?.iso : nil }
  }

  @Test func yearFromPublicationDate() {
    var (_, t) = tokenize("Ngày 08/7, Cục II họp.")
    DateResolver.resolveYears(in: &t, publication: SimpleDate(year: 2024, month: 7, day: 10), reference: nil)
    #expect(dates(t) == ["2024-07-08"])
  }

  @Test func publicationEarlyInYear_dateLateInYear_isTheYearBefore() {
    var (_, t) = tokenize("Tối 28/12, Đoàn làm việc.")
    DateResolver.resolveYears(in: &t, publication: SimpleDate(year: 2024, month: 1, day: 5), reference: nil)
    #expect(dates(t) == ["2023-12-28"])
  }

  @Test func yearFromNearbyPeriodInText() {
    var (_, t) = tokenize("Ngày 08/7, Cục II sơ kết công tác 6 tháng đầu năm 2024.")
    DateResolver.resolveYears(in: &t, publication: nil, reference: SimpleDate(year: 2030, month: 1, day: 1))
    #expect(dates(t) == ["2024-07-08"])
  }

  @Test func nearestYearWins() {
    var (_, t) = tokenize("năm 2019 có nhiều việc. Khác hẳn năm 2021, sáng 3/2 họp.")
    DateResolver.resolveYears(in: &t, publication: nil, reference: nil)
    #expect(dates(t) == ["2021-02-03"])
  }

  @Test func yearFromReferenceDateWhenTextHasNone() {
    var (_, t) = tokenize("Sáng 14/7, Thanh tra Chính phủ tổ chức hội nghị.")
    DateResolver.resolveYears(in: &t, publication: nil, reference: SimpleDate(year: 2023, month: 8, day: 1))
    #expect(dates(t) == ["2023-07-14"])
  }

  @Test func nothingToResolveFrom_staysYearless() {
    var (_, t) = tokenize("Sáng 14/7, họp.")
    DateResolver.resolveYears(in: &t, publication: nil, reference: nil)
    #expect(dates(t) == ["--07-14"])
  }

  @Test func resolvedDateMustExist() {
    var (_, t) = tokenize("Đêm 29/2, năm 2023 họp.")
    DateResolver.resolveYears(in: &t, publication: nil, reference: nil)
    #expect(dates(t) == ["--02-29"])
    var (_, t2) = tokenize("Đêm 29/2, năm 2024 họp.")
    DateResolver.resolveYears(in: &t2, publication: nil, reference: nil)
    #expect(dates(t2) == ["2024-02-29"])
  }

  func dateline(_ s: String) -> String? {
    let (text, t) = tokenize(s)
    return Dateline.publicationDate(tokens: t, text: text)?.iso
  }

  @Test func datelineWithWeekdayAndTime() {
    #expect(dateline("Print Thứ Sáu, 14/07/2023 18:30 Gốc\n\nSáng 14/7, Thanh tra Chính phủ") == "2023-07-14")
  }

  @Test func datelineInWords() {
    #expect(dateline("Hà Nội, ngày 5 tháng 3 năm 2024\nThanh tra tỉnh họp.") == "2024-03-05")
  }

  @Test func datelineSkipsLegalReference() {
    #expect(dateline("Triển khai Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023 của Ban Cán sự đảng.") == nil)
    #expect(dateline("Thực hiện Quyết định 123/QĐ-UBND ngày 16/01/2023, Đoàn làm việc.") == nil)
  }

  @Test func datelineOnlyInTheFirstLines() {
    let line = String(repeating: "chữ ", count: 30) + "\n"
    #expect(dateline(line + line + line + line + "Chiều 16/9/2021, đồng chí") == nil)
    #expect(dateline("Dòng 1\nDòng 2\n\nDòng 3\nChiều 16/9/2021, đồng chí") == "2021-09-16")
    #expect(dateline(line + "\n" + line + "Chiều 16/9/2021, đồng chí") == "2021-09-16")
    #expect(dateline(String(repeating: "chữ ", count: 120) + "14/07/2023") == "2023-07-14")
    #expect(dateline(String(repeating: "chữ ", count: 260) + "14/07/2023") == nil)
  }

  @Test func spanStartIsNoDateline() {
    #expect(dateline("Thanh tra tỉnh Đồng Tháp sau sắp xếp\n\nTừ ngày 01/7/2025, tỉnh Đồng Tháp (mới) được thành lập.") == nil)
  }

  @Test func yearlessDateIsNoDateline() {
    #expect(dateline("Ngày 08/7, Cục II, Thanh tra Chính phủ đã tổ chức hội nghị.") == nil)
  }
}
