import Testing
@testable import Tokenization

/// Money, counts, percentages, areas, ratios, unit prices and qualifiers.
@Suite struct QuantityTests {
  static let money: [Marked] = [
    Marked("phát hiện sai phạm ⟦46.237 triệu đồng⟧, kiến nghị", .money, "46237000000 VND"),
    Marked("sai phạm là ⟦1.391,1 triệu đồng⟧, kiến nghị", .money, "1391100000 VND"),
    Marked("kiến nghị thu hồi ⟦1.147,0 triệu đồng⟧", .money, "1147000000 VND"),
    Marked("thu hồi ⟦42,1 tỷ đồng⟧.", .money, "42100000000 VND"),
    Marked("thu hồi ⟦42,1 tỉ đồng⟧.", .money, "42100000000 VND"),
    Marked("phạt ⟦15.000.000 đồng⟧.", .money, "15000000 VND"),
    Marked("phạt ⟦15.000.000đ⟧.", .money, "15000000 VND"),
    Marked("phạt ⟦15.000.000 đ⟧.", .money, "15000000 VND"),
    Marked("phạt ⟦15.000.000 VNĐ⟧.", .money, "15000000 VND"),
    Marked("phạt ⟦15.000.000 VND⟧.", .money, "15000000 VND"),
    Marked("phạt ⟦2 triệu VNĐ⟧.", .money, "2000000 VND"),
    Marked("trị giá ⟦1,5 triệu USD⟧.", .money, "1500000 USD"),
    Marked("trị giá ⟦300 đô la⟧ Mỹ.", .money, "300 USD"),
    Marked("trị giá ⟦300 USD⟧.", .money, "300 USD"),
    Marked("thiệt hại ⟦3 tỷ 200 triệu đồng⟧.", .money, "3200000000 VND"),
    Marked("thiệt hại ⟦hai tỷ rưỡi đồng⟧.", .money, "2500000000 VND"),
    Marked("thiệt hại ⟦hai tỷ đồng⟧.", .money, "2000000000 VND"),
    Marked("thiệt hại ⟦một tỷ đồng⟧.", .money, "1000000000 VND"),
    Marked("thiệt hại ⟦500 nghìn đồng⟧.", .money, "500000 VND"),
    Marked("thiệt hại ⟦500 ngàn đồng⟧.", .money, "500000 VND"),
    Marked("tổng ⟦1.000 tỷ đồng⟧.", .money, "1000000000000 VND"),
    Marked("tổng ⟦2 nghìn tỷ đồng⟧.", .money, "2000000000000 VND"),
    Marked("tổng ⟦0,77 tỷ đồng⟧.", .money, "770000000 VND"),
    Marked("đã thu hồi ⟦42.168 triệu đồng⟧, xử lý khác", .money, "42168000000 VND"),
    Marked("xử lý khác ⟦1.478 triệu đồng⟧.", .money, "1478000000 VND"),
    Marked("đã thu hồi được ⟦2.369 triệu đồng⟧.", .money, "2369000000 VND"),
    Marked("giá ⟦8.000 đồng/m2⟧ đất", .money, "8000 VND per m2"),
    Marked("giá ⟦8.000 đồng/m²⟧ đất", .money, "8000 VND per m2"),
    Marked("lương ⟦5 triệu đồng/tháng⟧ nhé", .money, "5000000 VND per tháng"),
    Marked("hỗ trợ ⟦500.000đ/người⟧", .money, "500000 VND per người"),
    Marked("phạt ⟦45 triệu đồng/trường hợp⟧.", .money, "45000000 VND per trường hợp"),
    Marked("xử phạt ⟦250.000.000đ⟧, phạt", .money, "250000000 VND"),
    Marked("diện tích ⟦2,5ha⟧ và 12ha rừng", .area, "2.5 ha"),
    Marked("tiếp ⟦1.234 lượt⟧/1.500 người", .count, "1234 lượt"),
    Marked("giảm ⟦-5 triệu đồng⟧ so với", .money, "-5000000 VND"),
    // Unit prices per cubic metre, tonne, kilogram, litre, month.
    Marked("giá ⟦65 ngàn đồng/m3⟧ đất", .money, "65000 VND per m3"),
    Marked("giá ⟦110 ngàn đồng/m3⟧.", .money, "110000 VND per m3"),
    Marked("giá ⟦65.000 đồng/m³⟧ cát", .money, "65000 VND per m3"),
    Marked("giá ⟦65.000đ/m3⟧, cát", .money, "65000 VND per m3"),
    Marked("giá ⟦3 triệu đồng/tấn⟧ than", .money, "3000000 VND per tấn"),
    Marked("giá ⟦25.000 đồng/kg⟧ gạo", .money, "25000 VND per kg"),
    Marked("giá ⟦22.000 đồng/lít⟧ xăng", .money, "22000 VND per lít"),
    Marked("thuê ⟦5 triệu đồng/tháng⟧.", .money, "5000000 VND per tháng"),
  ]

