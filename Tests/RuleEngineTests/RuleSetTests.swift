@testable import RuleEngine
import RuleLanguage
import VNText
import XCTest

final class RuleSetTests: XCTestCase {
  func testFingerprint_stableAndSensitiveToEveryFile() {
    let a = RuleSet.load(sources: [
      RuleSource(path: "x.yaml", text: "rules: []\n"), RuleSource(path: "p.txt", text: "Cà Mau\n"),
    ]).0?.fingerprint
    let b = RuleSet.load(sources: [
      RuleSource(path: "p.txt", text: "Cà Mau\n"), RuleSource(path: "x.yaml", text: "rules: []\n"),
    ]).0?.fingerprint
    let c = RuleSet.load(sources: [
      RuleSource(path: "x.yaml", text: "rules: []\n"), RuleSource(path: "p.txt", text: "Cà Mau\nBạc Liêu\n"),
    ]).0?.fingerprint
    XCTAssertNotNil(a)
    XCTAssertEqual(a, b)
    XCTAssertNotEqual(a, c)
    XCTAssertTrue(a?.hasPrefix("sha256:") ?? false)
    XCTAssertEqual(a?.count, 7 + 64)
  }

  /// The compiler's memo of literal pieces gives what normalizing and splitting the literal
  /// gives, the first time and every time after, for literals that normalization changes
  /// (decomposed and old-style tone marks, odd spaces) and ones that split into glued pieces.
  func testLiteralPieces_areTheNormalizedSplit() {
    let pieces = LiteralPieces()
    let literals = [
      "Thanh tra", "ho\u{0300}a", "thuỷ", "Nghị\u{00A0}quyết", "65-NQ/BCSĐ", "đ/c", "TP.HCM", "m2", "", "  ",
      "Thanh tra",
    ]
    for text in literals + literals {
      let expected = LiteralSplitter.split(Normalizer().normalize(text).string)
      XCTAssertEqual(pieces(text), expected, text)
    }
    XCTAssertEqual(pieces("ho\u{0300}a").map(\.text), ["hòa"])
    XCTAssertEqual(pieces("65-NQ/BCSĐ").map(\.glued), [false, true, true, true, true])
  }

  func testSHA256_knownVectors() {
    XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    XCTAssertEqual(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)),
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testLocator_findsTheProjectRulesFolder() {
    // Tests run from the package folder, which has rules/ next to Package.swift.
    let dir = RuleSetLocator.defaultDirectory()
    XCTAssertNotNil(dir)
    XCTAssertTrue(dir?.hasSuffix("/rules") ?? false, dir ?? "nil")
  }

  func testRuleScaling_thousandRulesCostWellUnderTwiceFifty() {
    let result = RuleSet.benchmarkRuleScaling(ruleCounts: [50, 1000], textBytes: 200_000, repetitions: 3)
    XCTAssertEqual(result.runs.map(\.rules), [50, 1000])
    XCTAssertLessThan(result.ratio, 2.0, result.description)
  }
}
