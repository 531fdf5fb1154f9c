import Foundation
import Testing
import Tokenization

@testable import Extraction

@Suite struct JSONWriterTests {
  /// Unit names are written from literals prepared once for the fixed ones, and quoted for
  /// any other: both must be what quoting the name writes, within the bound given.
  @Test func unitNamesAsTheirQuotedString() throws {
    let others = ["kg", "tấn \"lớn\"", "a\\b", "m\u{301}", "đơn vị \(UUID().uuidString)"]
    #expect(UnitName.fixedNames.count > 20)
    #expect(UnitName.vnd.fixedIndex == 0 && UnitName(others.last!).fixedIndex == nil)
    for name in UnitName.fixedNames + others {
      let u = UnitName(name)
      var quoted = JSONWriter(capacity: 1), unit = JSONWriter(capacity: 1)
      var (out, limit) = quoted.beginRun()
      quoted.ensure(JSONOut.bound(name), &out, &limit)
      quoted.endRun(JSONOut.quoted(name, at: out))
      (out, limit) = unit.beginRun()
      unit.ensure(JSONOut.unitBound(u), &out, &limit)
      unit.endRun(JSONOut.unit(u, at: out))
      #expect(unit.bytes == quoted.bytes, "\(name)")
      let parsed = try JSONSerialization.jsonObject(with: Data(unit.bytes), options: .fragmentsAllowed)
      #expect(parsed as? String == name)
    }
  }

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

