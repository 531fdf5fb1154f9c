import Testing

@testable import Extraction

@Suite struct JSONLineParserTests {
  func parse(_ s: String) -> Result<([String: JSONLineParser.Value], Int), JSONLineParser.Failure> {
    Array(s.utf8).withUnsafeBufferPointer { JSONLineParser.parse($0) }
  }

  func parse(bytes: [UInt8]) -> Result<([String: JSONLineParser.Value], Int), JSONLineParser.Failure> {
    bytes.withUnsafeBufferPointer { JSONLineParser.parse($0) }
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
    let (fields, replacements) = try parse(bytes: bytes).get()
    #expect(replacements == 2)
    #expect(fields["text"] == .string(Array("hợp\u{FFFD}\u{FFFD} lệ".unicodeScalars.map(\.value))))
  }

  @Test func loneSurrogatesBecomeReplacement() throws {
    let (fields, replacements) = try parse(#"{"text": "a\ud800b\udc00"}"#).get()
    #expect(replacements == 2)
    #expect(fields["text"] == .string([0x61, 0xFFFD, 0x62, 0xFFFD]))
  }

  @Test(arguments: [
    "", "   ", "[1, 2]", "{", "{\"text\": }", "{\"text\": \"a\"", "{\"text\": \"a\"} x", "{'text': 'a'}",
    "{\"text\": \"a\\q\"}", "{\"a\" 1}", "{\"t\": tru}", "{\"t\": -}", "{\"t\": \"\u{01}\"}",
  ])
  func malformedLinesFailWithAPosition(_ line: String) {
    guard case .failure(let f) = parse(line) else {
      Issue.record("'\(line)' parsed")
      return
    }
    #expect(!f.message.isEmpty)
    #expect(f.offset >= 0 && f.offset <= line.utf8.count)
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
