import Testing
@testable import Tokenization

/// Whole sentences from the seed articles: every typed token, in order, with its raw text and
/// value — so a token too many (a period read twice, a date in a ratio) fails as surely as one
/// missing.
@Suite struct SeedSentenceTests {
  func typed(_ s: String) -> [String] {
    let (text, t) = tokenize(s)
    return t.filter { $0.value != nil }.map { "\($0.kind.rawValue) \(text.rawString($0.range)) = \(plainValue($0.value!, kind: $0.kind))" }
  }

  @Test func seed000_inspections() {
    #expect(typed("Qua báo cáo 6 tháng đầu năm 2023 toàn Cụm thi đua triển khai 32/55 cuộc thanh tra, trong đó 13/32 cuộc theo kế hoạch; 18 cuộc đột xuất và thanh tra lại 01 cuộc. Kết thúc 22 cuộc và kết luận 18 cuộc.") == [
      "period 6 tháng đầu năm 2023 = 2023-01-01..2023-06-30",
      "count 32/55 cuộc thanh tra = 32 cuộc of 55",
      "count 13/32 cuộc = 13 cuộc of 32",
      "count 18 cuộc = 18 cuộc",
      "count 01 cuộc = 1 cuộc",
      "count 22 cuộc = 22 cuộc",
      "count 18 cuộc = 18 cuộc",
    ])
  }

  @Test func seed000_money() {
    #expect(typed("chuyển 03 vụ việc sang cơ quan điều tra tiếp tục làm rõ; phát hiện sai phạm về kinh tế 46.237 triệu đồng, kiến nghị thu hồi nộp ngân sách 44.759 triệu đồng, đã thu hồi 42.168 triệu đồng, xử lý khác 1.478 triệu đồng.") == [
      "count 03 vụ việc = 3 vụ việc",
      "money 46.237 triệu đồng = 46237000000 VND",
      "money 44.759 triệu đồng = 44759000000 VND",
      "money 42.168 triệu đồng = 42168000000 VND",
      "money 1.478 triệu đồng = 1478000000 VND",
    ])
  }

  @Test func seed000_legalReferences() {
    #expect(typed("gồm: Nghị quyết số 65-NQ/BCSĐ ngày 16/01/2023 về việc tăng cường lãnh đạo, chỉ đạo thực hiện thắng lợi nhiệm vụ chính trị của ngành Thanh tra năm 2023 và Nghị quyết số 76-NQ/BCSĐ ngày 06/6/2023 tăng cường") == [
      "number 65 = 65",
      "date 16/01/2023 = 2023-01-16",
      "period năm 2023 = 2023-01-01..2023-12-31",
      "number 76 = 76",
      "date 06/6/2023 = 2023-06-06",
    ])
  }

  @Test func seed002_qualifiersAndArea() {
    #expect(typed("Qua thanh tra sai phạm hơn 140 tỷ đồng, kiến nghị xử lý hành chính 200 tổ chức và 370 cá nhân vi phạm; chuyển cơ quan điều tra 3 vụ.") == [
      "money 140 tỷ đồng = 140000000000 VND (more_than)",
      "count 200 tổ chức = 200 tổ chức",
      "count 370 cá nhân = 370 cá nhân",
      "count 3 vụ = 3 vụ",
    ])
    #expect(typed("dứt điểm hơn 1.000 đơn khiếu nại, tố cáo, kiến nghị trả lại cho công dân hơn 376m2 đất; tổ chức hơn 10.000 lớp tập huấn") == [
      "count 1.000 đơn = 1000 đơn (more_than)",
      "area 376m2 = 376 m2 (more_than)",
      "count 10.000 lớp = 10000 lớp (more_than)",
    ])
  }

  @Test func seed003_langSon() {
    #expect(typed("Chiều 16/9/2021, đồng chí Hồ Tiến Thiệu, Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh đã làm việc với Thanh tra tỉnh về  tình hình thực hiện công tác 9 tháng đầu năm, nhiệm vụ 3 tháng cuối năm 2021.") == [
      "date 16/9/2021 = 2021-09-16",
      "number 9 = 9",
      "period 3 tháng cuối năm 2021 = 2021-10-01..2021-12-31",
    ])
    #expect(typed("phát hiện số tiền sai phạm là 1.391,1 triệu đồng, kiến nghị thu hồi 1.147,0 triệu đồng, đã thu hồi được 1.018,8 triệu đồng, đạt tỷ lệ 88,8%; tiếp 74 lượt công dân, tiếp nhận 105 lượt đơn thư; triển khai thực hiện 11 cuộc thanh tra việc thực hiện các quy định của pháp luật về phòng chống tham nhũng, đã kết thúc 8/11 cuộc.") == [
      "money 1.391,1 triệu đồng = 1391100000 VND",
      "money 1.147,0 triệu đồng = 1147000000 VND",
      "money 1.018,8 triệu đồng = 1018800000 VND",
      "percent 88,8% = 88.8 %",
      "count 74 lượt = 74 lượt",
      "count 105 lượt = 105 lượt",
      "count 11 cuộc thanh tra = 11 cuộc",
      "count 8/11 cuộc = 8 cuộc of 11",
    ])
  }

  @Test func seed004_haiPhong() {
    #expect(typed("Print Thứ Sáu, 14/07/2023 18:30 Gốc\n\nSáng 14/7, Thanh tra Chính phủ tổ chức Hội nghị trực tuyến toàn quốc Sơ kết công tác 6 tháng đầu năm và triển khai nhiệm vụ 6 tháng cuối năm 2023 của ngành Thanh tra.") == [
      "date 14/07/2023 = 2023-07-14",
      "time 18:30 = 18:30",
      "date 14/7 = --07-14",
      "number 6 = 6",
      "period 6 tháng cuối năm 2023 = 2023-07-01..2023-12-31",
    ])
    #expect(typed("tiếp tục triển khai, thực hiện gần 2.600 cuộc thanh tra, kiểm tra. Qua thanh tra, kiểm tra phát hiện sai phạm gần 84.800 triệu đồng.") == [
      "count 2.600 cuộc thanh tra = 2600 cuộc (nearly)",
      "money 84.800 triệu đồng = 84800000000 VND (nearly)",
    ])
  }
}
