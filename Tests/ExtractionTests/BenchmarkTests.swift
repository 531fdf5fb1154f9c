import Extraction
import Foundation
import Testing

/// `vnx bench`'s library side: the generated corpus is the same for a seed, and a run reports
/// one figure per job count over the whole corpus, whatever the number of repetitions.
@Suite struct BenchmarkTests {
  static let articles = [
    "Thanh tra tỉnh Lai Châu phát hiện sai phạm 46.237 triệu đồng, kiến nghị thu hồi 1,2 tỷ đồng.\nNăm 2023, toàn ngành đã tiến hành 1.234 cuộc thanh tra hành chính.",
    "Phó Tổng Thanh tra Chính phủ Lê Sỹ Bảy chủ trì hội nghị ngày 16/01/2023 tại Hà Nội.\nĐã tiếp 5.123 lượt công dân đến kiến nghị, phản ánh trong 6 tháng đầu năm.",
  ]

  func temporaryPath(_ name: String) -> String {
    NSTemporaryDirectory() + "vnx-benchmark-tests-\(getpid())-\(name).jsonl"
  }

  @Test func corpusIsDeterministicForASeed() throws {
    let a = temporaryPath("a"), b = temporaryPath("b"), c = temporaryPath("c")
    defer { for p in [a, b, c] { try? FileManager.default.removeItem(atPath: p) } }
    let n = try Benchmark.generateCorpus(articles: Self.articles, targetBytes: 20_000, seed: 1, to: a)
    #expect(try Benchmark.generateCorpus(articles: Self.articles, targetBytes: 20_000, seed: 1, to: b) == n)
    _ = try Benchmark.generateCorpus(articles: Self.articles, targetBytes: 20_000, seed: 2, to: c)
    let bytesA = try Data(contentsOf: URL(fileURLWithPath: a))
    #expect(bytesA.count >= 20_000)
    #expect(bytesA == (try Data(contentsOf: URL(fileURLWithPath: b))))
    #expect(bytesA != (try Data(contentsOf: URL(fileURLWithPath: c))))
    #expect(bytesA.filter { $0 == 0x0A }.count == n)
  }

  @Test func runReportsEveryJobCountOverTheWholeCorpus() throws {
    let path = temporaryPath("run")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let documents = try Benchmark.generateCorpus(articles: Self.articles, targetBytes: 30_000, seed: 3, to: path)
    let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
    let extractor = Extractor(rulesFingerprint: "sha256:bench") { _, _ in [] }
    // Throughput counts each line's bytes, not its line break.
    let lineBytes = size - documents
    for repetitions in [1, 2] {
      let report = try Benchmark.run(corpus: path, extractor: extractor, jobCounts: [1, 2], repetitions: repetitions)
      #expect(report.corpusDocuments == documents)
      #expect(report.corpusBytes == lineBytes)
      #expect(report.runs.map(\.jobs) == [1, 2])
      #expect(report.runs.allSatisfy { $0.documents == documents && $0.bytes == lineBytes && $0.seconds > 0 })
      #expect(report.stages.total > 0 && report.stages.tokenize > 0)
      #expect(report.peakMemory > 0)
    }
  }

  /// The peak resident size is read in bytes (VmHWM is given in kB): once 64 MB have been
  /// touched, the peak is at least that.
  @Test func peakMemoryCountsTouchedPages() {
    let size = 64 << 20
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 4096)
    defer { buffer.deallocate() }
    for page in stride(from: 0, to: size, by: 4096) { buffer[page] = 1 }
    let peak = Benchmark.peakResidentBytes()
    #expect(peak >= size)
    #expect(peak < 64 << 30)  // scaled from kB once, not twice
    #expect(buffer[size - 4096] == 1)  // the pages are read back: the writes cannot be dropped
  }
}
