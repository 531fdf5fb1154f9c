/// Decodes raw bytes into Unicode scalar values without ever failing.
///
/// A leading byte-order mark is dropped (it is not part of the text). Every maximal ill-formed
/// subsequence becomes one U+FFFD, following the Unicode Standard's "substitution of maximal
/// subparts" practice, and is counted so that the caller can warn about it.
public enum UTF8Decoder {
  /// The result of decoding: the scalars and how many ill-formed sequences were replaced.
  public struct Result: Sendable {
    public var scalars: [UInt32]
    public var replacements: Int
  }

  /// What `sequence(_:at:)` returns for an ill-formed sequence (never a scalar value).
  public static let illFormed: UInt32 = 0xFFFF_FFFF

  /// Decodes `bytes`; never traps on any input.
  public static func decode<C: Collection>(_ bytes: C) -> Result where C.Element == UInt8 {
    if let result = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) {
      return result
    }
    return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
  }

  /// Decodes a byte buffer; `stripBOM: false` keeps a leading U+FEFF as text.
  public static func decode(buffer b: UnsafeBufferPointer<UInt8>, stripBOM: Bool = true) -> Result {
    var replacements = 0
    let n = b.count
    // Never more scalars than bytes: decode straight into the result's storage.
    let scalars = [UInt32](unsafeUninitializedCapacity: n) { out, written in
      var k = 0
      var i = 0
      if stripBOM && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
      while i < n {
        let b0 = b[i]
        if b0 < 0x80 {
          out[k] = UInt32(b0)
          k += 1
          i += 1
          continue
        }
        let (c, next) = sequence(b, at: i)
        if c == illFormed {
          out[k] = 0xFFFD
          replacements += 1
        } else {
          out[k] = c
        }
        k += 1
        i = next
      }
      written = k
    }
    return Result(scalars: scalars, replacements: replacements)
  }

  /// Decodes the multi-byte sequence that starts at `b[i]` (a byte ≥ 0x80); returns the scalar
  /// and the index after it, or `illFormed` and the index after the maximal ill-formed
  /// subpart (which is then one U+FFFD).
  ///
  /// Every decoder of the project goes through this function, so raw offsets agree whichever
  /// path read the text.
  @inlinable @inline(__always)
  public static func sequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let (c, next) = commonSequence(b, at: i)
    return c != illFormed ? (c, next) : generalSequence(b, at: i)
  }

  /// The well-formed two-byte sequences and the three-byte ones of U+1000–U+CFFF (all of
  /// Vietnamese) at `b[i]`, checked inline; `illFormed` for anything else, which may still be
  /// well formed (see `sequence(_:at:)`).
  @inlinable @inline(__always)
  public static func commonSequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let n = b.count
    let b0 = b[i]
    // `&+`: `i` is an index into `b`, so `i + 3` cannot overflow.
    if b0 >= 0xC2 && b0 <= 0xDF && i &+ 1 < n && b[i &+ 1] & 0xC0 == 0x80 {
      return (UInt32(b0 & 0x1F) << 6 | UInt32(b[i &+ 1] & 0x3F), i &+ 2)
    }
    if b0 >= 0xE1 && b0 <= 0xEC && i &+ 2 < n && b[i &+ 1] & 0xC0 == 0x80 && b[i &+ 2] & 0xC0 == 0x80 {
      return (UInt32(b0 & 0x0F) << 12 | UInt32(b[i &+ 1] & 0x3F) << 6 | UInt32(b[i &+ 2] & 0x3F), i &+ 3)
    }
    return (illFormed, i)
  }

  /// `sequence(_:at:)` for every lead byte (Unicode Table 3-7: well-formed byte sequences).
  @usableFromInline
  static func generalSequence(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
    let n = b.count
    let b0 = b[i]
    // Expected length and the allowed range of the second byte.
    var need = 0
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    var cp: UInt32 = 0
    switch b0 {
    case 0xC2...0xDF: need = 1; cp = UInt32(b0 & 0x1F)
    case 0xE0: need = 2; lo = 0xA0; cp = UInt32(b0 & 0x0F)
    case 0xE1...0xEC, 0xEE...0xEF: need = 2; cp = UInt32(b0 & 0x0F)
    case 0xED: need = 2; hi = 0x9F; cp = UInt32(b0 & 0x0F)
    case 0xF0: need = 3; lo = 0x90; cp = UInt32(b0 & 0x07)
    case 0xF1...0xF3: need = 3; cp = UInt32(b0 & 0x07)
    case 0xF4: need = 3; hi = 0x8F; cp = UInt32(b0 & 0x07)
    default: return (illFormed, i + 1)
    }
    var j = i + 1
    for step in 0..<need {
      guard j < n else { return (illFormed, j) }
      let bk = b[j]
      let low: UInt8 = step == 0 ? lo : 0x80
      let high: UInt8 = step == 0 ? hi : 0xBF
      guard bk >= low && bk <= high else { return (illFormed, j) }
      cp = (cp << 6) | UInt32(bk & 0x3F)
      j += 1
    }
    return (cp, j)
  }
}

extension String {
  /// Builds a string from scalar values; values that are not scalars become U+FFFD.
  public init<C: Collection>(scalarValues: C) where C.Element == UInt32 {
    if let s = scalarValues.withContiguousStorageIfAvailable(String.init(scalarBuffer:)) {
      self = s
    } else {
      self = Array(scalarValues).withUnsafeBufferPointer(String.init(scalarBuffer:))
    }
  }

  /// The UTF-8 is written straight into the string's own storage (no intermediate byte array).
  /// Rule fields, ids and mention texts are built this way. The capacity asked for is the exact
  /// length, counted first: a string of up to 15 bytes (most names and titles' parts, every
  /// date) is then kept inline with no allocation, where room for four bytes per scalar would
  /// have put anything over three scalars on the heap.
  private init(scalarBuffer buffer: UnsafeBufferPointer<UInt32>) {
    guard !buffer.isEmpty else {
      self = ""
      return
    }
    self = String(unsafeUninitializedCapacity: UTF8Encoder.byteCount(buffer)) { out in
      UTF8Encoder.write(buffer, to: out.baseAddress!)
    }
  }
}
