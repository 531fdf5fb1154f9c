import Synchronization

/// Room for the lexer's output on one text, handed out to threads and taken back, so that
/// documents reuse it: the lexemes of a news article take tens of kilobytes, which `malloc`
/// hands out and takes back at a cost of its own for every document.
final class LexerScratch: @unchecked Sendable {
  private var lexemes: UnsafeMutablePointer<Lexeme>
  private var stops: UnsafeMutablePointer<Int32>
  private var capacity: Int

  private init(capacity: Int) {
    self.capacity = max(capacity, 1024)
    lexemes = .allocate(capacity: self.capacity)
    stops = .allocate(capacity: self.capacity)
  }

  deinit {
    lexemes.deallocate()
    stops.deallocate()
  }

  private func reserve(_ count: Int) {
    guard count > capacity else { return }
    lexemes.deallocate()
    stops.deallocate()
    capacity = max(count, 2 * capacity)
    lexemes = .allocate(capacity: capacity)
    stops = .allocate(capacity: capacity)
  }

  private static let pool = Mutex<[LexerScratch]>([])

  /// Texts of more scalars than this get room of their own, freed afterwards, so that one
  /// huge document does not leave megabytes behind with every thread.
  static let largestKept = 1 << 16

  /// Calls `body` with uninitialized room for `count` lexemes and `count` stops.
  static func with<R>(
    count: Int, _ body: (UnsafeMutableBufferPointer<Lexeme>, UnsafeMutableBufferPointer<Int32>) -> R
  ) -> R {
    let kept = count <= largestKept
    let scratch = (kept ? pool.withLock { $0.popLast() } : nil) ?? LexerScratch(capacity: count)
    scratch.reserve(count)
    defer {
      if kept { pool.withLock { if $0.count < 64 { $0.append(scratch) } } }
    }
    return body(
      UnsafeMutableBufferPointer(start: scratch.lexemes, count: count),
      UnsafeMutableBufferPointer(start: scratch.stops, count: count))
  }
}
