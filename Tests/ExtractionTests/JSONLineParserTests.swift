import Foundation
import Testing
import VNText

@testable import Extraction

@Suite struct JSONLineParserTests {
  /// The names a record reads, the text field kept as UTF-8 (as `Extractor` asks).
  static let recordFields = JSONLineParser.FieldNames(["id", "url", "text", "published"], utf8Field: 2)

  /// Parses `bytes` keeping `names` (every value decoded to scalars); returns the kept fields
  /// by name and the replacement count.
  func parse(bytes: [UInt8], names: [String]) -> Result<([String: JSONLineParser.Value], Int), JSONLineParser.Failure> {
    let fields = JSONLineParser.FieldNames(names)
    return bytes.withUnsafeBufferPointer { JSONLineParser.parse($0, fields: fields) }.map { parsed in
      var byName: [String: JSONLineParser.Value] = [:]
      for (k, v) in parsed.values.enumerated() { if let v { byName[names[k]] = v } }
      return (byName, parsed.replacements)
    }
  }

  func parse(_ s: String, names: [String] = ["id", "text", "meta", "ok"]) -> Result<([String: JSONLineParser.Value], Int), JSONLineParser.Failure> {
    parse(bytes: Array(s.utf8), names: names)
  }

  /// The text field as `Extractor` reads it: unescaped UTF-8, decoded by the normalizer.
  func recordText(_ bytes: [UInt8]) throws -> (text: [UInt32], replacements: Int) {
    let parsed = try bytes.withUnsafeBufferPointer { JSONLineParser.parse($0, fields: Self.recordFields) }.get()
    guard case .utf8(let utf8)? = parsed.values[2] else {
      Issue.record("no text")
      return ([], 0)
    }
    let decoded = UTF8Decoder.decode(buffer: utf8.withUnsafeBufferPointer { $0 }, stripBOM: false)
    return (decoded.scalars, parsed.replacements + decoded.replacements)
  }

  @Test func readsTopLevelFields() throws {
    let (fields, replacements) = try parse(
      #"{"id": 42, "text": "Thanh tra \"tỉnh\"\n\u00e0 \ud83d\ude00", "meta": {"a": [1, {"b": null}]}, "ok": true}"#
    ).get()
    #expect(replacements == 0)
    #expect(fields["id"] == .number("42"))
    #expect(fields["text"] == .string(Array("Thanh tra \"tỉnh\"\nà 😀".unicodeScalars.map(\.value))))
    #expect(fields["meta"] == .nested)
    #expect(fields["ok"] == .bool(true))
  }

