import Foundation
import Testing

@testable import Extraction

@Suite struct JSONWriterTests {
  @Test func escapesWhatJSONRequiresAndRoundTrips() throws {
    let nasty = "a\"b\\c\nd\re\tf\u{01}g\u{7F}h “Thủy” \u{2028} 😀"
    var w = JSONWriter()
    w.beginObject()
    w.string("s", nasty)
    w.scalars("t", nasty.unicodeScalars.map(\.value))
    w.rawKey("khóa \"x\"")
    w.int(-3)
    w.beginArray("list")
    w.null()
    w.bool(true)
    w.rawNumber("88.8")
    w.endArray()
    w.endObject()
    let text = String(decoding: w.bytes, as: UTF8.self)
    #expect(text.hasPrefix(#"{"s":"a\"b\\c\nd\re\tf\u0001g\u007fh “Thủy”"#))
    let parsed = try #require(JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
    #expect(parsed["s"] as? String == nasty)
    #expect(parsed["t"] as? String == nasty)
    #expect(parsed["khóa \"x\""] as? Int == -3)
    #expect((parsed["list"] as? [Any])?.count == 3)
  }
}
