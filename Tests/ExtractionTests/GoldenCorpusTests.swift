import Foundation
import Testing

/// End to end: `vnx extract corpus` (the executable, the project's rules) must write exactly
/// the records in `Golden/corpus.records.jsonl`. After an intended change of rules or code,
/// regenerate it with `VNX_UPDATE_GOLDEN=1 swift test --filter GoldenCorpusTests` and review
/// the diff like code.
@Suite struct GoldenCorpusTests {
  static let goldenPath = repositoryRoot + "/Tests/ExtractionTests/Golden/corpus.records.jsonl"

  @Test func extractCorpusMatchesGolden() throws {
    let r = try VNXProcess.run(["extract", "corpus", "--jobs", "2"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    if ProcessInfo.processInfo.environment["VNX_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        atPath: (Self.goldenPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try write(r.stdout, to: Self.goldenPath)
    }
    let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
    let got = r.stdout.split(separator: "\n")
    let want = golden.split(separator: "\n")
    #expect(got.count == want.count)
    for (k, (a, b)) in zip(got, want).enumerated() where a != b {
      Issue.record("record \(k + 1) differs from the golden file:\n got: \(a.prefix(400))\nwant: \(b.prefix(400))")
    }
    // Every record is valid JSON and every mention's text is the raw slice of its article.
    for line in got {
      let record = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let id = try #require(record["id"] as? String)
      let text = try String(contentsOfFile: repositoryRoot + "/corpus/" + id, encoding: .utf8)
      let raw = Array(text.unicodeScalars)
      for m in try #require(record["mentions"] as? [[String: Any]]) {
        let s = try #require(m["start"] as? Int), e = try #require(m["end"] as? Int)
        #expect(String(String.UnicodeScalarView(raw[s..<e])) == m["text"] as? String)
      }
    }
  }
}
