import Foundation
import RuleEngine
import Testing
import Tokenization

@testable import Extraction

/// `vnx extract` writes a record straight from the document's tokens and rule hits
/// (`ExtractedDocument.write`); the library builds a `Record` value from the same plan. Both
/// must give the same bytes, whatever the hits look like.
@Suite struct RecordPathTests {
  /// Where the line `process` writes and the `jsonLine` of `record(for:)` first differ, with
  /// some context from both; nil when they are the same.
  func difference(_ extractor: Extractor, _ item: InputItem) -> String? {
    let direct = extractor.process(item).line
    let value = extractor.record(for: item).jsonLine(
      pipelineVersion: Extractor.version, rulesFingerprint: extractor.rulesFingerprint)
    guard direct != value else { return nil }
    let at = direct.indices.first { $0 >= value.count || direct[$0] != value[$0] } ?? value.count
    func around(_ b: [UInt8]) -> String { String(decoding: b[max(0, at - 80)..<min(b.count, at + 80)], as: UTF8.self) }
    return "byte \(at):\n direct: …\(around(direct))…\n  value: …\(around(value))…"
  }

  /// Every article of the corpus and every offsets fuzz seed, through the project's rules.
  @Test func projectRulesOnCorpusAndFuzzSeeds() throws {
    let (rules, diagnostics) = RuleSet.load(directory: repositoryRoot + "/rules")
    let ruleSet = try #require(rules, "\(diagnostics)")
    let extractor = Extractor(ruleSet: ruleSet)
    var paths: [String] = []
    for folder in ["/corpus", "/Tests/Fuzz/seeds/offsets"] {
      let names = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + folder)
      paths += names.filter { $0.hasSuffix(".txt") }.sorted().map { repositoryRoot + folder + "/" + $0 }
    }
    #expect(paths.count > 60)
    var mentions = 0
    for path in paths {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
      let item = InputItem(source: Source(path: path), fallbackID: path, payload: .text(bytes))
      let difference = difference(extractor, item)
      #expect(difference == nil, "\(path): \(difference ?? "")")
      mentions += extractor.record(for: item).mentions.count
    }
    #expect(mentions > 1000)  // entities and figures of every kind went through both
  }

  /// Hits out of order, ties, two roles for one token, a role on a date, fields out of the
  /// schema's order, spans past the text: both paths agree, and the first role wins.
  @Test func unusualHitsAgree() throws {
    let text = "Ông Lê Văn A thu hồi 42 tỷ đồng và 12 cuộc thanh tra từ ngày 01/01/2023 đến ngày 31/12/2023."
    let extractor = Extractor(rulesFingerprint: "sha256:x") { n, tokens in
      let money = tokens.first { $0.kind == .money }!
      let count = tokens.first { $0.kind == .count }!
      let period = tokens.first { $0.kind == .period }!
      return [
        RuleHit(rule: "z.entity", type: "organization", start: 4, end: 12, fields: ["name": "Lê Văn A"]),
        RuleHit(rule: "first.role", type: "money", start: money.start, end: money.end, fields: ["metric": "recovered"]),
        RuleHit(rule: "second.role", type: "money", start: money.start, end: money.end, fields: ["metric": "found"]),
        RuleHit(rule: "period.role", type: "period", start: period.start, end: period.end, fields: ["metric": "x"]),
        RuleHit(rule: "a.person", type: "person", start: 4, end: 12, fields: ["title": "", "name": "Lê Văn A"]),
        RuleHit(rule: "custom", type: "thing", start: count.start, end: count.end, fields: ["zeta": "z", "alpha": "--05-01"]),
        RuleHit(rule: "outside", type: "person", start: 0, end: n.scalars.count + 5, fields: ["name": "x"]),
        RuleHit(rule: "empty", type: "person", start: 3, end: 3, fields: ["name": "x"]),
      ]
    }
    let item = InputItem(source: Source(path: nil), fallbackID: "u", payload: .text(Array(text.utf8)))
    let difference = difference(extractor, item)
    #expect(difference == nil, "\(difference ?? "")")
    let record = extractor.record(for: item)
    #expect(record.mentions.map(\.rule) == [
      "z.entity", "a.person", "first.role", "tokenizer", "custom", "tokenizer", "tokenizer", "tokenizer",
    ])
    #expect(record.mentions.first { $0.type == "money" }?.metric == "recovered")
    #expect(record.mentions.first { $0.type == "thing" }?.fields == .entity([EntityField("alpha", nil), EntityField("zeta", "z")]))
    #expect(record.mentions.first { $0.type == "person" }?.fields == .entity([EntityField("name", "Lê Văn A"), EntityField("title", nil)]))
  }

  /// The record order over plan entries: a stable sort of all of them, whether the figures
  /// came in order or not.
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func recordOrderIsAStableSort(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<200 {
      let figures = Int(rng.next() % 12)
      let count = figures + Int(rng.next() % 12)
      // Few distinct keys, so that ties are common.
      var keys = (0..<count).map { _ in Int(rng.next() % 5) }
      if rng.next() % 2 == 0 { keys[..<figures].sort() }
      let order = MentionBuilder.recordOrder(count: count, figures: figures) { keys[$0] < keys[$1] }
      let expected = Array(0..<count).sorted { keys[$0] < keys[$1] }  // stable
      #expect((order ?? Array(0..<count)) == expected)
      #expect((order == nil) == (expected == Array(0..<count)))
    }
  }
}
