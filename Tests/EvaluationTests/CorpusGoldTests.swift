import Foundation
import Testing

@testable import Evaluation

/// Checks the project's own gold (`corpus/gold.jsonl`) against the corpus it annotates: one
/// line per article, every `text` verbatim in its article, amounts consistent with their text,
/// and only the contract's metric and qualifier names.
@Suite struct CorpusGoldTests {
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("corpus")
  static let goldPath = corpus.appendingPathComponent("gold.jsonl").path

  /// The gold lines as loose JSON, for fields the scorer does not keep (vnd, per, …).
  static func rawGold() throws -> [[String: Any]] {
    let text = try String(contentsOfFile: goldPath, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }

  static func article(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: corpus.appendingPathComponent(name)))
  }

  /// Byte search: `String.contains` compares by canonical equivalence, which would accept a
  /// text whose Unicode form differs from the article's.
  static func occurs(_ needle: String, in haystack: [UInt8]) -> Bool {
    let n = Array(needle.utf8)
    guard !n.isEmpty, n.count <= haystack.count else { return false }
    for start in 0...(haystack.count - n.count) where haystack[start] == n[0] {
      if Array(haystack[start..<start + n.count]) == n { return true }
    }
    return false
  }

  @Test func goldLoads() throws {
    let gold = try GoldSet.load(path: Self.goldPath)
    #expect(gold.documents.count >= 23)
  }

  @Test func everyArticleHasExactlyOneGoldLine() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    let docs = try Self.rawGold().compactMap { $0["doc"] as? String }
    #expect(docs.sorted() == files)
    #expect(Set(docs).count == docs.count)
  }

  @Test func everyTextOccursInItsArticle() throws {
    for line in try Self.rawGold() {
      let doc = try #require(line["doc"] as? String)
      let bytes = try Self.article(doc)
      for field in ["money", "counts", "percents", "areas", "dates", "periods", "legal_refs"] {
        for item in (line[field] as? [[String: Any]]) ?? [] {
          let text = try #require(item["text"] as? String, "\(doc) \(field): item without text")
          #expect(Self.occurs(text, in: bytes), "\(doc) \(field): '\(text)' not in the article")
        }
      }
      for byline in (line["bylines"] as? [String]) ?? [] {
        #expect(Self.occurs(byline, in: bytes), "\(doc): byline '\(byline)' not in the article")
      }
    }
  }

  /// `46.237 triệu đồng`, `1.391,1 triệu đồng`, `42,1 tỷ đồng`, `15.000.000 đồng`, `4.216.850.000 VNĐ`
  /// (optionally `/m2`): the amount in đồng, or nil for other forms (words, compounds).
  static func plainAmount(_ text: String) -> Int64? {
    var words = text.split(separator: " ").map(String.init)
    guard words.count >= 2 else { return nil }
    let unit = words.removeLast().split(separator: "/").first.map(String.init) ?? ""
    guard ["đồng", "VNĐ", "VND"].contains(unit) else { return nil }
    let scales: [String: Decimal] = ["triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000, "nghìn": 1_000, "ngàn": 1_000]
    var scale: Decimal = 1
    if words.count == 2, let s = scales[words[1]] {
      scale = s
      words.removeLast()
    }
    guard words.count == 1, let number = vietnameseNumber(words[0]) else { return nil }
    return Int64(truncating: (number * scale) as NSDecimalNumber)
  }

  /// `.` thousands, `,` decimals.
  static func vietnameseNumber(_ text: String) -> Decimal? {
    guard text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," }) else { return nil }
    return Decimal(string: text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))
  }

  @Test func plainAmountParser() {
    #expect(Self.plainAmount("46.237 triệu đồng") == 46_237_000_000)
    #expect(Self.plainAmount("1.391,1 triệu đồng") == 1_391_100_000)
    #expect(Self.plainAmount("42,1 tỷ đồng") == 42_100_000_000)
    #expect(Self.plainAmount("15.000.000 đồng") == 15_000_000)
    #expect(Self.plainAmount("8.000 đồng/m2") == 8_000)
    #expect(Self.plainAmount("3 tỷ 200 triệu đồng") == nil)
  }

  @Test func moneyValuesAgreeWithTheirText() throws {
    var checked = 0
    for line in try Self.rawGold() {
      let doc = line["doc"] as? String ?? "?"
      for item in (line["money"] as? [[String: Any]]) ?? [] {
        let text = item["text"] as? String ?? ""
        if item["vnd"] == nil {
          // Non-VND money carries value and unit instead.
          #expect(item["value"] != nil && item["unit"] != nil, "\(doc): '\(text)' has neither vnd nor value+unit")
          continue
        }
        guard let expected = Self.plainAmount(text) else { continue }
        let vnd = (item["vnd"] as? NSNumber)?.int64Value
        #expect(vnd == expected, "\(doc): '\(text)' has vnd \(String(describing: vnd)), text says \(expected)")
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func metricsAndQualifiersAreContractNames() throws {
    for line in try Self.rawGold() {
      let doc = line["doc"] as? String ?? "?"
      for (field, allowed) in [("money", MetricNames.money), ("counts", MetricNames.count)] {
        for item in (line[field] as? [[String: Any]]) ?? [] {
          let metric = item["metric"] as? String ?? "(missing)"
          let qualifier = item["qualifier"] as? String ?? "(missing)"
          #expect(allowed.contains(metric), "\(doc) \(field): metric '\(metric)'")
          #expect(MetricNames.qualifiers.contains(qualifier), "\(doc) \(field): qualifier '\(qualifier)'")
          if field == "counts" {
            #expect(item.keys.contains("of"), "\(doc): count '\(item["text"] ?? "")' without 'of'")
          }
        }
      }
    }
  }

  /// Records built from the gold itself score perfectly: the scorer and the gold agree.
  @Test func goldAsRecords_scoresPerfectly() throws {
    let gold = try GoldSet.load(path: Self.goldPath)
    var lines: [String] = []
    for line in try Self.rawGold() {
      var mentions: [[String: Any]] = []
      for item in (line["money"] as? [[String: Any]]) ?? [] {
        var m: [String: Any] = ["type": "money", "text": item["text"]!, "metric": item["metric"]!, "qualifier": item["qualifier"]!]
        m["value"] = item["vnd"] ?? item["value"]!
        m["unit"] = item["vnd"] == nil ? item["unit"]! : "VND"
        m["per"] = item["per"] ?? NSNull()
        mentions.append(m)
      }
      let simple: [(String, String)] = [("counts", "count"), ("percents", "percent"), ("areas", "area"), ("dates", "date"), ("legal_refs", "legal_ref")]
      for (field, type) in simple {
        for item in (line[field] as? [[String: Any]]) ?? [] {
          mentions.append(item.merging(["type": type]) { $1 })
        }
      }
      for item in (line["periods"] as? [[String: Any]]) ?? [] {
        mentions.append(["type": "period", "text": item["text"]!, "start": 0, "end": 1, "from": item["start"]!, "to": item["end"]!])
      }
      for item in (line["persons"] as? [[String: Any]]) ?? [] {
        mentions.append(["type": "person", "name": item["name"]!, "title": item["title"] ?? NSNull()])
      }
      for name in (line["provinces"] as? [String]) ?? [] {
        mentions.append(["type": "province", "name": name])
      }
      let object: [String: Any] = ["id": "corpus/" + (line["doc"] as! String), "mentions": mentions]
      lines.append(String(data: try JSONSerialization.data(withJSONObject: object), encoding: .utf8)!)
    }
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    #expect(report.micro.fp == 0)
    #expect(report.micro.fn == 0)
    #expect(report.micro.tp == gold.documents.map(\.mentions.count).reduce(0, +))
    #expect(report.micro.tp > 600)
    for agreement in report.metricAccuracy + report.qualifierAccuracy {
      #expect(agreement.agreement.correct == agreement.agreement.total)
    }
    #expect(report.unscored.isEmpty)
  }
}
