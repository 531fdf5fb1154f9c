/// The nouns a count may be of (`32 cuộc`, `116 cá nhân`), matched longest first.
///
/// The list is closed on purpose: a number followed by any other noun is left a plain number,
/// so that durations (`3 năm`, `6 tháng`), measures and ordinals are never counted.
/// Multi-syllable nouns (`cá nhân`, `vụ việc`, `doanh nghiệp`) win over their first syllable
/// (`vụ`), and the token then spans the whole noun. A few phrases name a classifier and its
/// noun (`cuộc thanh tra`): the token spans the phrase, the counted noun reported is `cuộc`.
///
/// Units of weight, volume or land (`tấn`, `kg`, `lít`, `mẫu`) are measures, not counted
/// nouns: `5 tấn` stays a plain number (`mẫu` is both "sample" and a land unit, `5 mẫu ruộng`,
/// so it is left out). `khoản` before a number (`Điều 12 khoản 3`) cites a clause of a law and
/// is no count (see `Recognizer.countedNoun(at:)`).
enum CountedNouns {
  static let all: [String] = [
    // Inspections and cases.
    "cuộc", "cuộc thanh tra=cuộc", "cuộc kiểm tra=cuộc", "vụ", "vụ việc", "vụ án", "đoàn", "đoàn thanh tra=đoàn",
    "kết luận", "quyết định", "văn bản", "nhiệm vụ", "dự án", "công trình", "gói thầu",
    "hồ sơ", "trường hợp", "sai phạm", "vi phạm", "thửa", "thửa đất=thửa", "phương tiện", "tài liệu",
    "lớp", "buổi", "chương trình", "kế hoạch", "báo cáo", "biên bản", "hội nghị", "giấy phép",
    "hợp đồng", "hệ thống", "thiết bị", "trụ sở", "điểm", "bản", "chữ", "suất", "tài khoản",
    "căn hộ", "lô", "lô đất=lô", "dự thảo", "bài", "tin", "cuộc họp=cuộc", "tuyến", "căn", "chiếc", "ngôi", "mỏ",
    "việc", "khoản", "khoản thu=khoản", "làn xe", "lô hàng=lô", "kít", "ca",
    // Petitions and citizens.
    "đơn", "đơn thư", "lượt", "người", "công dân", "khiếu nại", "tố cáo", "kiến nghị",
    "phản ánh", "hộ", "hộ dân=hộ", "bị can", "bị cáo", "đối tượng",
    // Organizations and people disciplined.
    "cá nhân", "tập thể", "tổ chức", "công chức", "viên chức", "cán bộ", "đảng viên",
    "đồng chí", "lãnh đạo", "doanh nghiệp", "cơ quan", "đơn vị", "cơ sở", "địa phương",
    "xã", "phường", "huyện", "quận", "tỉnh", "thành phố", "sở", "bộ", "ngành", "trường",
    "bệnh viện", "chi nhánh", "công ty", "ngân hàng", "tập đoàn",
  ]

  /// The id of `khoản`, which is no counted noun right before a number.
  static let khoan: UInt16 = Lexicon.shared.id("khoản")

  /// The entries split into the phrase's words and the counted noun reported (`cuộc thanh
  /// tra=cuộc` is the phrase `cuộc thanh tra`, whose counted noun is `cuộc`). Split by scalar:
  /// no grapheme breaking is needed for ASCII separators, and these tables are built at startup.
  static let parsed: [(words: [String], noun: String)] = all.map { entry in
    let parts = entry.unicodeScalars.split(separator: "=").map(String.init)
    let words = parts[0].unicodeScalars.split(separator: " ").map(String.init)
    return (words, parts.count > 1 ? parts[1] : parts[0])
  }

  /// The nouns as lexicon id sequences, longest first, with the noun to report.
  static let phrases: [(ids: [UInt16], noun: UnitName)] = {
    let lexicon = Lexicon.shared
    return parsed
      .map { entry in (entry.words.map { lexicon.id($0) }, UnitName(entry.noun)) }
      .sorted { $0.0.count > $1.0.count }
  }()

  /// `phrases` grouped by first word, each group in `phrases` order (longest first), so that
  /// a lookup tries only the nouns that start with the word at hand.
  static let byFirstWord: [(ids: [UInt16], noun: UnitName)] = {
    var groups = [[(ids: [UInt16], noun: UnitName)]](repeating: [], count: Lexicon.shared.names.count + 1)
    for phrase in phrases { groups[Int(phrase.ids[0])].append(phrase) }
    return groups.flatMap { $0 }
  }()

  /// For each lexicon id, where the nouns that start with it are in `byFirstWord` (an empty
  /// range for most words).
  static let startingWith: [Range<Int>] = {
    var ranges = [Range<Int>](repeating: 0..<0, count: Lexicon.shared.names.count + 1)
    var k = 0
    while k < byFirstWord.count {
      let first = Int(byFirstWord[k].ids[0])
      var end = k + 1
      while end < byFirstWord.count && byFirstWord[end].ids[0] == byFirstWord[k].ids[0] { end += 1 }
      ranges[first] = k..<end
      k = end
    }
    return ranges
  }()
}
