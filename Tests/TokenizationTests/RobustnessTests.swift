import Testing
import VNText
@testable import Tokenization

/// Random soup of the pieces the recognizers look at: it must never trap, and the tokens must
/// be in order, never overlap and stay inside the text.
@Suite struct RobustnessTests {
  struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let pieces: [String] = [
    "1", "03", "46.237", "1.391,1", "2019", "2023", "31", "12", "/", "-", ".", ",", ":", "%", "²",
    " ", " ", " ", "\n", "m", "m2", "h", "đ", "đồng", "chí", "Đồng", "triệu", "tỷ", "nghìn", "rưỡi",
    "hơn", "trên", "không", "quá", "tối", "đa", "lên", "tới", "ngày", "tháng", "năm", "quý", "I",
    "IV", "đầu", "cuối", "cuộc", "thanh", "tra", "cá", "nhân", "vụ", "việc", "một", "hai", "mươi",
    "mốt", "lăm", "linh", "trăm", "mười", "âm", "phần", "từ", "đến", "giai", "đoạn", "Luật", "USD",
    "đô", "la", "ha", "km", "héc", "ta", "nửa", "Sáng", "x",
  ]

  @Test func randomSoupNeverTraps() {
    var rng = SplitMix(state: 42)
    for _ in 0..<3000 {
      var s = ""
      for _ in 0..<Int(rng.next() % 40) {
        s += RobustnessTests.pieces[Int(rng.next() % UInt64(RobustnessTests.pieces.count))]
        if rng.next() % 3 == 0 { s += " " }
      }
      let text = Normalizer().normalize(s)
      var tokens = Tokenizer().tokenize(text)
      var last = 0
      for t in tokens {
        #expect(t.start >= last && t.end > t.start && t.end <= text.scalars.count, "\(s)")
        last = t.end
        _ = tokenJSON(t, in: text)
        _ = Tokenizer().datesInside(t, in: text)
      }
      DateResolver.resolveYears(in: &tokens, publication: nil, reference: SimpleDate(year: 2023, month: 3, day: 1))
      _ = Dateline.publicationDate(tokens: tokens, text: text)
    }
  }

  @Test func hugeNumbersDoNotOverflow() {
    let (text, t) = tokenize("999.999.999.999.999.999.999 tỷ đồng và 99999999999999999999999 nghìn tỷ tỷ đồng")
    let money = t.filter { $0.kind == .money }
    #expect(money.count == 2)
    #expect(money.first.map { tokenJSON($0, in: text).contains("\"value\":999999999999999999000000000000,") } == true)
  }

  @Test func emptyAndSpacesOnly() {
    #expect(tokenize("").1.isEmpty)
    #expect(tokenize("   ").1.isEmpty)
    #expect(tokenize("\n\n").1.map(\.kind) == [.newline, .newline])
  }
}
