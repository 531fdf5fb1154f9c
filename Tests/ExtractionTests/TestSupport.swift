import Foundation
import Testing
import Tokenization
import VNText

@testable import Extraction

/// An extractor with no rules: every figure is a mention with metric `other`.
func plainExtractor(_ options: ExtractionOptions = ExtractionOptions()) -> Extractor {
  Extractor(options: options, rulesFingerprint: "sha256:test") { _, _ in [] }
}

/// Parses one JSON line into a dictionary.
func object(_ line: [UInt8]) throws -> [String: Any] {
  try #require(JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "vnx-test-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

func write(_ text: String, to path: String) throws {
  try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

func write(bytes: [UInt8], to path: String) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Runs extraction over `paths` and returns the output lines.
func extractLines(_ paths: [String], jobs: Int = 1, extractor: Extractor = plainExtractor(), batch: Int = 1024) throws -> (lines: [String], summary: BatchRunner.Summary) {
  var runner = BatchRunner(jobs: jobs)
  runner.batchDocuments = batch
  let sink = MemorySink()
  let summary = try runner.run(source: InputSource(paths: paths), extractor: extractor, sink: sink)
  return (sink.lines, summary)
}

/// The repository root (for corpus/ and rules/).
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The seeded generator of property tests.
typealias SeededGenerator = SplitMix64
