import CICU

/// Turns raw text into `NormalizedText`: entities decoded, odd spaces folded, NFC, one
/// tone-mark placement; every normalized scalar remembers where in the raw text it came from.
///
/// The work is one pass over the scalars. NFC is applied per normalization segment (a
/// starter and the marks that follow it): a segment of one scalar that is already NFC, which
/// is nearly every letter of clean Vietnamese text, is copied without calling ICU.
public struct Normalizer: Sendable {
  /// Options for the normalization stage.
  public struct Options: Sendable, Equatable {
    /// The tone-mark placement for `oa`, `oe`, `uy` (default: `hòa`).
    public var toneMarks: ToneMarkPlacement
    /// Decode HTML character references (default: on).
    public var decodeEntities: Bool

    public init(toneMarks: ToneMarkPlacement = .classic, decodeEntities: Bool = true) {
      self.toneMarks = toneMarks
      self.decodeEntities = decodeEntities
    }
  }

  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// Decodes and normalizes raw bytes (UTF-8, with or without BOM).
  public func normalize<C: Collection>(bytes: C) -> NormalizedText where C.Element == UInt8 {
    let decoded = UTF8Decoder.decode(bytes)
    return normalize(scalars: decoded.scalars, warnings: TextWarning.invalidUTF8(count: decoded.replacements))
  }

  /// Normalizes a string.
  public func normalize(_ text: String) -> NormalizedText {
    normalize(scalars: text.unicodeScalars.map(\.value), warnings: [])
  }

  /// Normalizes already-decoded scalar values.
  public func normalize(scalars raw: [UInt32], warnings: [TextWarning] = []) -> NormalizedText {
    // Output never outgrows the input except when NFC expands a segment, which is rare
    // enough (a few historic characters) to redo the document with room to spare.
    var capacity = raw.count + 16
    while true {
      if let (out, map) = normalize(raw, capacity: capacity) {
        var scalars = out
        ToneMarkNormalizer.apply(options.toneMarks, to: &scalars)
        return NormalizedText(raw: raw, scalars: scalars, rawOffsets: map, warnings: warnings)
      }
      capacity = capacity * 3 + 16
    }
  }

  /// One pass; nil when the output would need more than `capacity` scalars.
  private func normalize(_ raw: [UInt32], capacity: Int) -> ([UInt32], [Int32])? {
    var overflow = false
    var map: [Int32] = []
    let out = [UInt32](unsafeUninitializedCapacity: capacity) { outBuffer, outCount in
      map = [Int32](unsafeUninitializedCapacity: capacity + 1) { mapBuffer, mapCount in
        var w = SegmentWriter(out: outBuffer.baseAddress!, map: mapBuffer.baseAddress!, capacity: capacity)
        raw.withUnsafeBufferPointer { src in
          let n = src.count
          var i = 0
          var lastWasSpace = false
          while i < n && !w.overflow {
            var c = src[i]
            let origin = Int32(i)
            i += 1
            if c > 0x20 && c < 0x7F && c != 0x26 {  // printable ASCII but '&': the common case
              lastWasSpace = false
              w.emitStable(c, origin)
              continue
            }
            if c == 0x26, options.decodeEntities, let (value, after) = HTMLEntities.decode(src, at: i - 1) {
              c = value
              i = after
            }
            switch SpaceClass.of(c) {
            case .none:
              lastWasSpace = false
              w.emit(c, origin)
            case .space:
              if !lastWasSpace { w.emitStable(0x20, origin) }
              lastWasSpace = true
            case .removed:
              continue
            case .carriageReturn:
              lastWasSpace = false
              // "\r\n" becomes one "\n" that maps back to both; a lone "\r" is a line break.
              if i < n && src[i] == 0x0A { i += 1 }
              w.emitStable(0x0A, origin)
            case .newline:
              lastWasSpace = false
              w.emitStable(0x0A, origin)
            }
          }
          w.finishSegment()
        }
        overflow = w.overflow
        mapBuffer[w.count] = Int32(raw.count)
        mapCount = overflow ? 0 : w.count + 1
        outCount = overflow ? 0 : w.count
      }
    }
    return overflow ? nil : (out, map)
  }
}

/// Writes normalized scalars and their raw origins, applying NFC per normalization segment.
///
/// Scalars are written straight to the output. A segment (a starter and the marks after it)
/// goes through ICU only when it is "dirty": it has a non-starter, or a starter that is not NFC
/// on its own. Clean Vietnamese text is nearly all clean single-scalar segments.
struct SegmentWriter {
  let out: UnsafeMutablePointer<UInt32>
  let map: UnsafeMutablePointer<Int32>
  let capacity: Int
  var count = 0
  var segmentStart = 0
  var dirty = false
  var overflow = false

