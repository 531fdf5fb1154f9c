import VNText

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `vnx bench`: throughput of the whole pipeline on a generated corpus.
///
/// The corpus is made deterministically from the paragraphs of the project's articles: a
/// seeded generator draws paragraphs into documents of typical news length and writes them as
/// JSON Lines, so every run and every machine measures the same bytes.
public struct Benchmark {
  /// Figures for one run over the corpus.
  public struct Run: Sendable {
    public var jobs: Int
    public var seconds: Double
    public var documents: Int
    public var bytes: Int
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0 }
    public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }
  }

  /// What `vnx bench` reports.
  public struct Report: Sendable {
    public var corpusBytes: Int
    public var corpusDocuments: Int
    /// Seconds per stage, measured on one core.
    public var stages: StageTimes
    public var runs: [Run]
    /// Peak resident memory of the process (VmHWM), in bytes.
    public var peakMemory: Int
  }

  /// Writes a JSON Lines corpus of at least `targetBytes` bytes to `path`; returns its
  /// document count. Deterministic for a given set of articles and seed.
  public static func generateCorpus(articles: [String], targetBytes: Int, seed: UInt64 = 2024, to path: String) throws(OutputSink.Failure) -> Int {
    let paragraphs = articles.flatMap { article in
      article.split(separator: "\n").map(String.init).filter { $0.unicodeScalars.count >= 40 }
    }
    guard !paragraphs.isEmpty else { throw .io("no article text to build a corpus from") }
    let paragraphScalars = paragraphs.map { $0.unicodeScalars.map(\.value) }
    let sink = try OutputSink(path: path)
    var rng = SplitMix64(seed: seed)
    var written = 0
    var documents = 0
    var block: [UInt8] = []
    while written < targetBytes {
      var text: [UInt32] = []
      let count = 4 + Int(rng.next() % 9)
      for k in 0..<count {
        if k > 0 { text.append(0x0A) }
        text += paragraphScalars[Int(rng.next() % UInt64(paragraphScalars.count))]
      }
      documents += 1
      var w = JSONWriter(capacity: text.count * 2)
      w.beginObject()
      w.string("id", "bench-\(documents)")
      w.scalars("text", text)
      w.endObject()
      block += w.bytes
      block.append(0x0A)
      if block.count > 1 << 20 {
        try sink.write(block)
        written += block.count
        block.removeAll(keepingCapacity: true)
      }
    }
    try sink.write(block)
    try sink.finish()
    return documents
  }

  /// Runs the pipeline over the corpus file: once document by document on one core with
  /// per-stage timing, then through `BatchRunner` with each job count in `jobCounts`.
  ///
  /// Each measurement is made `repetitions` times and the fastest is kept: other work on a
  /// shared machine only ever slows a run down, so the best run is the one closest to what
  /// the code costs (the per-stage pass keeps the stage times of its fastest pass).
  public static func run(
    corpus path: String, extractor: Extractor, jobCounts: [Int], repetitions: Int = 1
  ) throws(OutputSink.Failure) -> Report {
    var stages = StageTimes()
    var documents = 0
    var bytes = 0
    for _ in 0..<max(1, repetitions) {
      var pass = StageTimes()
      documents = 0
      bytes = 0
      let source = InputSource(paths: [path], format: .jsonl)
      var out = JSONWriter(capacity: 1 << 20)
      while let item = source.next() {
        out.removeAll()
        _ = extractor.process(item, into: &out, times: &pass)
        documents += 1
        bytes += item.byteCount
      }
      if documents == 0 || stages.total == 0 || pass.total < stages.total { stages = pass }
    }
    var runs: [Run] = []
    for jobs in jobCounts {
      var best: Run?
      for _ in 0..<max(1, repetitions) {
        let sink = MemorySink(discard: true)
        let summary = try BatchRunner(jobs: jobs).run(
          source: InputSource(paths: [path], format: .jsonl), extractor: extractor, sink: sink)
        let run = Run(jobs: jobs, seconds: summary.seconds, documents: summary.documents, bytes: summary.bytes)
        if best == nil || run.seconds < best!.seconds { best = run }
      }
      runs.append(best!)
    }
    return Report(corpusBytes: bytes, corpusDocuments: documents, stages: stages, runs: runs, peakMemory: peakResidentBytes())
  }

  /// Seconds to decode and normalize `text` (already in memory) in blocks of about 1 MB cut at
  /// line ends, as `vnx normalize` does; the best of `repetitions` runs.
  public static func normalizeOnly(_ text: [UInt8], normalizer: Normalizer = Normalizer(), repetitions: Int = 3) -> Double {
    var best = Double.infinity
    for _ in 0..<repetitions {
      let t0 = monotonicSeconds()
      var start = 0
      var scalars = 0
      while start < text.count {
        var end = min(text.count, start + (1 << 20))
        while end < text.count && text[end - 1] != 0x0A { end += 1 }
        scalars += normalizer.normalize(bytes: text[start..<end]).scalars.count
        start = end
      }
      precondition(scalars > 0)
      best = min(best, monotonicSeconds() - t0)
    }
    return best
  }

  /// The process's peak resident set size (Linux: VmHWM in /proc/self/status).
  public static func peakResidentBytes() -> Int {
    guard let f = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(f) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), f) != nil {
      let s = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if s.hasPrefix("VmHWM:") {
        let digits = s.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }
        return (Int(String(String.UnicodeScalarView(digits))) ?? 0) * 1024
      }
    }
    return 0
  }
}

/// SplitMix64: a tiny seeded generator, the same on every platform (benchmark corpora and
/// seeded property tests).
public struct SplitMix64: RandomNumberGenerator {
  public var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
