/// Every word the recognizers look at, with its spelling variants.
enum Vocabulary {
  /// The words with a fixed id (`W`), in id order.
  static let fixed: [(String, UInt16)] = [
    ("không", 1),
    ("một", 2),
    ("hai", 3),
    ("ba", 4),
    ("bốn", 5),
    ("năm", 6),
    ("sáu", 7),
    ("bảy", 8),
    ("tám", 9),
    ("chín", 10),
    ("mốt", 11),
    ("tư", 12),
    ("lăm", 13),
    ("mười", 14),
    ("mươi", 15),
    ("trăm", 16),
    ("nghìn", 17),
    ("triệu", 18),
    ("tỷ", 19),
    ("linh", 20),
    ("rưỡi", 21),
    ("âm", 22),
    ("phẩy", 23),
    ("đồng", 24),
    ("đ", 25),
    ("vnđ", 26),
    ("usd", 27),
    ("đô", 28),
    ("la", 29),
    ("đôla", 30),
    ("euro", 31),
    ("eur", 32),
    ("chí", 33),
    ("m", 34),
    ("km", 35),
    ("ha", 36),
    ("mét", 37),
    ("vuông", 38),
    ("hécta", 39),
    ("hecta", 40),
    ("héc", 41),
    ("ta", 42),
    ("phần", 43),
    ("hơn", 44),
    ("trên", 45),
    ("gần", 46),
    ("khoảng", 47),
    ("dưới", 48),
    ("quá", 49),
    ("tối", 50),
    ("đa", 51),
    ("lên", 52),
    ("tới", 53),
    ("đến", 54),
    ("xấp", 55),
    ("xỉ", 56),
    ("ước", 57),
    ("tính", 58),
    ("chừng", 59),
    ("ngót", 60),
    ("thiểu", 61),
    ("ít", 62),
    ("nhất", 63),
    ("ngày", 64),
    ("tháng", 65),
    ("quý", 66),
    ("đầu", 67),
    ("cuối", 68),
    ("sáng", 69),
    ("chiều", 70),
    ("trưa", 71),
    ("đêm", 72),
    ("hôm", 73),
    ("khuya", 74),
    ("thứ", 75),
    ("chủ", 76),
    ("từ", 77),
    ("giờ", 78),
    ("phút", 79),
    ("h", 80),
    ("giai", 81),
    ("đoạn", 82),
    ("và", 83),
    ("i", 84),
    ("ii", 85),
    ("iii", 86),
    ("iv", 87),
    ("số", 88),
    ("rạng", 89),
    ("nửa", 90),
    ("luật", 91),
    ("hiến", 92),
    ("pháp", 93),
    ("bộ", 94),
    ("thời", 95),
    ("kỳ", 96),
    ("nhiệm", 97),
    ("sinh", 98)
  ]


  /// `(spelling, canonical)`; the canonical form is what `W` refers to.
  static let entries: [(spelling: String, canonical: String)] = {
    var list: [(String, String)] = []
    func add(_ canonical: String, _ variants: String...) {
      list.append((canonical, canonical))
      for v in variants { list.append((v, canonical)) }
    }
    // Numbers in words.
    for w in ["không", "một", "mốt", "hai", "ba", "bốn", "tư", "năm", "sáu", "bảy", "tám", "chín",
              "mười", "mươi", "trăm", "triệu", "rưỡi", "âm", "phẩy"] { add(w) }
    add("lăm", "nhăm")
    add("linh", "lẻ")
    add("nghìn", "ngàn")
    add("tỷ", "tỉ")
    // Money, area, percent.
    for w in ["đồng", "đ", "usd", "đô", "la", "đôla", "euro", "eur", "chí", "m", "km", "ha", "mét",
              "vuông", "hécta", "hecta", "héc", "ta", "phần", "ki", "lô"] { add(w) }
    add("vnđ", "vnd")
    // Qualifiers.
    for w in ["hơn", "trên", "gần", "khoảng", "dưới", "quá", "tối", "đa", "lên", "tới", "đến",
              "xấp", "xỉ", "ước", "tính", "chừng", "ngót", "trong", "thiểu", "ít", "nhất"] { add(w) }
    // Dates and periods.
    for w in ["ngày", "tháng", "quý", "đầu", "cuối", "sáng", "chiều", "trưa", "đêm", "hôm",
              "khuya", "thứ", "chủ", "nhật", "từ", "giờ", "phút", "h", "giai", "đoạn", "i", "ii",
              "iii", "iv", "và", "số", "nay", "sau", "trước", "qua", "rạng", "nửa", "năm", "giai", "đoạn", "luật", "hiến", "pháp", "bộ", "thời", "kỳ", "nhiệm", "sinh"] { add(w) }
    // Syllables of counted nouns.
    for noun in CountedNouns.all {
      for syllable in CountedNouns.words(noun) { add(String(syllable)) }
    }
    return list
  }()
}

