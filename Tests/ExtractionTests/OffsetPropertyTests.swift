import Foundation
import Testing
import VNText

@testable import Extraction

/// Seeded property test: whatever dirt surrounds the corpus sentences (decomposed letters,
/// entities, odd and zero-width spaces, CRLF, invalid bytes), every mention's text is exactly
/// the raw input at [start, end) in Unicode scalars.
@Suite struct OffsetPropertyTests {
  static let sentences: [String] = {
    let corpus = repositoryRoot + "/corpus"
    let files = (try? FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()) ?? []
    return files.flatMap { name -> [String] in
      let text = (try? String(contentsOfFile: corpus + "/" + name, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").map(String.init).filter { $0.count > 20 }
    }
  }()

  static func dirty(_ s: String, _ rng: inout SeededGenerator) -> [UInt8] {
    var out: [UInt8] = []
    for scalar in s.unicodeScalars {
      switch Int.random(in: 0..<40, using: &rng) {
      case 0 where scalar == " ": out += Array("&nbsp;".utf8)
      case 1 where scalar == " ": out += Array("\u{A0}\u{200B} ".utf8)
      case 2: out += Array(decomposedLetter(scalar).utf8)
      case 3 where scalar == ",": out += Array("&#44;".utf8)
      case 4: out += Array(String(scalar).utf8) + [0xFF]
      case 5 where scalar == ".": out += Array(".\r\n".utf8)
      default: out += Array(String(scalar).utf8)
      }
    }
    return out
  }

  /// A letter with its tone mark split off, when it has one (ầ → â + ̀).
  static func decomposedLetter(_ c: Unicode.Scalar) -> String {
    let marks: [Character: (Character, String)] = [
      "à": ("a", "\u{300}"), "á": ("a", "\u{301}"), "ả": ("a", "\u{309}"), "ạ": ("a", "\u{323}"),
      "ầ": ("â", "\u{300}"), "ấ": ("â", "\u{301}"), "ệ": ("ê", "\u{323}"), "ế": ("ê", "\u{301}"),
      "ố": ("ô", "\u{301}"), "ộ": ("ô", "\u{323}"), "ồ": ("ô", "\u{300}"), "ớ": ("ơ", "\u{301}"),
      "ờ": ("ơ", "\u{300}"), "ợ": ("ơ", "\u{323}"), "ứ": ("ư", "\u{301}"), "ự": ("ư", "\u{323}"),
      "ỷ": ("y", "\u{309}"), "ủ": ("u", "\u{309}"), "ị": ("i", "\u{323}"), "ỉ": ("i", "\u{309}"),
    ]
    guard let (base, mark) = marks[Character(c)] else { return String(c) }
    return String(base) + mark
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
  func everyMentionTextIsTheRawSlice(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let extractor = plainExtractor()
    #expect(Self.sentences.count > 50)
    var checked = 0
    for _ in 0..<40 {
      var doc: [UInt8] = []
      for _ in 0..<Int.random(in: 1...6, using: &rng) {
        doc += Self.dirty(Self.sentences.randomElement(using: &rng)!, &rng) + [0x0A]
      }
      let record = extractor.record(for: InputItem(source: Source(path: nil), fallbackID: "p", payload: .text(doc)))
      let raw = UTF8Decoder.decode(doc).scalars
      for m in record.mentions {
        #expect(m.start >= 0 && m.end <= raw.count && m.start < m.end)
        #expect(String(scalarValues: raw[m.start..<m.end]) == m.text)
        checked += 1
      }
    }
    #expect(checked > 20)
  }
}
