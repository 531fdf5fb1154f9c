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
    ("đồng", 23),
    ("đ", 24),
    ("vnđ", 25),
    ("usd", 26),
    ("đô", 27),
    ("la", 28),
    ("đôla", 29),
    ("euro", 30),
    ("eur", 31),
    ("chí", 32),
    ("m", 33),
    ("km", 34),
    ("ha", 35),
    ("mét", 36),
    ("vuông", 37),
    ("hécta", 38),
    ("hecta", 39),
    ("héc", 40),
    ("ta", 41),
    ("phần", 42),
    ("hơn", 43),
    ("trên", 44),
    ("gần", 45),
    ("khoảng", 46),
    ("dưới", 47),
    ("quá", 48),
    ("tối", 49),
    ("đa", 50),
    ("lên", 51),
    ("tới", 52),
    ("đến", 53),
    ("xấp", 54),
    ("xỉ", 55),
    ("chừng", 56),
    ("ngót", 57),
    ("ngày", 58),
    ("tháng", 59),
    ("quý", 60),
    ("đầu", 61),
    ("cuối", 62),
    ("sáng", 63),
    ("chiều", 64),
    ("trưa", 65),
    ("đêm", 66),
    ("hôm", 67),
    ("khuya", 68),
    ("thứ", 69),
    ("từ", 70),
    ("h", 71),
    ("giai", 72),
    ("đoạn", 73),
    ("i", 74),
    ("ii", 75),
    ("iii", 76),
    ("iv", 77),
    ("nửa", 78),
    ("luật", 79),
    ("hiến", 80),
    ("pháp", 81),
    ("bộ", 82),
    ("thời", 83),
    ("kỳ", 84),
    ("nhiệm", 85),
    ("và", 86),
    ("hoặc", 87)
  ]


  /// `(spelling, canonical)`: the fixed words, their other spellings, and the syllables of
  /// the counted nouns (which get ids after the fixed ones).
  static let entries: [(spelling: String, canonical: String)] = {
    var list: [(String, String)] = fixed.map { ($0.0, $0.0) }
    let variants = [("nhăm", "lăm"), ("lẻ", "linh"), ("ngàn", "nghìn"), ("tỉ", "tỷ"), ("vnd", "vnđ")]
    list += variants
    for noun in CountedNouns.parsed {
      for syllable in noun.words { list.append((syllable, syllable)) }
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
  static let dong: UInt16 = 23  // đồng
  static let d: UInt16 = 24  // đ
  static let vnd: UInt16 = 25  // vnđ
  static let usd: UInt16 = 26  // usd
  static let dollar: UInt16 = 27  // đô
  static let la: UInt16 = 28  // la
  static let dola: UInt16 = 29  // đôla
  static let euro: UInt16 = 30  // euro
  static let eur: UInt16 = 31  // eur
  static let chi: UInt16 = 32  // chí
  static let m: UInt16 = 33  // m
  static let km: UInt16 = 34  // km
  static let ha: UInt16 = 35  // ha
  static let met: UInt16 = 36  // mét
  static let vuong: UInt16 = 37  // vuông
  static let hecta: UInt16 = 38  // hécta
  static let hecta2: UInt16 = 39  // hecta
  static let hec: UInt16 = 40  // héc
  static let ta: UInt16 = 41  // ta
  static let phan: UInt16 = 42  // phần
  static let hon: UInt16 = 43  // hơn
  static let tren: UInt16 = 44  // trên
  static let gan: UInt16 = 45  // gần
  static let khoang: UInt16 = 46  // khoảng
  static let duoi: UInt16 = 47  // dưới
  static let qua: UInt16 = 48  // quá
  static let toi: UInt16 = 49  // tối
  static let da: UInt16 = 50  // đa
  static let len: UInt16 = 51  // lên
  static let toi2: UInt16 = 52  // tới
  static let den: UInt16 = 53  // đến
  static let xap: UInt16 = 54  // xấp
  static let xi: UInt16 = 55  // xỉ
  static let chung: UInt16 = 56  // chừng
  static let ngot: UInt16 = 57  // ngót
  static let ngay: UInt16 = 58  // ngày
  static let thang: UInt16 = 59  // tháng
  static let quy: UInt16 = 60  // quý
  static let dau: UInt16 = 61  // đầu
  static let cuoi: UInt16 = 62  // cuối
  static let sang: UInt16 = 63  // sáng
  static let chieu: UInt16 = 64  // chiều
  static let trua: UInt16 = 65  // trưa
  static let dem: UInt16 = 66  // đêm
  static let hom: UInt16 = 67  // hôm
  static let khuya: UInt16 = 68  // khuya
  static let thu: UInt16 = 69  // thứ
  static let tu: UInt16 = 70  // từ
  static let h: UInt16 = 71  // h
  static let giai: UInt16 = 72  // giai
  static let doan: UInt16 = 73  // đoạn
  static let romanI: UInt16 = 74  // i
  static let romanII: UInt16 = 75  // ii
  static let romanIII: UInt16 = 76  // iii
  static let romanIV: UInt16 = 77  // iv
  static let nua: UInt16 = 78  // nửa
  static let luat: UInt16 = 79  // luật
  static let hien: UInt16 = 80  // hiến
  static let phap: UInt16 = 81  // pháp
  static let bo: UInt16 = 82  // bộ
  static let thoi: UInt16 = 83  // thời
  static let ky: UInt16 = 84  // kỳ
  static let nhiem: UInt16 = 85  // nhiệm
  static let va: UInt16 = 86  // và
  static let hoac: UInt16 = 87  // hoặc
  /// The highest fixed id.
  static let last: UInt16 = 87
}
