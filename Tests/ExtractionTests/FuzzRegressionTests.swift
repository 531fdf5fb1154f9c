import Testing
import VNText

@testable import Extraction

/// Inputs found by the libFuzzer harnesses in `Tests/Fuzz` (`Tests/Fuzz/run.sh offsets`), each
/// with the invariant it broke.
@Suite struct ExtractionFuzzRegressionTests {
  /// Every line of the normalized text: normalizing the raw slice it maps back to gives the
  /// line again (the check of `Tests/Fuzz/FuzzOffsets.swift`).
  static func linesRoundTrip(_ n: NormalizedText) -> Bool {
    var start = 0
    var ok = true
    for k in 0...n.scalars.count where k == n.scalars.count || n.scalars[k] == 0x0A {
      defer { start = k + 1 }
      guard k > start else { continue }
      let again = Normalizer().normalize(scalars: Array(n.raw[n.rawRange(start..<k)]))
      if again.scalars[...] != n.scalars[start..<k] { ok = false }
    }
    return ok
  }

  /// FuzzOffsets, 2026-11-22: a combining mark right after a line break was given the break's
  /// raw origin (the break and the mark were one NFC segment), so the raw range of a span
  /// starting at the mark began at the break. Minimized from a 300-byte input with U+0085 and
  /// U+0309; fixed in `SegmentWriter.finishSegment` (VNText/Normalizer.swift).
  @Test func markAfterLineBreakKeepsItsOwnOrigin() {
    let input: [UInt8] = [0x61, 0x0A, 0xCC, 0x89, 0x62]  // "a\n" U+0309 "b"
    let n = Normalizer().normalize(bytes: input)
    #expect(n.scalars == [0x61, 0x0A, 0x309, 0x62])
    #expect(n.rawRange(2..<4) == 2..<4)
    #expect(Self.linesRoundTrip(n))
  }

  @Test func markAfterNextLineOrSpaceKeepsItsOwnOrigin() {
    for input: [UInt8] in [
      [0x32, 0xC2, 0x85, 0xCC, 0x89, 0x74],  // "2" U+0085 U+0309 "t"
      [0x61, 0x0D, 0x0A, 0xCC, 0x89, 0xCC, 0xA3, 0x62],  // "a\r\n" U+0309 U+0323 "b" (reordered by NFC)
      [0x61, 0x20, 0x20, 0xCC, 0x81, 0x62],  // "a  " U+0301 "b"
    ] {
      let n = Normalizer().normalize(bytes: input)
      #expect(Self.linesRoundTrip(n), "\(input)")
      for k in 0..<n.scalars.count where n.scalars[k] >= 0x300 && n.scalars[k] < 0x370 {
        let raw = n.rawRange(k..<(k + 1))
        #expect(raw.lowerBound < n.raw.count && n.raw[raw.lowerBound] >= 0x300, "\(input): mark \(k) maps to \(raw)")
      }
    }
  }

  /// The pipeline on the same input: every mention's text is the raw slice.
  @Test func mentionsAfterAMarkAtALineStart() {
    let input: [UInt8] = Array("Ngày 15/8/2023\n\u{309}thu hồi 46.237 triệu đồng".utf8)
    let record = plainExtractor().record(
      for: InputItem(source: Source(path: nil), fallbackID: "f", payload: .text(input)))
    let raw = Normalizer().normalize(bytes: input).raw
    #expect(!record.mentions.isEmpty)
    for m in record.mentions {
      #expect(m.text == String(scalarValues: raw[m.start..<m.end]))
    }
  }
}
