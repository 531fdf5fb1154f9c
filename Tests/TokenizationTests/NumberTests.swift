import Testing
import VNText
@testable import Tokenization

/// Numbers in digits and in words, with no unit.
@Suite struct NumberTests {
  static let digitCases: [Marked] = [
    Marked("mã số ⟦46.237⟧ là", .number, "46237"),
    Marked("tổng ⟦15.000.000⟧ ạ", .number, "15000000"),
    Marked("chỉ số ⟦88,8⟧ điểm", .number, "88.8"),
    Marked("hệ số ⟦0,77⟧ thôi", .number, "0.77"),
    Marked("ghi ⟦1.391,1⟧ ở đây", .number, "1391.1"),
    Marked("hệ số ⟦2.5⟧ (kiểu Anh)", .number, "2.5"),
    Marked("dân số ⟦1,234,567⟧ trên cả nước", .number, "1234567"),
    Marked("giá ⟦1,234.5⟧ ghi", .number, "1234.5"),
    Marked("mức ⟦-5⟧ so với", .number, "-5"),
    Marked("nhiệt độ ⟦âm 5⟧ độ", .number, "-5"),
    Marked("khoản ⟦3 tỷ⟧ còn lại", .number, "3000000000"),
    Marked("cấp ⟦4⟧", .number, "4"),
    Marked("Kỳ họp ⟦11⟧", .number, "11"),
    Marked("chuyển ⟦03⟧ hồ", .number, "3"),
    Marked("Chỉ thị số ⟦20⟧/CT-TTg", .number, "20"),
    Marked("⟦1.000.000.000.000⟧ là một nghìn tỷ", .number, "1000000000000"),
  ]

  static let wordCases: [Marked] = [
    Marked("viết ⟦hai mươi mốt nghìn không trăm mười một⟧ là", .number, "21011"),
    Marked("bằng chữ ⟦bảy trăm hai mươi mốt nghìn không trăm mười hai đồng⟧ chẵn", .money, "721012 VND"),
    Marked("có ⟦mười lăm⟧ ý kiến", .number, "15"),
    Marked("gồm ⟦ba mươi mốt⟧ ý kiến", .number, "31"),
    Marked("số ⟦một trăm linh năm⟧ nhé", .number, "105"),
    Marked("số ⟦một trăm lẻ năm⟧ nhé", .number, "105"),
    Marked("thu ⟦hai tỷ rưỡi⟧ rồi", .number, "2500000000"),
    Marked("có ⟦hai mươi tư⟧ ý kiến", .number, "24"),
    Marked("có ⟦bốn mươi lăm⟧ ý kiến", .number, "45"),
    Marked("có ⟦hai mươi nhăm⟧ ý kiến", .number, "25"),
    Marked("có ⟦mười một⟧ ý kiến", .number, "11"),
    Marked("có ⟦chín mươi chín⟧ ý kiến", .number, "99"),
    Marked("khoảng ⟦năm trăm⟧ ý kiến", .number, "500"),
    Marked("chừng ⟦năm mươi⟧ ý kiến", .number, "50"),
    Marked("đủ ⟦một nghìn⟧ ý kiến", .number, "1000"),
    Marked("đủ ⟦hai ngàn⟧ ý kiến", .number, "2000"),
    Marked("thu ⟦một triệu rưỡi⟧ rồi", .number, "1500000"),
    Marked("thu ⟦ba trăm triệu⟧ rồi", .number, "300000000"),
    Marked("thu ⟦năm tỉ⟧ rồi", .number, "5000000000"),
    Marked("ghi ⟦3 tỷ 200 triệu⟧ rồi", .number, "3200000000"),
    Marked("ghi ⟦1 tỷ hai trăm triệu⟧ rồi", .number, "1200000000"),
    Marked("bằng chữ ⟦Hai mươi⟧ ý kiến", .number, "20"),
  ]

  @Test(arguments: digitCases) func digits(_ c: Marked) { check(c) }
  @Test(arguments: wordCases) func words(_ c: Marked) { check(c) }
  @Test(arguments: digitCases + wordCases) func decomposed(_ c: Marked) { check(c, decomposed: true) }

  @Test func numberWordPolicy_ambiguousWordsStayWords() {
    checkNone("một số đơn vị chưa làm, không có ai", [.number, .count])
    checkNone("năm nay và năm sau", [.number, .period])
    checkNone("Thứ Sáu tuần này; quận Ba Đình; Bộ Tư pháp", [.number])
    checkNone("hai bên đã thống nhất", [.number])
    checkNone("mười năm qua", [.number])
    checkNone("hàng trăm người, hàng nghìn tỷ", [.number, .count, .money])
    checkNone("một cuộc thanh tra", [.count, .number])
  }

  @Test func vietnameseThousandsWinOverEnglishDecimal() {
    let (_, t) = tokenize("1.234")
    #expect(t.count == 1)
    #expect(t[0].value == .number(DecimalNumber(1234)))
  }

  @Test func exactDecimalArithmetic() {
    let (_, t) = tokenize("1.391,1 triệu đồng")
    guard case .quantity(let q) = t[0].value else { Issue.record("no quantity"); return }
    #expect(q.value == DecimalNumber(1_391_100_000))
    #expect(q.value.integerValue == 1_391_100_000)
  }

  @Test func hyphenIsNotMinus() {
    let (text, t) = tokenize("65-NQ/BCSĐ và COVID-19 và\n-5 mục")
    let numbers = t.filter { $0.kind == .number }.map { text.rawString($0.range) }
    #expect(numbers == ["65", "19", "5"])
  }

  @Test func gluedLettersAndDigitsAreOther() {
    let (text, t) = tokenize("biến thể F0 và B52")
    let other = t.filter { $0.kind == .other }.map { text.rawString($0.range) }
    #expect(other == ["F0", "B52"])
  }

  @Test func numberWordsCanBeTurnedOff() {
    let text = Normalizer().normalize("hai mươi mốt cuộc và 21 cuộc")
    let t = Tokenizer(options: .init(numberWords: false)).tokenize(text)
    #expect(t.filter { $0.kind == .count }.map { text.rawString($0.range) } == ["21 cuộc"])
  }
}

/// The separator policy, case by case.
@Suite struct NumeralReaderTests {
  func read(_ s: String) -> String? {
    let scalars = s.unicodeScalars.map(\.value)
    return scalars.withUnsafeBufferPointer { NumeralReader.read($0, 0, $0.count)?.description }
  }

  @Test func separators() {
    #expect(read("46.237") == "46237")
    #expect(read("15.000.000") == "15000000")
    #expect(read("1.391,1") == "1391.1")
    #expect(read("1.147,0") == "1147")
    #expect(read("88,8") == "88.8")
    #expect(read("0,77") == "0.77")
    #expect(read("1,234") == "1.234")  // Vietnamese decimal comma first
    #expect(read("1.234") == "1234")  // Vietnamese thousands first
    #expect(read("1,234,567") == "1234567")
    #expect(read("1,234.5") == "1234.5")
    #expect(read("2.5") == "2.5")
    #expect(read("2019.5") == "2019.5")
    #expect(read("16.01.2023") == nil)
    #expect(read("1.23.456") == nil)
    #expect(read("1.234,5,6") == nil)
    #expect(read("1234.567") == "1234.567")
    #expect(read("12.345.67") == nil)
  }
}
