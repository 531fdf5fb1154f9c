import Foundation
import Testing

@testable import Evaluation

@Suite struct GoldSetTests {
  @Test func parse_readsEveryTypeInDocumentOrder() throws {
    let gold = try GoldSet.parse(
      """
      {"doc": "a.txt", "money": [{"text": "46.237 triệu đồng", "vnd": 46237000000, "qualifier": "exact", "metric": "violation_amount"}, {"text": "2,4 triệu USD", "value": 2400000, "unit": "USD", "qualifier": "about", "metric": "other"}], "counts": [{"text": "32/55 cuộc thanh tra", "value": 32, "of": 55, "noun": "cuộc", "qualifier": "exact", "metric": "inspections"}], "percents": [{"text": "88,8%", "value": 88.8}], "areas": [{"text": "376m2", "value": 376, "unit": "m2"}], "dates": [{"text": "16/01/2023", "iso": "2023-01-16"}], "periods": [{"text": "6 tháng đầu năm 2023", "start": "2023-01-01", "end": "2023-06-30"}], "persons": [{"name": "Lê Sỹ Bảy", "title": "Phó Tổng Thanh tra Chính phủ"}], "provinces": ["Cà Mau"], "legal_refs": [{"text": "Luật Thanh tra", "kind": "Luật", "number": null, "date": null}], "bylines": ["Ngọc Xinh"], "notes": "x"}

      {"doc": "b.txt"}
      """)
    #expect(gold.documents.map(\.doc) == ["a.txt", "b.txt"])
    let a = gold.documents[0]
    #expect(a.mentions.map(\.type) == [.money, .money, .count, .percent, .area, .date, .period, .person, .province, .legalRef])
    #expect(a.mentions[0].key == "VND:46237000000")
    #expect(a.mentions[1].key == "USD:2400000")
    #expect(a.mentions[2].key == "32|cuộc")
    #expect(a.mentions[3].key == "88.8")
    #expect(a.mentions[4].key == "376 m2")
    #expect(a.mentions[6].key == "2023-01-01..2023-06-30")
    #expect(a.mentions[8].key == "cà mau")
    #expect(a.mentions[9].key == "tx:luật thanh tra")
    #expect(a.bylines == ["Ngọc Xinh"])
    #expect(gold.documents[1].mentions.isEmpty)
  }

  @Test func parse_badLine_namesFileAndLine() {
    let text = """
      {"doc": "a.txt"}
      {"doc": "b.txt", "money": [{"text": "5 tỷ đồng", "qualifier": "exact"}]}
      """
    #expect(throws: GoldError.badLine(
      path: "g.jsonl", line: 2,
      reason: "money[0]: money needs 'vnd' (a whole number) or 'value' and 'unit'")
    ) {
      try GoldSet.parse(text, source: "g.jsonl")
    }
  }

  @Test func parse_invalidJSON_andMissingDoc_andDuplicates() {
    #expect(throws: GoldError.badLine(path: "g", line: 3, reason: "not valid JSON")) {
      try GoldSet.parse("{\"doc\": \"a\"}\n\n{\"doc\": ", source: "g")
    }
    #expect(throws: GoldError.badLine(path: "g", line: 1, reason: "missing 'doc' (the document's file name)")) {
      try GoldSet.parse("{\"money\": []}", source: "g")
    }
    #expect(throws: GoldError.badLine(path: "g", line: 2, reason: "document 'a' already annotated on line 1")) {
      try GoldSet.parse("{\"doc\": \"a\"}\n{\"doc\": \"a\"}", source: "g")
    }
  }

  @Test func errorDescription_isFileLineMessage() {
    let error = GoldError.badLine(path: "corpus/gold.jsonl", line: 7, reason: "not valid JSON")
    #expect(error.description == "corpus/gold.jsonl:7: error: not valid JSON")
  }

  @Test func load_missingFile_isUnreadable() {
    #expect(throws: (any Error).self) { try GoldSet.load(path: "/nonexistent/gold.jsonl") }
  }

  @Test func document_fallsBackToFileName() throws {
    let gold = try GoldSet.parse("{\"doc\": \"000_a.txt\"}")
    #expect(gold.document(forRecordID: "000_a.txt")?.doc == "000_a.txt")
    #expect(gold.document(forRecordID: "corpus/sub/000_a.txt")?.doc == "000_a.txt")
    #expect(gold.document(forRecordID: "001_b.txt") == nil)
  }
}