/// Lexicon ids of the words the recognizers test. They are literal constants (no lazy
/// global initialization in the hot path); `Vocabulary.fixed` lists the same words in the same
/// order and the lexicon checks the two agree. The ten digit words come first, so that a digit
/// word's value is `id - 1`.
enum W {
  static let khong: UInt16 = 1  // không
  static let mot: UInt16 = 2  // một
  static let hai: UInt16 = 3  // hai
  static let ba: UInt16 = 4  // ba
  static let bon: UInt16 = 5  // bốn
  static let nam: UInt16 = 6  // năm
  static let sau6: UInt16 = 7  // sáu
  static let bay: UInt16 = 8  // bảy
  static let tam: UInt16 = 9  // tám
  static let chin: UInt16 = 10  // chín
  static let mot2: UInt16 = 11  // mốt
  static let tu4: UInt16 = 12  // tư
  static let lam: UInt16 = 13  // lăm
  static let muoi10: UInt16 = 14  // mười
  static let muoi: UInt16 = 15  // mươi
  static let tram: UInt16 = 16  // trăm
  static let nghin: UInt16 = 17  // nghìn
  static let trieu: UInt16 = 18  // triệu
  static let ty: UInt16 = 19  // tỷ
  static let linh: UInt16 = 20  // linh
  static let ruoi: UInt16 = 21  // rưỡi
  static let am: UInt16 = 22  // âm
  static let phay: UInt16 = 23  // phẩy
  static let dong: UInt16 = 24  // đồng
  static let d: UInt16 = 25  // đ
  static let vnd: UInt16 = 26  // vnđ
  static let usd: UInt16 = 27  // usd
  static let dollar: UInt16 = 28  // đô
  static let la: UInt16 = 29  // la
  static let dola: UInt16 = 30  // đôla
  static let euro: UInt16 = 31  // euro
  static let eur: UInt16 = 32  // eur
  static let chi: UInt16 = 33  // chí
  static let m: UInt16 = 34  // m
  static let km: UInt16 = 35  // km
  static let ha: UInt16 = 36  // ha
  static let met: UInt16 = 37  // mét
  static let vuong: UInt16 = 38  // vuông
  static let hecta: UInt16 = 39  // hécta
  static let hecta2: UInt16 = 40  // hecta
  static let hec: UInt16 = 41  // héc
  static let ta: UInt16 = 42  // ta
  static let phan: UInt16 = 43  // phần
  static let hon: UInt16 = 44  // hơn
  static let tren: UInt16 = 45  // trên
  static let gan: UInt16 = 46  // gần
  static let khoang: UInt16 = 47  // khoảng
  static let duoi: UInt16 = 48  // dưới
  static let qua: UInt16 = 49  // quá
  static let toi: UInt16 = 50  // tối
  static let da: UInt16 = 51  // đa
  static let len: UInt16 = 52  // lên
  static let toi2: UInt16 = 53  // tới
  static let den: UInt16 = 54  // đến
  static let xap: UInt16 = 55  // xấp
  static let xi: UInt16 = 56  // xỉ
  static let uoc: UInt16 = 57  // ước
  static let tinh: UInt16 = 58  // tính
  static let chung: UInt16 = 59  // chừng
  static let ngot: UInt16 = 60  // ngót
  static let thieu: UInt16 = 61  // thiểu
  static let it: UInt16 = 62  // ít
  static let nhat: UInt16 = 63  // nhất
  static let ngay: UInt16 = 64  // ngày
  static let thang: UInt16 = 65  // tháng
  static let quy: UInt16 = 66  // quý
  static let dau: UInt16 = 67  // đầu
  static let cuoi: UInt16 = 68  // cuối
  static let sang: UInt16 = 69  // sáng
  static let chieu: UInt16 = 70  // chiều
  static let trua: UInt16 = 71  // trưa
  static let dem: UInt16 = 72  // đêm
  static let hom: UInt16 = 73  // hôm
  static let khuya: UInt16 = 74  // khuya
  static let thu: UInt16 = 75  // thứ
  static let chu: UInt16 = 76  // chủ
  static let tu: UInt16 = 77  // từ
  static let gio: UInt16 = 78  // giờ
  static let phut: UInt16 = 79  // phút
  static let h: UInt16 = 80  // h
  static let giai: UInt16 = 81  // giai
  static let doan: UInt16 = 82  // đoạn
  static let va: UInt16 = 83  // và
  static let romanI: UInt16 = 84  // i
  static let romanII: UInt16 = 85  // ii
  static let romanIII: UInt16 = 86  // iii
  static let romanIV: UInt16 = 87  // iv
  static let so: UInt16 = 88  // số
  static let rang: UInt16 = 89  // rạng
  static let nua: UInt16 = 90  // nửa
  static let luat: UInt16 = 91  // luật
  static let hien: UInt16 = 92  // hiến
  static let phap: UInt16 = 93  // pháp
  static let bo: UInt16 = 94  // bộ
  static let thoi: UInt16 = 95  // thời
  static let ky: UInt16 = 96  // kỳ
  static let nhiem: UInt16 = 97  // nhiệm
  static let sinh: UInt16 = 98  // sinh
  /// The highest fixed id.
  static let last: UInt16 = 98
}
