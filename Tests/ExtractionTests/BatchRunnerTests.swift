import Foundation
import Testing

@testable import Extraction

@Suite struct BatchRunnerTests {
  @Test func folderWalkIsSortedRecursiveAndSkipsGold() throws {
    let dir = try temporaryFolder()
    try FileManager.default.createDirectory(atPath: dir + "/b", withIntermediateDirectories: true)
    try write("Tiếp nhận 486 đơn.", to: dir + "/b/2.txt")
    try write("Kết thúc 22 cuộc.", to: dir + "/a.txt")
    try write(#"{"id": "j1", "text": "88,8%"}"# + "\n\n" + "oops\n" + #"{"text": "376m2"}"#, to: dir + "/c.jsonl")
    try write(#"{"doc": "a.txt", "money": []}"#, to: dir + "/gold.jsonl")
    try write("ignored", to: dir + "/notes.md")
    let (lines, summary) = try extractLines([dir])
    let ids = try lines.map { try object(Array($0.utf8))["id"] as? String }
    #expect(ids == ["a.txt", "b/2.txt", "j1", dir + "/c.jsonl#L3", dir + "/c.jsonl#L4"])
    #expect(summary.documents == 5)
    #expect(summary.errors == 1)
    let third = try object(Array(lines[3].utf8))
    #expect((third["source"] as? [String: Any])?["line"] as? Int == 3)
  }

  @Test func missingPathYieldsAnErrorRecordAndTheRunGoesOn() throws {
    let dir = try temporaryFolder()
    try write("Năm 2019.", to: dir + "/ok.txt")
    let (lines, summary) = try extractLines([dir + "/nope", dir + "/ok.txt"])
    #expect(lines.count == 2)
    #expect(summary.errors == 1)
    #expect((try object(Array(lines[0].utf8))["error"] as? [String: Any])?["code"] as? String == "unreadable_path")
    #expect(try object(Array(lines[1].utf8))["error"] == nil)
  }

  @Test func outputIsIdenticalWhateverTheJobsAndSplit() throws {
    let corpus = repositoryRoot + "/corpus"
    let one = try extractLines([corpus], jobs: 1).lines
    let four = try extractLines([corpus], jobs: 4, batch: 3).lines
    #expect(one.count >= 20)
    #expect(one == four)
    // The same articles as one JSON Lines file give the same mentions.
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { $0.hasSuffix(".txt") }.sorted()
    let dir = try temporaryFolder()
    var jsonl = ""
    for name in files {
      let text = try String(contentsOfFile: corpus + "/" + name, encoding: .utf8)
      let data = try JSONSerialization.data(withJSONObject: ["id": name, "text": text])
      jsonl += String(decoding: data, as: UTF8.self) + "\n"
    }
    try write(jsonl, to: dir + "/all.jsonl")
    let fromJSONL = try extractLines([dir + "/all.jsonl"], jobs: 2).lines
    #expect(fromJSONL.count == one.count)
    for (a, b) in zip(one, fromJSONL) {
      let ra = try object(Array(a.utf8)), rb = try object(Array(b.utf8))
      #expect(ra["id"] as? String == rb["id"] as? String)
      #expect(NSArray(array: ra["mentions"] as! [Any]).isEqual(to: rb["mentions"] as! [Any]))
    }
  }

  /// A sink that is slow to take a batch, so that the next batches are built while it writes.
  final class SlowSink: RecordSink, @unchecked Sendable {
    var bytes: [UInt8] = []
    func write(_ b: UnsafeBufferPointer<UInt8>) throws(OutputSink.Failure) {
      usleep(3000)
      bytes.append(contentsOf: b)  // read after the pause: the buffer must still hold this batch
    }
  }

  /// The two sets of output buffers are reused batch after batch; a set is never refilled
  /// while the writer thread still reads it, whatever the number of workers.
  @Test func reusedOutputBuffersAreNotOverwrittenWhileWritten() throws {
    let corpus = repositoryRoot + "/corpus"
    let reference = MemorySink()
    _ = try BatchRunner(jobs: 1).run(source: InputSource(paths: [corpus]), extractor: plainExtractor(), sink: reference)
    for (jobs, batch) in [(1, 1), (2, 1), (2, 3)] {
      var runner = BatchRunner(jobs: jobs)
      runner.batchDocuments = batch
      let sink = SlowSink()
      let summary = try runner.run(source: InputSource(paths: [corpus]), extractor: plainExtractor(), sink: sink)
      #expect(summary.documents >= 20)
      #expect(sink.bytes == reference.bytes, "jobs \(jobs), batches of \(batch)")
    }
  }

  @Test func largeDocumentAndLongLineWithoutSpaces() throws {
    let dir = try temporaryFolder()
    let paragraph = "Phát hiện sai phạm 46.237 triệu đồng, kiến nghị thu hồi 44.759 triệu đồng.\n"
    let big = String(repeating: paragraph, count: 40_000)  // about 3 MB
    try write(big, to: dir + "/big.txt")
    try write(String(repeating: "x", count: 2_000_000), to: dir + "/long.txt")
    let (lines, summary) = try extractLines([dir], jobs: 2)
    #expect(summary.errors == 0)
    let r = try object(Array(lines[0].utf8))
    #expect((r["mentions"] as? [Any])?.count == 80_000)
    #expect((try object(Array(lines[1].utf8))["mentions"] as? [Any])?.isEmpty == true)
  }

  @Test func fileOutputIsAtomic() throws {
    let dir = try temporaryFolder()
    let target = dir + "/out.jsonl"
    try write("old", to: target)
    let sink = try OutputSink(path: target)
    try sink.write(Array("new\n".utf8))
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "old")  // untouched until finish
    try sink.finish()
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
    let aborted = try OutputSink(path: target)
    try aborted.write(Array("half".utf8))
    aborted.abort()
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.jsonl"])
  }

  @Test func unwritableOutputIsAnError() {
    #expect(throws: OutputSink.Failure.self) { try OutputSink(path: "/nonexistent-dir/x.jsonl") }
  }
}
