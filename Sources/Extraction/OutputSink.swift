#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something that takes the JSON lines of a run, in order, from the writer thread.
///
/// The bytes are lent, not given: they live in a buffer the run reuses for a later batch, so
/// a sink that keeps them must copy them.
public protocol RecordSink: AnyObject, Sendable {
  func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputSink.Failure)
}

extension RecordSink {
  /// Writes an array's bytes.
  public func write(_ bytes: [UInt8]) throws(OutputSink.Failure) {
    try bytes.withUnsafeBufferPointer { (b) throws(OutputSink.Failure) in try write(b) }
  }
}

/// Keeps the output in memory (for `vnx eval`, `vnx bench` and tests).
public final class MemorySink: RecordSink, @unchecked Sendable {
  /// Everything written so far.
  public private(set) var bytes: [UInt8] = []
  /// Count bytes only, keep nothing (for benchmarks).
  public let discard: Bool
  public private(set) var byteCount = 0

  public init(discard: Bool = false) { self.discard = discard }

  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputSink.Failure) {
    byteCount += bytes.count
    if !discard { self.bytes.append(contentsOf: bytes) }
  }

  /// The lines written, without their line breaks.
  public var lines: [String] {
    bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// Where records go: standard output, or a file that is written whole or not at all.
///
/// A file is written to a temporary name in the same folder and renamed over the target at
/// the end, so a crash, an error or Ctrl-C never leaves half a file behind.
public final class OutputSink: RecordSink, @unchecked Sendable {
  /// Why output stopped.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// The reader went away (`vnx extract … | head`): not an error, stop quietly.
    case closedPipe
    case io(String)

    public var description: String {
      switch self {
      case .closedPipe: return "output pipe closed"
      case .io(let message): return message
      }
    }
  }

  private let fd: Int32
  private let finalPath: String?
  private let tempPath: String?
  private var finished = false

  /// Standard output.
  public init() {
    fd = 1
    finalPath = nil
    tempPath = nil
  }

  /// A file, replaced atomically when `finish()` succeeds.
  public init(path: String) throws(Failure) {
    let slash = path.lastIndex(of: "/")
    let dir = slash.map { String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temp = (dir.isEmpty ? "" : dir + "/") + ".\(name).vnx-\(getpid()).tmp"
    let f = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard f >= 0 else { throw .io("cannot write \(path): \(errnoText())") }
    fd = f
    finalPath = path
    tempPath = temp
    OutputSink.registerTemp(temp)
  }

  /// Writes all of `bytes`.
  public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, base + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { throw .closedPipe }
        throw .io("write failed: \(errnoText())")
      }
      offset += n
    }
  }

  /// Completes the output: for a file, flushes it and renames it over the target.
  public func finish() throws(Failure) {
    guard !finished else { return }
    finished = true
    guard let tempPath, let finalPath else { return }
    defer { OutputSink.registerTemp(nil) }
    if fsync(fd) != 0 && errno != EINVAL {
      let message = errnoText()
      close(fd)
      unlink(tempPath)
      throw .io("cannot write \(finalPath): \(message)")
    }
    close(fd)
    guard rename(tempPath, finalPath) == 0 else {
      let message = errnoText()
      unlink(tempPath)
      throw .io("cannot write \(finalPath): \(message)")
    }
  }

  /// Gives up: a file output leaves the target untouched.
  public func abort() {
    guard !finished else { return }
    finished = true
    guard let tempPath else { return }
    close(fd)
    unlink(tempPath)
    OutputSink.registerTemp(nil)
  }

  deinit { abort() }

  // The temporary file to remove if the process is interrupted (read by the signal handler).
  nonisolated(unsafe) static var tempPathForSignal: UnsafeMutablePointer<CChar>?

  static func registerTemp(_ path: String?) {
    let old = tempPathForSignal
    tempPathForSignal = path.map { strdup($0) }
    free(old)
  }
}

/// Ctrl-C and closed pipes: stop promptly, leave no temporary file, print no crash trace.
public enum Interruption {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  /// True once SIGINT or SIGTERM arrived.
  public static var requested: Bool { flag != 0 }

  /// Installs the handlers (once, from the main thread, before the run).
  public static func install() {
    signal(SIGPIPE, SIG_IGN)
    let handler: @convention(c) (Int32) -> Void = { sig in
      if Interruption.flag != 0 {
        // A second Ctrl-C: stop now.
        if let p = OutputSink.tempPathForSignal { unlink(p) }
        _exit(128 + sig)
      }
      Interruption.flag = 1
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
  }
}