  /// The escaping the writer must reproduce, one byte at a time.
  static func reference(_ s: String) -> [UInt8] {
    var out: [UInt8] = [0x22]
    for b in s.utf8 {
      switch b {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, 0x6E]
      case 0x0D: out += [0x5C, 0x72]
      case 0x09: out += [0x5C, 0x74]
      case 0..<0x20, 0x7F: out += Array(String(format: "\\u%04x", Int(b)).utf8)
      default: out.append(b)
      }
    }
    out.append(0x22)
    return out
  }

  /// Strings go eight bytes at a time, then the last eight bytes again (or, under eight, a
  /// gathered tail), then byte by byte from the first escape: every character that needs
  /// escaping, at every position and length, must come out as the byte-by-byte reference
  /// writes it.
  @Test func wordAtATimeEscapingMatchesByteByByte() {
    let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", " ", "ệ", "~"]
    for length in 0...19 {
      for special in specials {
        for position in 0...length {
          var s = String(repeating: "a", count: length)
          s.insert(special, at: s.index(s.startIndex, offsetBy: position))
          var w = JSONWriter(capacity: 1)  // grows on the way
          w.string(s)
          #expect(w.bytes == Self.reference(s), "\(s.debugDescription)")
          var fromScalars = JSONWriter(capacity: 1)
          fromScalars.scalars(s.unicodeScalars.map(\.value))
          #expect(fromScalars.bytes == Self.reference(s), "\(s.debugDescription)")
        }
      }
    }
  }

  @Test func scalarValuesThatAreNotScalarsBecomeReplacementCharacters() {
    var w = JSONWriter()
    w.scalars([0x41, 0xD800, 0xDFFF, 0x110000, 0x1F600, 0x7FF, 0x800])
    #expect(String(decoding: w.bytes, as: UTF8.self) == "\"A\u{FFFD}\u{FFFD}\u{FFFD}😀\u{7FF}\u{800}\"")
  }

  @Test func integersAsSwiftPrintsThem() {
    var values = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 12_345, -1, -10, -12_345, Int.max, Int.min]
    for k in 1...18 { values += [Int(pow(10.0, Double(k))) - 1, Int(pow(10.0, Double(k)))] }
    for v in values {
      var w = JSONWriter(capacity: 1)
      w.int(v)
      #expect(String(decoding: w.bytes, as: UTF8.self) == String(v))
    }
  }

  /// `JSONOut.decimal` formats in place what `DecimalNumber.description` spells.
  @Test func decimalsAsTheirDescription() {
    var rng = SplitMix64(seed: 7)
    var numbers: [DecimalNumber] = [
      DecimalNumber(0), DecimalNumber(significand: 0, exponent: -3), DecimalNumber(significand: 0, exponent: 4),
      DecimalNumber(significand: 1200, exponent: -2), DecimalNumber(significand: 5, exponent: -2),
      DecimalNumber(significand: -5, exponent: -2), DecimalNumber(significand: 888, exponent: -1),
      DecimalNumber(significand: 46_237, exponent: 6), DecimalNumber(significand: Int64.max, exponent: -19),
      DecimalNumber(significand: Int64.min + 1, exponent: -3), DecimalNumber(significand: 7, exponent: 25),
    ]
    for _ in 0..<2000 {
      let significand = Int64(truncatingIfNeeded: rng.next()) >> (rng.next() % 64)
      numbers.append(DecimalNumber(significand: significand, exponent: Int(rng.next() % 41) - 20))
    }
    for d in numbers {
      // In a run from a one-byte buffer, with the room `decimalBound` says (debug builds check
      // that the write stays inside it).
      var w = JSONWriter(capacity: 1)
      var (out, limit) = w.beginRun()
      w.ensure(JSONOut.decimalBound(d), &out, &limit)
      w.endRun(JSONOut.decimal(d, at: out))
      #expect(String(decoding: w.bytes, as: UTF8.self) == d.description)
    }
  }

  /// Dates are formatted in place for four-digit years and two-digit months and days, and by
  /// `SimpleDate.iso` otherwise: both must spell what `iso` does.
  @Test func datesAsTheirISOForm() {
    let dates = [
      SimpleDate(year: 2023, month: 7, day: 14), SimpleDate(year: nil, month: 12, day: 1),
      SimpleDate(year: 5, month: 1, day: 9), SimpleDate(year: 0, month: 0, day: 0),
      SimpleDate(year: 9999, month: 99, day: 99), SimpleDate(year: 12_345, month: 1, day: 1),
      SimpleDate(year: -4, month: 2, day: 3), SimpleDate(year: 2020, month: 100, day: 1),
      SimpleDate(year: 2020, month: 1, day: -1),
    ]
    for d in dates {
      var w = JSONWriter(capacity: 1)
      var (out, limit) = w.beginRun()
      w.ensure(JSONOut.dateBound(d), &out, &limit)
      w.endRun(JSONOut.date(d, at: out))
      #expect(String(decoding: w.bytes, as: UTF8.self) == #""\#(d.iso)""#)
    }
  }

  @Test func qualifierLiteralsAreTheRawValues() {
    for q in Qualifier.allCases {
      var w = JSONWriter(capacity: 1)
      var (out, limit) = w.beginRun()
      w.ensure(32, &out, &limit)
      w.endRun(MentionJSON.qualifier(q, at: out))
      #expect(String(decoding: w.bytes, as: UTF8.self) == #","qualifier":"\#(q.rawValue)""#)
    }
  }

  @Test func commasAfterNestedContainers() throws {
    var w = JSONWriter(capacity: 1)
    w.beginObject()
    w.beginArray("a")
    w.beginObject()
    w.rawKey("x")
    w.null()
    w.endObject()
    w.beginObject()
    w.rawKey("y")
    w.string("z")
    w.endObject()
    w.beginArray()
    w.endArray()
    w.endArray()
    w.int("n", 1)
    w.beginObject("o")
    w.endObject()
    w.null("p")
    w.endObject()
    #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":[{"x":null},{"y":"z"},[]],"n":1,"o":{},"p":null}"#)
  }

  /// A mention is written in one run of pointer writes, with room made for each part before
  /// it: from a buffer that must grow in the middle of every mention (capacity 1), as from
  /// one that never grows, the same bytes come out, and they parse back to the mention's
  /// values. Strings with escapes (six bytes each) test the worst cases of the bounds.
  @Test func mentionsComeOutTheSameWhateverTheBufferCapacity() throws {
    let nasty = String(repeating: "\u{01}\"\\", count: 40) + " Phó Chủ tịch UBND tỉnh “Cao Bằng”"
    let q = Quantity(
      value: DecimalNumber(significand: -4_623_700_000_000_000_001, exponent: -7), unit: nasty, qualifier: .moreThan,
      of: DecimalNumber(significand: 12, exponent: 30), per: nasty)
    let mentions = [
      Mention(type: "money", text: nasty, start: 0, end: 120, rule: nasty, fields: .quantity(q, metric: nasty)),
      Mention(type: "count", text: "5 đoàn", start: 1, end: 7, rule: "tokenizer", fields: .quantity(q, metric: "other")),
      Mention(type: "area", text: "", start: 2, end: 2, rule: "r", fields: .quantity(q, metric: "other")),
      Mention(type: "percent", text: "5%", start: 3, end: 5, rule: "r", fields: .quantity(q, metric: "other")),
      Mention(
        type: "date", text: "ngày 1/2", start: 4, end: 12, rule: "r",
        fields: .date(SimpleDate(year: 123_456, month: 2, day: 1))),
      Mention(
        type: "period", text: "năm 2023", start: 5, end: 13, rule: "r",
        fields: .period(from: SimpleDate(year: 2023, month: 1, day: 1), to: SimpleDate(year: nil, month: 12, day: 31))),
      Mention(
        type: nasty, text: nasty, start: 6, end: 9, rule: "person.title_name",
        fields: .entity([EntityField("name", nasty), EntityField(nasty, nil), EntityField("title", "")])),
      Mention(type: "organization", text: "Thanh tra", start: 7, end: 16, rule: "org", fields: .entity([])),
    ]
    let record = Record(id: "x", source: Source(path: nil), mentions: mentions)
    var small = JSONWriter(capacity: 1)
    record.write(to: &small, pipelineVersion: "v", rulesFingerprint: "f")
    var large = JSONWriter(capacity: 1 << 16)
    record.write(to: &large, pipelineVersion: "v", rulesFingerprint: "f")
    #expect(small.bytes == large.bytes)
    let parsed = try #require(JSONSerialization.jsonObject(with: Data(small.bytes)) as? [String: Any])
    let written = try #require(parsed["mentions"] as? [[String: Any]])
    #expect(written.count == mentions.count)
    #expect(written[0]["text"] as? String == nasty)
    #expect(written[0]["unit"] as? String == nasty)
    #expect(written[0]["metric"] as? String == nasty)
    #expect(written[0]["per"] as? String == nasty)
    #expect(written[0]["rule"] as? String == nasty)
    #expect(written[0]["qualifier"] as? String == "more_than")
    #expect(written[0]["end"] as? Int == 120)
    #expect(written[1]["noun"] as? String == nasty)
    #expect(written[2]["text"] as? String == "")
    #expect(written[4]["iso"] as? String == SimpleDate(year: 123_456, month: 2, day: 1).iso)
    #expect(written[5]["to"] as? String == "--12-31")
    #expect(written[6]["type"] as? String == nasty)
    #expect(written[6]["name"] as? String == nasty)
    #expect(written[6][nasty] is NSNull)
    #expect(written[6]["title"] as? String == "")
    #expect(written[7].count == 5)  // type, text, start, end, rule
    // The decimals as their descriptions, through the writer's bounded runs.
    let text = String(decoding: small.bytes, as: UTF8.self)
    #expect(text.contains(#""value":\#(q.value.description)"#))
    #expect(text.contains(#""of":\#(q.of!.description)"#))
  }
}
