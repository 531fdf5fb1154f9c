import Testing
@testable import Tokenization

/// Dates, times and periods.
@Suite struct DateTests {
  static let dates: [Marked] = [
    Marked("Nghị quyết số 65-NQ/BCSĐ ngày ⟦16/01/2023⟧ về việc", .date, "2023-01-16"),
    Marked("Nghị quyết số 76-NQ/BCSĐ ngày ⟦06/6/2023⟧ tăng cường", .date, "2023-06-06"),
    Marked("Quy chế số 02-QC/BCSĐ ngày ⟦06/10/2023⟧ của", .date, "2023-10-06"),
    Marked("có hiệu lực từ ⟦1-7-2019⟧.", .date, "2019-07-01"),
    Marked("ngày ⟦16.01.2023⟧,", .date, "2023-01-16"),
    Marked("Hà Nội, ⟦ngày 05 tháng 3 năm 2024⟧", .date, "2024-03-05"),
    Marked("ký ⟦ngày 5 tháng 3 năm 2024⟧.", .date, "2024-03-05"),
    Marked("ký ⟦05 tháng 3 năm 2024⟧.", .date, "2024-03-05"),
    Marked("Print Thứ Sáu, ⟦14/07/2023⟧ 18:30 Gốc", .date, "2023-07-14"),
    Marked("(Ngày ⟦8/7⟧)", .date, "--07-08"),
    Marked("Ngày ⟦08/7⟧, Cục II, Thanh tra Chính phủ", .date, "--07-08"),
    Marked("Sáng ⟦14/7⟧, Thanh tra Chính phủ tổ chức", .date, "--07-14"),
    Marked("Chiều ⟦16/9/2021⟧, đồng chí", .date, "2021-09-16"),
    Marked("tối ⟦20/11⟧ vừa qua", .date, "--11-20"),
    Marked("trưa ⟦1/1⟧", .date, "--01-01"),
    Marked("đêm ⟦29/2⟧", .date, "--02-29"),
    Marked("ngày ⟦29/02/2024⟧", .date, "2024-02-29"),
    Marked("ngày ⟦31/12/2099⟧", .date, "2099-12-31"),
    Marked("⟦ngày 08 tháng 7⟧ vừa qua", .date, "--07-08"),
    Marked("ban hành ⟦01/01/2023⟧.", .date, "2023-01-01"),
    Marked("Cập nhật ⟦2023-07-14⟧ 18:30", .date, "2023-07-14"),
    Marked("đến hết ngày ⟦30/6/2024⟧; ngày 15-3-2024", .date, "2024-06-30"),
    Marked("Ngày 12/3/2024, UBND tỉnh ban hành Quyết định số 123/QĐ-UBND ngày ⟦10/3/2024⟧.", .date, "2024-03-10"),
    // A dash after a day word; a date glued to the next word.
    Marked("Ngày ⟦16-4⟧, Thanh tra Chính phủ", .date, "--04-16"),
    Marked("sáng ⟦24-12⟧, TAND", .date, "--12-24"),
    Marked("Thông tư số 06/2021/TT-TTCP ngày ⟦1/10/2021⟧của Thanh tra", .date, "2021-10-01"),
    Marked("ngày ⟦1-7-2019⟧của", .date, "2019-07-01"),
  ]

  static let times: [Marked] = [
    Marked("Thứ Sáu, 14/07/2023 ⟦18:30⟧ Gốc", .time, "18:30"),
    Marked("lúc ⟦8h30⟧ sáng", .time, "08:30"),
    Marked("lúc ⟦14h⟧ chiều", .time, "14:00"),
    Marked("lúc ⟦07:05⟧.", .time, "07:05"),
  ]

