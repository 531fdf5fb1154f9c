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
      let (out, errors) = process(batch, extractor)
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
  private func process(_ batch: [InputItem], _ extractor: Extractor) -> ([UInt8], Int) {
    let results = UnsafeMutableBufferPointer<(line: [UInt8], isError: Bool)>.allocate(capacity: batch.count)
    results.initialize(repeating: (line: [UInt8](), isError: false))
    defer { results.deinitialize().deallocate() }
    let next = Atomic<Int>(0)
    let workers = min(jobs, batch.count)
    if workers == 1 {
      for i in batch.indices { results[i] = extractor.process(batch[i]) }
    } else {
      nonisolated(unsafe) let shared = results
      DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
          let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
          if i >= batch.count { break }
          shared[i] = extractor.process(batch[i])
        }
      }
    }
    var total = 0
    var errors = 0
    for r in results {
      total += r.line.count + 1
      if r.isError { errors += 1 }
    }
    var out = [UInt8]()
    out.reserveCapacity(total)
    for r in results {
      out.append(contentsOf: r.line)
      out.append(0x0A)
    }
    return (out, errors)
  }
}