  static let qualified: [Marked] = [
    Marked("đóng góp số tiền hơn ⟦46 triệu đồng⟧…", .money, "46000000 VND (more_than)"),
    Marked("sai phạm trên ⟦2 tỷ đồng⟧", .money, "2000000000 VND (more_than)"),
    Marked("sai phạm gần ⟦84.800 triệu đồng⟧.", .money, "84800000000 VND (nearly)"),
    Marked("tổng số tiền khoảng ⟦200 triệu đồng⟧.", .money, "200000000 VND (about)"),
    Marked("xấp xỉ ⟦200 triệu đồng⟧.", .money, "200000000 VND (about)"),
    Marked("dưới ⟦200 triệu đồng⟧.", .money, "200000000 VND (less_than)"),
    Marked("không quá ⟦200 triệu đồng⟧.", .money, "200000000 VND (less_than)"),
    Marked("phạt tối đa ⟦200 triệu đồng⟧.", .money, "200000000 VND (less_than)"),
    Marked("thiệt hại lên tới ⟦200 triệu đồng⟧.", .money, "200000000 VND"),
    Marked("thiệt hại tới ⟦200 triệu đồng⟧.", .money, "200000000 VND"),
    Marked("ngót ⟦200 triệu đồng⟧.", .money, "200000000 VND (nearly)"),
    Marked("tiếp nhận hơn ⟦1.000 đơn⟧ khiếu nại", .count, "1000 đơn (more_than)"),
    Marked("tuyên truyền trên ⟦506.000 lượt⟧ người", .count, "506000 lượt (more_than)"),
    Marked("thực hiện gần ⟦2.600 cuộc thanh tra⟧, kiểm tra", .count, "2600 cuộc (nearly)"),
    Marked("trả lại hơn ⟦376m2⟧ đất", .area, "376 m2 (more_than)"),
    Marked("đạt trên ⟦90%⟧ kế hoạch", .percent, "90 % (more_than)"),
    Marked("tối thiểu ⟦52 người⟧, tập trung", .count, "52 người"),
    Marked("thu hồi ⟦4.862/4.870 người⟧ đã kê khai", .count, "4862 người of 4870"),
    Marked("Hơn ⟦46 triệu đồng⟧ đã nộp", .money, "46000000 VND (more_than)"),
    Marked("xếp thứ 5 trên ⟦63 tỉnh⟧, thành phố", .count, "63 tỉnh"),
  ]