  static let periods: [Marked] = [
    Marked("Qua báo cáo ⟦6 tháng đầu năm 2023⟧ toàn Cụm", .period, "2023-01-01..2023-06-30"),
    Marked("nhiệm vụ ⟦6 tháng cuối năm 2023⟧ toàn Cụm", .period, "2023-07-01..2023-12-31"),
    Marked("Trong ⟦9 tháng đầu năm 2021⟧, Thanh tra", .period, "2021-01-01..2021-09-30"),
    Marked("trong ⟦7 tháng đầu năm 2023⟧, công tác", .period, "2023-01-01..2023-07-31"),
    Marked("nhiệm vụ ⟦3 tháng cuối năm 2021⟧.", .period, "2021-10-01..2021-12-31"),
    Marked("⟦sáu tháng đầu năm 2023⟧", .period, "2023-01-01..2023-06-30"),
    Marked("⟦Sáu tháng đầu năm 2023⟧, ngành", .period, "2023-01-01..2023-06-30"),
    Marked("⟦nửa đầu năm 2023⟧", .period, "2023-01-01..2023-06-30"),
    Marked("⟦2 tháng đầu năm 2024⟧", .period, "2024-01-01..2024-02-29"),
    Marked("kết quả ⟦quý I/2024⟧.", .period, "2024-01-01..2024-03-31"),
    Marked("kết quả ⟦Quý IV/2018⟧.", .period, "2018-10-01..2018-12-31"),
    Marked("kết quả ⟦quý 4 năm 2018⟧.", .period, "2018-10-01..2018-12-31"),
    Marked("kết quả ⟦quý II năm 2022⟧.", .period, "2022-04-01..2022-06-30"),
    Marked("kết quả ⟦quý 3/2022⟧.", .period, "2022-07-01..2022-09-30"),
    Marked("⟦Quý III/2023⟧, quý III năm 2023", .period, "2023-07-01..2023-09-30"),
    Marked("trong năm 2022 và ⟦quý I/2023⟧", .period, "2023-01-01..2023-03-31"),
    Marked("đến ⟦tháng 12/2023⟧", .period, "2023-12-01..2023-12-31"),
    Marked("từ ⟦tháng 10 năm 2017⟧ đến nay", .period, "2017-10-01..2017-10-31"),
    Marked("từ ⟦tháng 2/2020⟧", .period, "2020-02-01..2020-02-29"),
    Marked("giao ban ⟦tháng 7/ 2018⟧, Thanh tra", .period, "2018-07-01..2018-07-31"),
    Marked("kết quả ⟦quý I/ 2024⟧.", .period, "2024-01-01..2024-03-31"),
    Marked("kế hoạch thanh tra ⟦năm 2019⟧ của", .period, "2019-01-01..2019-12-31"),
    Marked("ông Nguyễn Văn A, sinh ⟦năm 1965⟧", .period, "1965-01-01..1965-12-31"),
    Marked("⟦Năm 2019⟧, Thanh tra các tỉnh", .period, "2019-01-01..2019-12-31"),
    Marked("“Hành trình đỏ ⟦năm 2023⟧”.", .period, "2023-01-01..2023-12-31"),
    Marked("giai đoạn ⟦2021-2025⟧.", .period, "2021-01-01..2025-12-31"),
    Marked("Trong 3 năm (⟦2020-2022⟧), tỉnh", .period, "2020-01-01..2022-12-31"),
    Marked("giai đoạn ⟦2021 – 2025⟧.", .period, "2021-01-01..2025-12-31"),
    Marked("UBND tỉnh thời kỳ ⟦2016 - 2021⟧ và 4 tập thể", .period, "2016-01-01..2021-12-31"),
    Marked("trong ⟦năm 2019-2020⟧.", .period, "2019-01-01..2020-12-31"),
    Marked("từ ⟦năm 2019 đến năm 2021⟧.", .period, "2019-01-01..2021-12-31"),
    Marked("từ ⟦01/01/2023 đến 30/6/2023⟧,", .period, "2023-01-01..2023-06-30"),
    Marked("từ ngày ⟦01/01/2023 đến ngày 30/6/2023⟧,", .period, "2023-01-01..2023-06-30"),
    Marked("thời kỳ ⟦01/01/2023 - 30/6/2023⟧,", .period, "2023-01-01..2023-06-30"),
    Marked("Từ ngày ⟦15/8 đến ngày 30/9/2023⟧, Đoàn", .period, "2023-08-15..2023-09-30"),
    Marked("từ ngày ⟦15/12 đến ngày 15/01/2024⟧", .period, "2023-12-15..2024-01-15"),
  ]

  @Test(arguments: dates) func fullAndYearlessDates(_ c: Marked) { check(c) }
  @Test(arguments: times) func timesOfDay(_ c: Marked) { check(c) }
  @Test(arguments: periods) func periodsWithTheirYear(_ c: Marked) { check(c) }
  @Test(arguments: dates + times + periods) func decomposed(_ c: Marked) { check(c, decomposed: true) }

