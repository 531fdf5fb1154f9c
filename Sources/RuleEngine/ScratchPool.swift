import Synchronization

/// Matcher working memory handed out to threads and taken back, so that documents reuse the
/// visited sets and stacks instead of allocating them.
final class ScratchPool: Sendable {
  private let free = Mutex<[MatchScratch]>([])

  func take() -> MatchScratch {
    free.withLock { $0.popLast() } ?? MatchScratch()
  }

  func give(_ scratch: MatchScratch) {
    free.withLock { list in
      if list.count < 64 { list.append(scratch) }
    }
  }
}
