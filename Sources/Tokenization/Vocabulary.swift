/// Every word the recognizers look at, with its spelling variants.
enum Vocabulary {
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
              "iii", "iv", "và", "số", "nay", "sau", "trước", "qua", "rạng", "nửa", "năm", "giai", "đoạn", "luật", "hiến", "pháp", "bộ"] { add(w) }
    // Syllables of counted nouns.
    for noun in CountedNouns.all {
      for syllable in CountedNouns.words(noun) { add(String(syllable)) }
    }
    return list
  }()
}

/// Lexicon ids of the words the recognizers test, fetched once.
enum W {
  static let lexicon = Lexicon.shared
  static let khong = lexicon.id("không"), mot = lexicon.id("một"), mot2 = lexicon.id("mốt")
  static let hai = lexicon.id("hai"), ba = lexicon.id("ba"), bon = lexicon.id("bốn")
  static let tu4 = lexicon.id("tư"), nam = lexicon.id("năm"), sau6 = lexicon.id("sáu")
  static let bay = lexicon.id("bảy"), tam = lexicon.id("tám"), chin = lexicon.id("chín")
  static let lam = lexicon.id("lăm"), muoi10 = lexicon.id("mười"), muoi = lexicon.id("mươi")
  static let tram = lexicon.id("trăm"), nghin = lexicon.id("nghìn"), trieu = lexicon.id("triệu")
  static let ty = lexicon.id("tỷ"), linh = lexicon.id("linh"), ruoi = lexicon.id("rưỡi")
  static let am = lexicon.id("âm"), phay = lexicon.id("phẩy")

  static let dong = lexicon.id("đồng"), d = lexicon.id("đ"), vnd = lexicon.id("vnđ")
  static let usd = lexicon.id("usd"), dollar = lexicon.id("đô"), la = lexicon.id("la")
  static let dola = lexicon.id("đôla"), euro = lexicon.id("euro"), eur = lexicon.id("eur")
  static let chi = lexicon.id("chí")
  static let m = lexicon.id("m"), km = lexicon.id("km"), ha = lexicon.id("ha")
  static let met = lexicon.id("mét"), vuong = lexicon.id("vuông"), hecta = lexicon.id("hécta")
  static let hecta2 = lexicon.id("hecta"), hec = lexicon.id("héc"), ta = lexicon.id("ta")
  static let phan = lexicon.id("phần")

  static let hon = lexicon.id("hơn"), tren = lexicon.id("trên"), gan = lexicon.id("gần")
  static let khoang = lexicon.id("khoảng"), duoi = lexicon.id("dưới"), qua = lexicon.id("quá")
  static let toi = lexicon.id("tối"), da = lexicon.id("đa"), len = lexicon.id("lên")
  static let toi2 = lexicon.id("tới"), den = lexicon.id("đến"), xap = lexicon.id("xấp")
  static let xi = lexicon.id("xỉ"), uoc = lexicon.id("ước"), tinh = lexicon.id("tính")
  static let chung = lexicon.id("chừng"), ngot = lexicon.id("ngót")
  static let thieu = lexicon.id("thiểu"), it = lexicon.id("ít"), nhat = lexicon.id("nhất")

  static let ngay = lexicon.id("ngày"), thang = lexicon.id("tháng"), quy = lexicon.id("quý")
  static let dau = lexicon.id("đầu"), cuoi = lexicon.id("cuối"), sang = lexicon.id("sáng")
  static let chieu = lexicon.id("chiều"), trua = lexicon.id("trưa"), dem = lexicon.id("đêm")
  static let hom = lexicon.id("hôm"), khuya = lexicon.id("khuya"), thu = lexicon.id("thứ")
  static let chu = lexicon.id("chủ"), tu = lexicon.id("từ")
  static let gio = lexicon.id("giờ"), phut = lexicon.id("phút"), h = lexicon.id("h")
  static let giai = lexicon.id("giai"), doan = lexicon.id("đoạn"), va = lexicon.id("và")
  static let romanI = lexicon.id("i"), romanII = lexicon.id("ii"), romanIII = lexicon.id("iii")
  static let romanIV = lexicon.id("iv"), so = lexicon.id("số"), rang = lexicon.id("rạng")
  static let nua = lexicon.id("nửa"), luat = lexicon.id("luật"), hien = lexicon.id("hiến")
  static let phap = lexicon.id("pháp"), bo = lexicon.id("bộ")
}