  @Test func invalidUTF8InsideAStringIsReplacedNotFatal() throws {
    let bytes = Array(#"{"text": "hợp"#.utf8) + [0xFF, 0xC3] + Array(#" lệ"}"#.utf8)
    let (fields, replacements) = try parse(bytes: bytes, names: ["text"]).get()
    #expect(replacements == 2)
    #expect(fields["text"] == .string(Array("hợp\u{FFFD}\u{FFFD} lệ".unicodeScalars.map(\.value))))
    // The text field kept as UTF-8: the same scalars and count once decoded.
    let (text, count) = try recordText(bytes)
    #expect(count == 2)
    #expect(text == Array("hợp\u{FFFD}\u{FFFD} lệ".unicodeScalars.map(\.value)))
  }

  @Test func loneSurrogatesBecomeReplacement() throws {
    let line = #"{"text": "a\ud800b\udc00"}"#
    let (fields, replacements) = try parse(line).get()
    #expect(replacements == 2)
    #expect(fields["text"] == .string([0x61, 0xFFFD, 0x62, 0xFFFD]))
    let (text, count) = try recordText(Array(line.utf8))
    #expect(count == 2)
    #expect(text == [0x61, 0xFFFD, 0x62, 0xFFFD])
  }

  /// Skipped values are not built, but their invalid bytes still count for the line.
  @Test func invalidBytesInSkippedFieldsAndKeysStillCount() throws {
    let bytes = Array(#"{"meta": ["#.utf8) + [0x22, 0xE1, 0xBA, 0x22] + Array(#"], ""#.utf8) + [0xFF]
      + Array(#"": 1, "text": "ok"}"#.utf8)
    let (fields, replacements) = try parse(bytes: bytes, names: ["text"]).get()
    #expect(replacements == 2)
    #expect(fields["text"] == .string([0x6F, 0x6B]))
    #expect(try recordText(bytes).replacements == 2)
  }

  /// Plain ASCII keys are compared as bytes; escaped or non-ASCII ones are decoded and
  /// compared as strings, as a dictionary would.
  @Test func escapedKeysMatchLikeDecodedOnes() throws {
    let (fields, _) = try parse(#"{"\u0074ext": "a", "i\u0064": "b", "café": 1}"#, names: ["text", "id", "cafe\u{301}"]).get()
    #expect(fields["text"] == .string([0x61]))
    #expect(fields["id"] == .string([0x62]))
    #expect(fields["cafe\u{301}"] == .number("1"))
  }

  @Test func theLastOfRepeatedKeysWinsAndEarlierBadBytesCount() throws {
    let bytes = Array(#"{"text": ""#.utf8) + [0xFF] + Array(#"", "text": "b\n\u00e0"}"#.utf8)
    let (text, count) = try recordText(bytes)
    #expect(text == [0x62, 0x0A, 0xE0])
    #expect(count == 1)
    let (fields, replacements) = try parse(bytes: bytes, names: ["text"]).get()
    #expect(fields["text"] == .string([0x62, 0x0A, 0xE0]))
    #expect(replacements == 1)
  }

  /// One key that is both the text and another kept name: both get the string, counted once.
  @Test func aKeyCanBeTwoNames() throws {
    let fields = JSONLineParser.FieldNames(["text", "text"], utf8Field: 1)
    let bytes = Array(#"{"text": "x"#.utf8) + [0xFF] + Array(#""}"#.utf8)
    let parsed = try bytes.withUnsafeBufferPointer { JSONLineParser.parse($0, fields: fields) }.get()
    #expect(parsed.values[0] == .string([0x78, 0xFFFD]))
    #expect(parsed.values[1] == .utf8([0x78, 0xFF]))
    #expect(parsed.replacements == 0)  // the normalizer counts the text's bad bytes
  }

  /// Runs are scanned 16 bytes at a time: quotes, escapes and control bytes at every offset
  /// of a block are found exactly as the byte loop finds them.
  @Test func everyOffsetOfAnEscapeOrQuoteIsFound() throws {
    for offset in 0..<40 {
      let head = String(repeating: "ả", count: offset / 3) + String(repeating: "a", count: offset % 3)
      let line = #"{"text": ""# + head + #"\"q\\\n"# + head + #"", "id": "x"}"#
      let (text, _) = try recordText(Array(line.utf8))
      let expected = Array((head + "\"q\\\n" + head).unicodeScalars.map(\.value))
      #expect(text == expected, "offset \(offset)")
      let prefix = Array(#"{"text": ""#.utf8) + Array(head.utf8)
      let control = prefix + [0x01] + Array(#""}"#.utf8)
      guard case .failure(let f) = control.withUnsafeBufferPointer({ JSONLineParser.parse($0, fields: Self.recordFields) })
      else {
        Issue.record("control byte at \(offset) accepted")
        continue
      }
      #expect(f.message == "control character inside a string")
      #expect(f.offset == prefix.count)
    }
  }

  /// Random texts written by JSONWriter, and again with every non-ASCII scalar as a `\\u`
  /// escape (surrogate pairs for the astral ones), read back exactly: as the kept UTF-8 text
  /// and as decoded scalars.
  @Test func writtenTextsReadBack() throws {
    let pool: [UInt32] = [0x61, 0x20, 0x22, 0x5C, 0x2F, 0x0A, 0x09, 0x01, 0x1F, 0x7F, 0xE0, 0x1EA3, 0x1F600, 0x2028, 0xFFFD]
    var rng = SplitMix64(seed: 3)
    for _ in 0..<500 {
      let text = (0..<Int(rng.next() % 60)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
      var w = JSONWriter()
      w.beginObject()
      w.string("id", "x")
      w.scalars("text", text)
      w.endObject()
      var escaped = Array(#"{"text": ""#.utf8)
      for c in text {
        switch c {
        case 0x22, 0x5C: escaped += [0x5C, UInt8(c)]
        case 0..<0x20, 0x80..<0x10000: escaped += Array(String(format: "\\u%04x", c).utf8)
        case 0x10000...:
          let v = c - 0x10000
          escaped += Array(String(format: "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)).utf8)
        default: escaped.append(UInt8(c))
        }
      }
      escaped += Array(#"", "id": 1}"#.utf8)
      for line in [w.bytes, escaped] {
        let (read, replacements) = try recordText(line)
        #expect(read == text, "\(String(decoding: line, as: UTF8.self))")
        #expect(replacements == 0)
        let (fields, _) = try parse(bytes: line, names: ["text"]).get()
        #expect(fields["text"] == .string(text))
      }
    }
  }

  @Test(arguments: [
    "", "   ", "[1, 2]", "{", "{\"text\": }", "{\"text\": \"a\"", "{\"text\": \"a\"} x", "{'text': 'a'}",
    "{\"text\": \"a\\q\"}", "{\"a\" 1}", "{\"t\": tru}", "{\"t\": -}", "{\"t\": \"\u{01}\"}",
  ])
  func malformedLinesFailWithAPosition(_ line: String) {
    for fields in [JSONLineParser.FieldNames(["text"]), Self.recordFields] {
      guard case .failure(let f) = Array(line.utf8).withUnsafeBufferPointer({ JSONLineParser.parse($0, fields: fields) }) else {
        Issue.record("'\(line)' parsed")
        return
      }
      #expect(!f.message.isEmpty)
      #expect(f.offset >= 0 && f.offset <= line.utf8.count)
    }
  }

  @Test func deepNestingIsRefusedNotACrash() {
    let line = "{\"a\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
    guard case .failure(let f) = parse(line) else {
      Issue.record("deep nesting accepted")
      return
    }
    #expect(f.message.contains("deep"))
  }
}
