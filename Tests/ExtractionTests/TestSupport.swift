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

/// A small deterministic random generator (SplitMix64) for seeded property tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