  @Test func dashesAndSpacedSlashesThatAreNoDates() {
    checkNone("Nghị quyết 65-NQ/BCSĐ về 2016-2021", [.date])
    checkNone("ngày 3-4 tháng 5", [.date])
    checkNone("trong 2 ngày 5-6/4", [.date])
    checkNone("số 7/ 2018 và 3/ 2019", [.period, .date])
    checkNone("tháng 7 / 2018", [.period])
    checkNone("ngày 1/10/2021Của", [.date])
    checkNone("ngày 1/10/2021x", [.date])
  }

  @Test func notDatesOrPeriods() {
    checkNone("ngày 31/02/2023", [.date])
    checkNone("ngày 32/1/2023 và 15/13/2023", [.date])
    checkNone("ngày 29/2/2023", [.date])
    checkNone("mã 2023-13-01 và 2023-02-30", [.date])
    checkNone("số 12/2020-2022/QĐ, mã 2020-2022x, 1990-2020, 2020 - 2022", [.period])
    checkNone("trong 6 tháng đầu năm, nhiệm vụ", [.period, .count])
    checkNone("9 tháng đầu năm Thanh tra tỉnh", [.period])
    checkNone("năm nay; năm ngoái; quý I", [.period])
    checkNone("trong 13/32 và 5/6 nữa", [.date])
    checkNone("Chỉ thị số 20/CT-TTg", [.date])
    let (text, t) = tokenize("tháng 13 năm 2020")
    #expect(t.filter { $0.kind == .period }.map { text.rawString($0.range) } == ["năm 2020"])
  }

  @Test func periodOwnsItsYear_andDoesNotSwallowACount() {
    let (text, t) = tokenize("trong 6 tháng đầu năm 2019 32 cuộc")
    let typed = t.filter { $0.value != nil }.map { "\($0.kind.rawValue):\(text.rawString($0.range))" }
    #expect(typed == ["period:6 tháng đầu năm 2019", "count:32 cuộc"])
  }

  @Test func yearOfALawIsNotAPeriod() {
    checkNone("thực hiện đúng Luật Đất đai năm 2013 và", [.period])
    checkNone("Luật Phòng, chống tham nhũng năm 2018 và", [.period])
    checkNone("Bộ luật Hình sự năm 2015", [.period])
    checkNone("Hiến pháp năm 2013", [.period])
    let (text, t) = tokenize("theo Luật Thanh tra, năm 2023 toàn ngành")
    #expect(t.filter { $0.kind == .period }.map { text.rawString($0.range) } == ["năm 2023"])
  }

  @Test func dateAndTimeAreTwoTokens() {
    let (text, t) = tokenize("Thứ Sáu, 14/07/2023 18:30")
    let typed = t.filter { $0.value != nil }.map { "\($0.kind.rawValue):\(text.rawString($0.range))" }
    #expect(typed == ["date:14/07/2023", "time:18:30"])
  }

  @Test func dateRangeKeepsItsTwoDates() {
    let (text, t) = tokenize("trong thời kỳ từ ngày 01/01/2020 đến ngày 31/12/2022, Đoàn")
    let periods = t.filter { $0.kind == .period }
    #expect(periods.count == 1)
    guard let p = periods.first else { return }
    #expect(text.rawString(p.range) == "01/01/2020 đến ngày 31/12/2022")
    let inner = Tokenizer().datesInside(p, in: text)
    #expect(inner.map { text.rawString($0.range) } == ["01/01/2020", "31/12/2022"])
    #expect(inner.map(\.value) == [.date(SimpleDate(year: 2020, month: 1, day: 1)), .date(SimpleDate(year: 2022, month: 12, day: 31))])
    #expect(Tokenizer().datesInside(t[0], in: text).isEmpty)
    let (text2, t2) = tokenize("Từ ngày 15/8 đến ngày 30/9/2023, Đoàn")
    guard let p2 = t2.first(where: { $0.kind == .period }) else { Issue.record("no period"); return }
    #expect(Tokenizer().datesInside(p2, in: text2).map { $0.date?.iso } == ["2023-08-15", "2023-09-30"])
  }

  @Test func ratioIsNotADate() {
    let (_, t) = tokenize("triển khai 8/11 cuộc")
    #expect(t.contains { $0.kind == .count })
    #expect(!t.contains { $0.kind == .date })
  }
}

