import Testing
import VNText
@testable import Tokenization

@Suite struct RenderingTests {
  /// The golden dump of one real sentence (seed 000), raw offsets, decoded values.
  @Test func goldenDump_tokenJSON() {
    let sentence = "Kết thúc 22 cuộc; phát hiện sai phạm 46.237 triệu đồng, hơn 46 triệu đồng, 88,8% và 32/55 cuộc thanh tra 6 tháng đầu năm 2023 (ngày 16/01/2023)."
    let text = Normalizer().normalize(sentence)
    let dump = Tokenizer().tokenize(text).map { tokenJSON($0, in: text) }
    let golden = #"""
      {"kind":"word","text":"Kết","start":0,"end":3}
      {"kind":"word","text":"thúc","start":4,"end":8}
      {"kind":"count","text":"22 cuộc","start":9,"end":16,"value":{"value":22,"unit":"cuộc","qualifier":"exact","of":null,"per":null}}
      {"kind":"punctuation","text":";","start":16,"end":17}
      {"kind":"word","text":"phát","start":18,"end":22}
      {"kind":"word","text":"hiện","start":23,"end":27}
      {"kind":"word","text":"sai","start":28,"end":31}
      {"kind":"word","text":"phạm","start":32,"end":36}
      {"kind":"money","text":"46.237 triệu đồng","start":37,"end":54,"value":{"value":46237000000,"unit":"VND","qualifier":"exact","of":null,"per":null}}
      {"kind":"punctuation","text":",","start":54,"end":55}
      {"kind":"word","text":"hơn","start":56,"end":59}
      {"kind":"money","text":"46 triệu đồng","start":60,"end":73,"value":{"value":46000000,"unit":"VND","qualifier":"more_than","of":null,"per":null}}
      {"kind":"punctuation","text":",","start":73,"end":74}
      {"kind":"percent","text":"88,8%","start":75,"end":80,"value":{"value":88.8,"unit":"%","qualifier":"exact","of":null,"per":null}}
      {"kind":"word","text":"và","start":81,"end":83}
      {"kind":"count","text":"32/55 cuộc thanh tra","start":84,"end":104,"value":{"value":32,"unit":"cuộc","qualifier":"exact","of":55,"per":null}}
      {"kind":"period","text":"6 tháng đầu năm 2023","start":105,"end":125,"value":{"start":"2023-01-01","end":"2023-06-30"}}
      {"kind":"punctuation","text":"(","start":126,"end":127}
      {"kind":"word","text":"ngày","start":127,"end":131}
      {"kind":"date","text":"16/01/2023","start":132,"end":142,"value":{"iso":"2023-01-16"}}
      {"kind":"punctuation","text":")","start":142,"end":143}
      {"kind":"punctuation","text":".","start":143,"end":144}
      """#
    let expected = golden.split(separator: "\n").map(String.init)
    #expect(dump.count == expected.count)
    for (got, want) in zip(dump, expected) { #expect(got == want) }
  }

  @Test func tokenJSON_escapesStringsAndUsesRawText() {
    let raw = "\"Ho\u{0300}a\"\\\n12:05"
    let text = Normalizer().normalize(raw)
    let lines = Tokenizer().tokenize(text).map { tokenJSON($0, in: text) }
    #expect(lines[0] == #"{"kind":"punctuation","text":"\"","start":0,"end":1}"#)
    #expect(lines[1] == "{\"kind\":\"word\",\"text\":\"Ho\u{0300}a\",\"start\":1,\"end\":5}")
    #expect(lines[3] == #"{"kind":"punctuation","text":"\\","start":6,"end":7}"#)
    #expect(lines[4] == #"{"kind":"newline","text":"\n","start":7,"end":8}"#)
    #expect(lines[5] == #"{"kind":"time","text":"12:05","start":8,"end":13,"value":725}"#)
    var s = ""
    appendJSONString("a\u{01}\t\u{2028}", to: &s)
    #expect(s == #""a\u0001\t\u2028""#)
  }

  @Test func tokenLine_isReadable() {
    let text = Normalizer().normalize("gần 84.800 triệu đồng")
    let t = Tokenizer().tokenize(text)
    #expect(tokenLine(t[1], in: text) == #"4-21        money       "84.800 triệu đồng"  84800000000 VND (nearly)"#)
  }
}
