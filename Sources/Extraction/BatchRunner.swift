import Dispatch
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the pipeline over a stream of input items on many cores, writing records in input order.
///
/// Items are read in batches (at most `batchDocuments` documents or `batchBytes` bytes); the
/// worker threads take documents from a batch one at a time, so a long document does not hold
/// up the others; while one batch is processed the previous one is written by a writer thread.
/// Memory is bounded by two batches however large the input, and the output is byte-identical
/// whatever the number of jobs.
public struct BatchRunner {
  public var jobs: Int
  public var batchDocuments = 1024
  public var batchBytes = 8 << 20

  public init(jobs: Int) { self.jobs = max(1, jobs) }

  /// What a run did.
  public struct Summary: Sendable, Equatable {
    public var documents = 0
    public var errors = 0
    public var bytes = 0
    public var seconds = 0.0
    /// The output reader went away; the run stopped quietly.
    public var outputClosed = false
    /// Ctrl-C stopped the run.
    public var interrupted = false
  }

  /// Processes everything `source` yields; `progress` is called after each batch.
  public func run(
    source: InputSource, extractor: Extractor, sink: some RecordSink,
    progress: ((Summary) -> Void)? = nil
  ) throws(OutputSink.Failure) -> Summary {
    var summary = Summary()
    let start = monotonicSeconds()
    let writer = DispatchQueue(label: "vnx.writer")
    let slots = DispatchSemaphore(value: 2)  // batches in flight: one being written, one being built
    let failure = Mutex<OutputSink.Failure?>(nil)

    while !Interruption.requested {
      if failure.withLock({ $0 }) != nil { break }
      var batch: [InputItem] = []
      var bytes = 0
      while batch.count < batchDocuments && bytes < batchBytes, let item = source.next() {
        bytes += item.byteCount
        batch.append(item)
      }
      if batch.isEmpty { break }
      let (out, errors) = process(batch, bytes: bytes, extractor)
      summary.documents += batch.count
      summary.errors += errors
      summary.bytes += bytes
      slots.wait()
      writer.async {
        defer { slots.signal() }
        if failure.withLock({ $0 }) != nil { return }
        do throws(OutputSink.Failure) {
          try sink.write(out)
        } catch {
          failure.withLock { $0 = error }
        }
      }
      summary.seconds = monotonicSeconds() - start
      progress?(summary)
    }
    writer.sync {}
    summary.seconds = monotonicSeconds() - start
    summary.interrupted = Interruption.requested
    switch failure.withLock({ $0 }) {
    case .closedPipe?: summary.outputClosed = true
    case .io(let message)?: throw .io(message)
    case nil: break
    }
    return summary
  }

  /// Processes one batch on `jobs` threads; returns the JSON lines joined in order.
  ///
  /// Each worker writes its records one after another into a writer of its own (no buffer
  /// and no copy per record) and notes where each one lies; the lines are then joined in
  /// input order. With one worker its writer already holds them in order.
  private func process(_ batch: [InputItem], bytes: Int, _ extractor: Extractor) -> ([UInt8], Int) {
    typealias Span = (worker: Int, start: Int, end: Int, isError: Bool)
    let spans = UnsafeMutableBufferPointer<Span>.allocate(capacity: batch.count)
    spans.initialize(repeating: (0, 0, 0, false))
    let workers = min(jobs, batch.count)
    // Records are about twice the size of their input.
    let capacity = 2 * bytes / workers + 4096
    let writers = UnsafeMutablePointer<JSONWriter>.allocate(capacity: workers)
    defer {
      writers.deinitialize(count: workers).deallocate()
      spans.deinitialize().deallocate()
    }
    if workers == 1 {
      writers.initialize(to: JSONWriter(capacity: capacity))
      for i in batch.indices {
        let start = writers[0].byteCount
        let isError = extractor.process(batch[i], into: &writers[0])
        spans[i] = (0, start, writers[0].byteCount, isError)
      }
    } else {
      let next = Atomic<Int>(0)
      nonisolated(unsafe) let sharedSpans = spans
      nonisolated(unsafe) let sharedWriters = writers
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        (sharedWriters + worker).initialize(to: JSONWriter(capacity: capacity))
        while true {
          let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
          if i >= batch.count { break }
          let start = sharedWriters[worker].byteCount
          let isError = extractor.process(batch[i], into: &sharedWriters[worker])
          sharedSpans[i] = (worker, start, sharedWriters[worker].byteCount, isError)
        }
      }
    }
    let errors = spans.reduce(0) { $0 + ($1.isError ? 1 : 0) }
    if workers == 1 { return (writers[0].bytes, errors) }
    var out = [UInt8]()
    out.reserveCapacity(spans.reduce(0) { $0 + $1.end - $1.start })
    for s in spans {
      writers[s.worker].withBytes { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[s.start..<s.end])) }
    }
    return (out, errors)
  }
}
