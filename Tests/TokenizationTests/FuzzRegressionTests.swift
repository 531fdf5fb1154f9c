import Testing
import VNText

@testable import Tokenization

/// Inputs found by the libFuzzer harnesses in `Tests/Fuzz` (see `Tests/Fuzz/run.sh`), with what
/// vnx does with them.
@Suite struct FuzzRegressionTests {
  /// FuzzTokenizer, 2026-11-22, flagged `0,5 đồng` as a money token of 0.5 VND. That is the
  /// literal reading and vnx keeps it: a fraction of a đồng written in the text is not rounded
  /// away (VND values are whole whenever the text is: `1.391,1 triệu đồng` is exactly
  /// 1 391 100 000). The harness no longer requires whole VND values.
  @Test func fractionOfADongKeepsItsLiteralValue() throws {
    let n = Normalizer().normalize(bytes: Array("0,5 đồng".utf8))
    let money = try #require(Tokenizer().tokenize(n).first { $0.kind == .money })
    guard case .quantity(let q)? = money.value else {
      Issue.record("no quantity")
      return
    }
    #expect(q.value == DecimalNumber(significand: 5, exponent: -1))
    #expect(q.unit == "VND")
  }
}