  init(out: UnsafeMutablePointer<UInt32>, map: UnsafeMutablePointer<Int32>, capacity: Int) {
    self.out = out
    self.map = map
    self.capacity = capacity
  }

  /// A scalar known to be an NFC starter that is stable on its own (ASCII, space, newline).
  @inline(__always)
  mutating func emitStable(_ c: UInt32, _ origin: Int32) {
    if dirty { finishSegment() }
    segmentStart = count
    append(c, origin)
  }

  @inline(__always)
  mutating func emit(_ c: UInt32, _ origin: Int32) {
    let flags = NFCTable.flags(c)
    if flags & NFCTable.boundaryBefore != 0 {
      if dirty { finishSegment() }
      segmentStart = count
      if flags & NFCTable.stableAlone == 0 { dirty = true }
    } else {
      dirty = true
    }
    append(c, origin)
  }

  @inline(__always)
  mutating func append(_ c: UInt32, _ origin: Int32) {
    guard count < capacity else { overflow = true; return }
    out[count] = c
    map[count] = origin
    count += 1
  }

  /// Runs ICU over the dirty segment `[segmentStart, count)` and writes the result back.
  mutating func finishSegment() {
    guard dirty else { return }
    dirty = false
    let length = count - segmentStart
    guard length > 0 else { return }
    guard length <= 120 else { return }  // a pathological run of marks is kept as it is
    var buffer = [UInt32](repeating: 0, count: length * 3 + 4)
    let written = buffer.withUnsafeMutableBufferPointer { d in
      vnx_nfc_utf32(out + segmentStart, Int32(length), d.baseAddress, Int32(d.count))
    }
    guard written >= 0 else { return }  // ICU failed: keep the text as it is
    var origin = map[segmentStart]
    guard segmentStart + Int(written) <= capacity else { overflow = true; return }
    // Marks after a space or line break never compose with it: the space or break keeps its
    // own origin and the marks theirs, so a span that starts at a mark does not take in the
    // break before it (fuzzing found "\n\u{309}…": the line's raw slice began at the "\n").
    var first = 0
    let starter = out[segmentStart]
    if length > 1, written > 0, buffer[0] == starter, starter == 0x20 || starter == 0x0A {
      first = 1
      origin = map[segmentStart + 1]
    }
    for k in first..<Int(written) {
      out[segmentStart + k] = buffer[k]
      map[segmentStart + k] = origin
    }
    count = segmentStart + Int(written)
  }
}

/// How the normalizer treats a scalar that is some kind of space or invisible character.
enum SpaceClass {
  case none, space, removed, carriageReturn, newline

  @inline(__always)
  static func of(_ c: UInt32) -> SpaceClass {
    if c > 0x20 && c < 0x7F { return .none }
    // Latin letters with diacritics (all of Vietnamese) are never spaces.
    if (c >= 0xC0 && c < 0x1680) || (c >= 0x1E00 && c < 0x2000) { return .none }
    switch c {
    case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
      return .space
    case 0x0A, 0x85, 0x2028, 0x2029: return .newline
    case 0x0D: return .carriageReturn
    case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: return .removed
    case 0x00...0x1F, 0x7F...0x9F: return .space  // stray control characters
    default: return .none
    }
  }
}

/// Per-scalar NFC facts for the Basic Multilingual Plane, computed once from ICU.
enum NFCTable {
  static let boundaryBefore: UInt8 = 1
  static let stableAlone: UInt8 = 2

  static let bmp: [UInt8] = {
    _ = vnx_nfc_init()
    var table = [UInt8](repeating: 0, count: 0x10000)
    for c in 0..<0x10000 {
      var f: UInt8 = 0
      if vnx_nfc_has_boundary_before(UInt32(c)) != 0 { f |= boundaryBefore }
      if vnx_nfc_is_yes(UInt32(c)) != 0 { f |= stableAlone }
      table[c] = f
    }
    return table
  }()

  @inline(__always)
  static func flags(_ c: UInt32) -> UInt8 {
    if c < 0x300 { return boundaryBefore | stableAlone }
    // Latin Extended Additional (the precomposed Vietnamese letters ạ…ỹ): NFC starters,
    // already composed; checked by the test NormalizerTests.latinExtendedAdditionalIsStable.
    if c >= 0x1E00 && c < 0x1F00 { return boundaryBefore | stableAlone }
    if c < 0x10000 { return bmp[Int(c)] }
    var f: UInt8 = 0
    if vnx_nfc_has_boundary_before(c) != 0 { f |= boundaryBefore }
    if vnx_nfc_is_yes(c) != 0 { f |= stableAlone }
    return f
  }
}
