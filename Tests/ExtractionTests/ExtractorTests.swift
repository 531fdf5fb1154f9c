import Foundation
import Testing
import Tokenization
import VNText

@testable import Extraction

@Suite struct ExtractorTests {
  let extractor = plainExtractor()

  func record(_ payload: InputItem.Payload, id: String = "doc#L1") throws -> [String: Any] {
    let item = InputItem(source: Source(path: "in.jsonl", line: 1), fallbackID: id, payload: payload)
    return try object(extractor.process(item).line)
  }

  func json(_ s: String) -> InputItem.Payload { .jsonLine(Array(s.utf8)) }

  /// `BatchRunner` writes many records into one writer; each line must be the record's own
  /// `jsonLine`, errors included.
  @Test func recordsWrittenInARowAreTheirJSONLines() {
    let payloads: [InputItem.Payload] = [
      json(#"{"id": "a1", "text": "Phát hiện sai phạm hơn 46.237 triệu đồng."}"#),
      json(#"{"id": 7, "text": ""}"#),
      json("not json"),
      .text(Array("Chiều 16/9/2021, đoàn làm việc; thu hồi 12 tỷ đồng.".utf8)),
      .failure(code: "unreadable", message: "gone"),
    ]
    var w = JSONWriter(capacity: 64)
    var expected: [UInt8] = []
    var errors: [Bool] = []
    for (k, payload) in payloads.enumerated() {
      let item = InputItem(source: Source(path: "in.jsonl", line: k + 1), fallbackID: "doc#L\(k + 1)", payload: payload)
      errors.append(extractor.process(item, into: &w))
      let line = extractor.record(for: item).jsonLine(pipelineVersion: Extractor.version, rulesFingerprint: "sha256:test")
      let alone = extractor.process(item)
      #expect(alone.line == line)
      #expect(alone.isError == errors.last)
      expected += line + [0x0A]
    }
    #expect(w.bytes == expected)
    #expect(errors == [false, false, true, false, true])
  }

  @Test func moneyMentionCoversNumberAndUnitWithRawOffsets() throws {
    let r = try record(json(#"{"id": "a1", "text": "Phát hiện sai phạm hơn 46.237 triệu đồng."}"#))
    #expect(r["id"] as? String == "a1")
    #expect(r["schema"] as? String == "vnx.record/1")
    let mentions = try #require(r["mentions"] as? [[String: Any]])
    let money = try #require(mentions.first { $0["type"] as? String == "money" })
    #expect(money["text"] as? String == "46.237 triệu đồng")
    #expect(money["start"] as? Int == 23)
    #expect(money["end"] as? Int == 40)
    #expect((money["value"] as? NSNumber)?.int64Value == 46_237_000_000)
    #expect(money["unit"] as? String == "VND")
    #expect(money["qualifier"] as? String == "more_than")
    #expect(money["metric"] as? String == "other")
    #expect(money["rule"] as? String == "tokenizer")
    #expect(money.keys.contains("per"))
  }

  @Test func invalidJSONYieldsAnErrorRecordWithLineID() throws {
    let r = try record(json("{not json"), id: "in.jsonl#L7")
    #expect(r["id"] as? String == "in.jsonl#L7")
    let error = try #require(r["error"] as? [String: Any])
    #expect(error["code"] as? String == "invalid_json")
    #expect(r["mentions"] == nil)
  }

  @Test func missingTextAndNonStringText() throws {
    let missing = try record(json(#"{"id": "x", "body": "a"}"#))
    #expect((missing["error"] as? [String: Any])?["code"] as? String == "missing_text")
    #expect(missing["id"] as? String == "x")
    let number = try record(json(#"{"id": "y", "text": 5}"#))
    #expect((number["error"] as? [String: Any])?["code"] as? String == "text_not_string")
  }

  @Test func configurableFieldNames() throws {
    var options = ExtractionOptions()
    options.textField = "body"
    options.idField = "uid"
    let custom = plainExtractor(options)
    let item = InputItem(source: Source(path: nil), fallbackID: "f", payload: json(#"{"uid": "u9", "body": "Tiếp 74 lượt công dân"}"#))
    let r = try object(custom.process(item).line)
    #expect(r["id"] as? String == "u9")
    let mentions = try #require(r["mentions"] as? [[String: Any]])
    #expect(mentions.contains { $0["type"] as? String == "count" && $0["noun"] as? String == "lượt" })
  }

  @Test func invalidUTF8InTextFileIsAWarningAndOffsetsStillHold() throws {
    let bytes = Array("Ngày 16/01/2023 ".utf8) + [0xFF] + Array(" thu hồi 2 tỷ đồng".utf8)
    let r = try record(.text(bytes), id: "t.txt")
    let warnings = try #require(r["warnings"] as? [[String: Any]])
    #expect(warnings.contains { $0["code"] as? String == "invalid_utf8" })
    let raw = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
    for m in try #require(r["mentions"] as? [[String: Any]]) {
      let s = try #require(m["start"] as? Int), e = try #require(m["end"] as? Int)
      #expect(String(String.UnicodeScalarView(raw[s..<e])) == m["text"] as? String)
    }
  }

  @Test func binaryAndEmptyFiles() throws {
    let binary = try record(.text([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]), id: "x.txt")
    #expect((binary["error"] as? [String: Any])?["code"] as? String == "binary_file")
    let empty = try record(.text([]), id: "e.txt")
    #expect(empty["error"] == nil)
    #expect((empty["mentions"] as? [Any])?.isEmpty == true)
    #expect((empty["warnings"] as? [[String: Any]])?.first?["code"] as? String == "empty_document")
  }

  @Test func bomAndCRLF() throws {
    let text = "Sáng 14/7/2023,\r\nphát hiện sai phạm 1,5 tỷ đồng\r\n"
    let r = try record(.text([0xEF, 0xBB, 0xBF] + Array(text.utf8)), id: "b.txt")
    let raw = Array(text.unicodeScalars)
    let mentions = try #require(r["mentions"] as? [[String: Any]])
    let money = try #require(mentions.first { $0["type"] as? String == "money" })
    #expect((money["value"] as? NSNumber)?.int64Value == 1_500_000_000)
    for m in mentions {
      let s = try #require(m["start"] as? Int), e = try #require(m["end"] as? Int)
      #expect(String(String.UnicodeScalarView(raw[s..<e])) == m["text"] as? String)
    }
  }

  @Test func publishedFromMetadataOrDateline() throws {
    let meta = try record(json(#"{"text": "Ngày 08/7, Cục II họp.", "published": "2024-07-09T08:00:00+07:00"}"#))
    #expect(meta["published"] as? String == "2024-07-09")
    let mentions = try #require(meta["mentions"] as? [[String: Any]])
    #expect(mentions.first { $0["type"] as? String == "date" }?["iso"] as? String == "2024-07-08")
    let dateline = try record(.text(Array("Thứ Sáu, 14/07/2023 18:30\n\nSáng 14/7, hội nghị.".utf8)), id: "d.txt")
    #expect(dateline["published"] as? String == "2023-07-14")
  }

  @Test func referenceDateResolvesYearlessDates() throws {
    var options = ExtractionOptions()
    options.referenceDate = SimpleDate(year: 2022, month: 10, day: 1)  // the latest 16/9 on or before it
    let item = InputItem(source: Source(path: nil), fallbackID: "r", payload: .text(Array("Chiều 16/9, đoàn làm việc.".utf8)))
    let r = try object(plainExtractor(options).process(item).line)
    let mentions = try #require(r["mentions"] as? [[String: Any]])
    #expect(mentions.first { $0["type"] as? String == "date" }?["iso"] as? String == "2022-09-16")
    let without = try object(extractor.process(item).line)
    #expect((without["mentions"] as? [[String: Any]])?.contains { $0["type"] as? String == "date" } == false)
    #expect((without["warnings"] as? [[String: Any]])?.contains { $0["code"] as? String == "date_without_year" } == true)
  }

  @Test func ruleHitsSetMetricsAndCreateEntities() throws {
    let text = "Phó Tổng Thanh tra Chính phủ Lê Sỹ Bảy: đã thu hồi 42.168 triệu đồng."
    let withRules = Extractor(rulesFingerprint: "sha256:x") { n, tokens in
      let money = tokens.first { $0.kind == .money }!
      let name = n.string.unicodeScalars.map(\.value)
      let start = Array(name).firstIndex(of: 0x4C)!  // "L" of Lê
      return [
        RuleHit(rule: "money.recovered", type: "money", start: money.start, end: money.end, fields: ["metric": "recovered"]),
        RuleHit(rule: "person.title_name", type: "person", start: start, end: start + 9,
                fields: ["name": "Lê Sỹ Bảy", "title": "Phó Tổng Thanh tra Chính phủ"]),
      ]
    }
    let r = withRules.record(text: text, id: "p")
    let money = try #require(r.mentions.first { $0.type == "money" })
    #expect(money.metric == "recovered")
    #expect(money.rule == "money.recovered")
    let person = try #require(r.mentions.first { $0.type == "person" })
    #expect(person.text == "Lê Sỹ Bảy")
    #expect(person.fields == .entity([EntityField("name", "Lê Sỹ Bảy"), EntityField("title", "Phó Tổng Thanh tra Chính phủ")]))
    let line = String(decoding: r.jsonLine(pipelineVersion: "0.1.0", rulesFingerprint: "sha256:x"), as: UTF8.self)
    #expect(line.contains(#""type":"person","text":"Lê Sỹ Bảy","start":29,"end":38,"name":"Lê Sỹ Bảy","title":"Phó Tổng Thanh tra Chính phủ","rule":"person.title_name""#))
    #expect(line.hasSuffix(#""pipeline":{"version":"0.1.0","rules":"sha256:x"}}"#))
  }

  @Test func dateRangeIsOnePeriodAndTwoDates() throws {
    let r = extractor.record(text: "Thời kỳ thanh tra từ ngày 01/01/2023 đến ngày 31/12/2023.", id: "range")
    let period = try #require(r.mentions.first { $0.type == "period" })
    #expect(period.fields == .period(from: SimpleDate(year: 2023, month: 1, day: 1), to: SimpleDate(year: 2023, month: 12, day: 31)))
    let dates = r.mentions.filter { $0.type == "date" }
    #expect(dates.map(\.text) == ["01/01/2023", "31/12/2023"])
    #expect(dates.allSatisfy { $0.start >= period.start && $0.end <= period.end })
  }
}
