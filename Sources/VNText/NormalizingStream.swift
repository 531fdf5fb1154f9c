/// Normalizes text of any size a block of whole lines at a time.
///
/// Every normalization step is local to a line (a line break ends any NFC segment, entity,
/// run of spaces or syllable), so cutting the input after a line break gives the same output
/// as normalizing it whole. A line longer than `maxPending` bytes is cut at a character
/// boundary instead, so memory stays bounded on input with no line breaks at all.
public final class NormalizingStream {
  private let normalizer: Normalizer
  private var pending: [UInt8] = []
  public var maxPending = 16 << 20

  public init(normalizer: Normalizer = Normalizer()) { self.normalizer = normalizer }

  /// Takes the next bytes; returns the normalized UTF-8 of every complete line so far.
  public func feed<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
    pending.append(contentsOf: bytes)
    var cut = pending.lastIndex(of: 0x0A).map { $0 + 1 }
    if cut == nil && pending.count > maxPending {
      var k = pending.count
      while k > 0 && pending[k - 1] & 0xC0 == 0x80 { k -= 1 }  // do not split a character
      cut = max(0, k - 1)
    }
    // Keep a trailing "\r" with the next block so "\r\n" stays one line break.
    guard var end = cut, end > 0 else { return [] }
    if end < pending.count, pending[end - 1] == 0x0D { end -= 1 }
    let out = normalizeBlock(pending[0..<end])
    pending.removeFirst(end)
    return out
  }

  /// Normalizes whatever is left.
  public func finish() -> [UInt8] {
    let out = normalizeBlock(pending[...])
    pending = []
    return out
  }

  /// A block that starts with a byte-order mark loses it; elsewhere U+FEFF is a zero-width
  /// character that normalization removes anyway, so the output is the same either way.
  private func normalizeBlock(_ block: ArraySlice<UInt8>) -> [UInt8] {
    if block.isEmpty { return [] }
    return UTF8Encoder.encode(normalizer.normalize(bytes: block).scalars)
  }
}