  static let counts: [Marked] = [
    Marked("triển khai ⟦32/55 cuộc thanh tra⟧, trong đó", .count, "32 cuộc of 55"),
    Marked("trong đó ⟦13/32 cuộc⟧ theo kế hoạch", .count, "13 cuộc of 32"),
    Marked("đã kết thúc ⟦8/11 cuộc⟧.", .count, "8 cuộc of 11"),
    Marked("⟦18 cuộc⟧ đột xuất", .count, "18 cuộc"),
    Marked("thanh tra lại ⟦01 cuộc⟧.", .count, "1 cuộc"),
    Marked("Tiếp nhận ⟦486 đơn⟧, trong đó", .count, "486 đơn"),
    Marked("kiểm điểm ⟦23 tập thể⟧ và 116 cá nhân", .count, "23 tập thể"),
    Marked("kiểm điểm 23 tập thể và ⟦116 cá nhân⟧ có liên quan", .count, "116 cá nhân"),
    Marked("chuyển ⟦03 vụ việc⟧ sang cơ quan điều tra", .count, "3 vụ việc"),
    Marked("thường xuyên ⟦103 lượt⟧, 118 người", .count, "103 lượt"),
    Marked("thường xuyên 103 lượt, ⟦118 người⟧.", .count, "118 người"),
    Marked("theo yêu cầu công việc ⟦11 công chức⟧.", .count, "11 công chức"),
    Marked("trong đó 04 cơ quan hành chính nhà nước và ⟦36 doanh nghiệp⟧.", .count, "36 doanh nghiệp"),
    Marked("được giao ⟦52 nhiệm vụ⟧, trong đó", .count, "52 nhiệm vụ"),
    Marked("chuyển cơ quan điều tra ⟦3 vụ⟧.", .count, "3 vụ"),
    Marked("xử lý hành chính ⟦200 tổ chức⟧ và", .count, "200 tổ chức"),
    Marked("giải quyết xong ⟦93 vụ⟧.", .count, "93 vụ"),
    Marked("Thanh tra ⟦7 tỉnh⟧ biên giới", .count, "7 tỉnh"),
    Marked("⟦196 khiếu nại⟧ đã xử lý", .count, "196 khiếu nại"),
    Marked("tiếp ⟦74 lượt⟧ công dân", .count, "74 lượt"),
    Marked("triển khai ⟦1.417 cuộc thanh tra⟧, kiểm tra liên ngành", .count, "1417 cuộc"),
    Marked("có ⟦hai cuộc thanh tra⟧ mới", .count, "2 cuộc"),
    Marked("có ⟦mười lăm cuộc⟧ kiểm toán", .count, "15 cuộc"),
    Marked("tặng ⟦3 đồng chí⟧ bằng khen", .count, "3 đồng chí"),
    Marked("⟦Hai cuộc thanh tra⟧ đã kết thúc", .count, "2 cuộc"),
    Marked("có ⟦ba doanh nghiệp⟧ vi phạm", .count, "3 doanh nghiệp"),
    Marked("⟦6 đơn⟧/3 vụ việc", .count, "6 đơn"),
    Marked("6 đơn/⟦3 vụ việc⟧", .count, "3 vụ việc"),
    Marked("89 lượt/⟦44 người⟧", .count, "44 người"),
    Marked("lập ⟦12 đoàn thanh tra⟧", .count, "12 đoàn"),
    // Nouns added from held-out articles.
    Marked("mua hơn ⟦26.000 kít⟧ xét nghiệm", .count, "26000 kít (more_than)"),
    Marked("đã giải quyết ⟦288 việc⟧, tố cáo", .count, "288 việc"),
    Marked("đường rộng ⟦tám làn xe⟧.", .count, "8 làn xe"),
    Marked("thu ⟦13/18 khoản thu⟧ không đúng", .count, "13 khoản of 18"),
    Marked("có ⟦18 khoản⟧ phải nộp", .count, "18 khoản"),
    Marked("truy thu ⟦11 tập đoàn⟧, tổng công ty", .count, "11 tập đoàn"),
    Marked("ghi nhận ⟦3 ca⟧ mắc mới", .count, "3 ca"),
    Marked("bắt giữ ⟦2 lô hàng⟧ lậu", .count, "2 lô"),
    // `một` in a list of counts of the same noun.
    Marked("gồm: ⟦một vụ⟧ tại Đắk Nông, một vụ tại Lâm Đồng và hai vụ tại Bình Thuận.", .count, "1 vụ"),
    Marked("gồm: một vụ tại Đắk Nông, ⟦một vụ⟧ tại Lâm Đồng và hai vụ tại Bình Thuận.", .count, "1 vụ"),
    Marked("gồm: 3 cuộc thanh tra, ⟦một cuộc kiểm tra⟧.", .count, "1 cuộc"),
  ]

