import Testing
import VNText
@testable import Tokenization

/// The tokenizer's fast paths against plain reference versions of the same decisions, on
/// random soup of the pieces the recognizers look at, so that neither can silently drift.
@Suite struct FastPathTests {
  /// Random texts from `RobustnessTests.pieces`, with some letters outside the lexicon's
  /// alphabet, capitals, long words and scalars above the lexer's table.
  static func soup(count: Int, seed: UInt64) -> [String] {
    let extra = [
      "Ω", "ß", "Ñandú", "ĐỒNG", "TRIỆU", "NgÀy", "thanhtraviên", "quyếtđịnhsố", "ℌello", "𝐀B", "日本",
      "x2", "F0", "B52", "ǅ", "ﬁ", "ǈa", "\t", "−5", "ᾈ",
    ]
    let pieces = RobustnessTests.pieces + extra + FastPathTests.phrases
    var rng = RobustnessTests.SplitMix(state: seed)
    return (0..<count).map { _ in
      var s = ""
      for _ in 0..<Int(rng.next() % 40) {
        s += pieces[Int(rng.next() % UInt64(pieces.count))]
        if rng.next() % 3 == 0 { s += " " }
      }
      return s
    }
  }

  /// Whole typed expressions, one for each way a reading can start.
  static let phrases = [
    "ngày 30/4", "Ngày 08/7/2023", "tháng 10/2017", "tháng 7/ 2018", "quý I/2024", "quý 4 năm 2018",
    "năm 2019", "từ năm 2019 đến năm 2021", "nửa đầu năm 2023", "6 tháng đầu năm 2023",
    "sáu tháng cuối năm 2022", "hơn 46 triệu đồng", "trên 500 tỉ đồng", "gần 1.391,1 triệu đồng",
    "khoảng 20%", "xấp xỉ 3 ha", "không quá 5 cuộc", "tối đa 10 người", "lên tới 2 tỷ", "tới 3 vụ",
    "chừng 4 hộ", "ngót 7 triệu", "dưới 9 m2", "âm 5", "-5", "− 3 độ", "hai mươi mốt cuộc",
    "Hai cuộc thanh tra", "mười lăm vụ việc", "một trăm linh năm", "ba tỷ rưỡi", "không trăm",
    "18:30", "8h30", "01/01/2020 - 31/12/2022", "giai đoạn 2021-2025", "(2020-2022)", "32/55 cuộc",
    "Luật Đất đai năm 2013", "sáng 14/7", "16-4", "2023-07-14", "5 tháng", "hai mươi năm",
    "từ ngày 01/01/2020 đến ngày 31/12/2022", "từ ngày 15/8 đến ngày 30/9/2023", "01/01/2023 - 30/6/2023",
  ]

  /// Every word's lexicon id, read through the packed key, is the id of its lower-cased
  /// spelling in the vocabulary (0 when it has none).
  @Test func lexerWordIDsMatchTheVocabulary() {
    let lexicon = Lexicon.shared
    for s in FastPathTests.soup(count: 2000, seed: 7) {
      let text = Normalizer().normalize(s)
      var lexemes: [Lexeme] = []
      text.scalars.withUnsafeBufferPointer { Lexer.lex($0, into: &lexemes) }
      for l in lexemes where l.kind == .word {
        let scalars = text.scalars[l.start..<l.end]
        let lower = String(scalarValues: scalars.map { Lexer.lower($0) })
        #expect(l.code == UInt32(lexicon.ids[lower] ?? 0), "\(lower) in \(s)")
        #expect(l.capitalized == Lexer.isUpper(scalars.first!), "\(lower) in \(s)")
        #expect(scalars.allSatisfy(Lexer.isLetter), "\(lower) in \(s)")
      }
    }
  }

  /// The lexer's stops skip no reading: trying every reading at every lexeme gives the same
  /// tokens.
  @Test func filteredRunEqualsTryingEveryLexeme() {
    for s in FastPathTests.soup(count: 3000, seed: 11) {
      let text = Normalizer().normalize(s)
      text.scalars.withUnsafeBufferPointer { scalars in
        var lexemes: [Lexeme] = []
        var stops: [Int32] = []
        Lexer.lex(scalars, into: &lexemes, stops: &stops)
        lexemes.withUnsafeBufferPointer { lexemes in
          stops.withUnsafeBufferPointer { stops in
            var fast = Recognizer(s: scalars, lx: lexemes, stops: stops, options: Tokenizer.Options())
            var reference = Recognizer(s: scalars, lx: lexemes, stops: .init(start: nil, count: 0), options: Tokenizer.Options())
            reference.tryEveryLexeme = true
            #expect(fast.run() == reference.run(), "\(s)")
          }
        }
      }
    }
  }

  /// Screening periods for what a date needs loses no date: `datesInside` reads the same
  /// dates with and without it.
  @Test func screenedDatesInsideEqualsReadingEveryPeriod() {
    let ranges = [
      "từ ngày 01/01/2020 đến ngày 31/12/2022", "từ 15/12 đến 15/01/2024", "01/01/2023 - 30/6/2023",
      "từ ngày 15/8 đến ngày 30/9/2023", "từ 16.01.2023 đến 20.02.2023", "2023-07-14 – 2023-08-01",
    ]
    var periods = 0
    for s in FastPathTests.soup(count: 3000, seed: 13) + ranges {
      let text = Normalizer().normalize(s)
      for t in Tokenizer().tokenize(text) where t.kind == .period {
        periods += 1
        let screened = Tokenizer().datesInside(t, in: text, screen: true)
        #expect(screened == Tokenizer().datesInside(t, in: text, screen: false), "\(s)")
      }
    }
    #expect(periods > 100)
  }

  @Test func mayHoldDateSeesWhatADateNeeds() {
    func holds(_ s: String) -> Bool {
      Normalizer().normalize(s).scalars.withUnsafeBufferPointer { Tokenizer.mayHoldDate($0) }
    }
    for s in ["01/01/2020", "ngày 16-4", "16.01.2023", "2023-07-14", "ngày 05 tháng 3 năm 2024", "5  THÁNG  3"] {
      #expect(holds(s), "\(s)")
    }
    for s in ["năm 2023", "6 tháng đầu năm 2023", "quý I/2024", "tháng 10 năm 2017", "2019 - 2021", "5 tháng"] {
      #expect(!holds(s), "\(s)")
    }
  }
}