  static let percentAndArea: [Marked] = [
    Marked("đạt tỷ lệ ⟦88,8%⟧;", .percent, "88.8 %"),
    Marked("đạt tỷ lệ ⟦88,8 %⟧;", .percent, "88.8 %"),
    Marked("đạt ⟦88,8 phần trăm⟧;", .percent, "88.8 %"),
    Marked("đạt ⟦100%⟧ kế hoạch", .percent, "100 %"),
    Marked("đạt ⟦năm mươi phần trăm⟧ kế hoạch", .percent, "50 %"),
    Marked("giảm ⟦0,5%⟧ so với", .percent, "0.5 %"),
    Marked("trả lại ⟦376m2⟧ đất", .area, "376 m2"),
    Marked("trả lại ⟦376 m2⟧ đất", .area, "376 m2"),
    Marked("trả lại ⟦376 m²⟧ đất", .area, "376 m2"),
    Marked("trả lại ⟦376m²⟧ đất", .area, "376 m2"),
    Marked("thu hồi ⟦12,5 ha⟧ đất", .area, "12.5 ha"),
    Marked("thu hồi ⟦1.200 ha⟧ rừng", .area, "1200 ha"),
    Marked("diện tích ⟦3 km2⟧.", .area, "3 km2"),
    Marked("diện tích ⟦3 mét vuông⟧.", .area, "3 m2"),
    Marked("diện tích ⟦3 héc-ta⟧.", .area, "3 ha"),
    Marked("diện tích ⟦2 nghìn m2⟧.", .area, "2000 m2"),
  ]

  @Test(arguments: money) func moneyAmounts(_ c: Marked) { check(c) }
  @Test(arguments: qualified) func qualifiers(_ c: Marked) { check(c) }
  @Test(arguments: counts) func countsOfNouns(_ c: Marked) { check(c) }
  @Test(arguments: percentAndArea) func percentsAndAreas(_ c: Marked) { check(c) }
  @Test(arguments: money + qualified + counts + percentAndArea) func decomposed(_ c: Marked) {
    check(c, decomposed: true)
  }

  @Test func qualifierRangeIsRecordedOutsideTheSpan() {
    let (text, t) = tokenize("phạt không quá 200 triệu đồng")
    guard let money = t.first(where: { $0.kind == .money }), case .quantity(let q) = money.value,
      let r = q.qualifierRange
    else { Issue.record("no qualified money"); return }
    #expect(text.rawString(r) == "không quá")
    #expect(text.rawString(money.range) == "200 triệu đồng")
    #expect(q.qualifier == .lessThan)
  }

  @Test func notQuantities() {
    checkNone("kiểm tra trên địa bàn tỉnh")
    checkNone("không quá nhiều việc")
    checkNone("xếp cấp 4, Kỳ họp 11")
    checkNone("án tù 3 năm, thời hạn 6 tháng")
    checkNone("hơn nữa, gần đây")
    checkNone("tặng 8 cây vàng")
    checkNone("đồng chí Hồ Tiến Thiệu")
    checkNone("rộng 5 m và dài 3 km")
    checkNone("huyện Ba Vì, Thứ Sáu Tuần Thánh, Một cuộc thanh tra")
  }

  @Test func measuresCitationsAndLoneOnesAreNotCounts() {
    checkNone("khai thác 5 tấn than, 20 kg gạo, 30 lít dầu")
    checkNone("theo Điều 12 khoản 3 Luật Thanh tra")
    checkNone("tiến hành một cuộc thanh tra theo quy định")
    checkNone("một vụ tại Đắk Nông, một vụ tại Lâm Đồng.")
    let (_, other) = tokenize("chuyển 2 vụ. Sau đó, một vụ được trả lại.")
    #expect(other.filter { $0.kind == .count }.count == 1)
    // A lone `một` not in a list stays words even with a count of the same noun around.
    let (_, t) = tokenize(
      "Trong 5 cuộc thanh tra về các kỳ thi, Sở GD&ĐT không áp dụng đúng trình tự, thủ tục tiến hành một cuộc thanh tra theo quy định.")
    #expect(t.filter { $0.kind == .count }.count == 1)
  }

  @Test func cubicMetreIsNotAnArea() {
    let (_, t) = tokenize("khai thác 300 m3 cát, giá 65 ngàn đồng/m3")
    #expect(t.filter { $0.kind == .area }.isEmpty)
    #expect(t.filter { $0.kind == .money }.count == 1)
  }

  @Test func durationsAreNotCounts() {
    let (_, t) = tokenize("trong 3 năm và 6 tháng")
    #expect(t.filter { $0.kind == .count }.isEmpty)
    #expect(t.filter { $0.kind == .number }.count == 2)
  }
}
