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
    var warnings: [TextWarning] = []
    if decoded.replacements > 0 {
      warnings.append(
        TextWarning(
          code: "invalid_utf8",
          message: "\(decoded.replacements) invalid UTF-8 sequence(s) replaced with U+FFFD"))
    }
    return normalize(scalars: decoded.scalars, warnings: warnings)
  }

  /// Normalizes a string.
  public func normalize(_ text: String) -> NormalizedText {
    normalize(scalars: text.unicodeScalars.map(\.value), warnings: [])
  }

  /// Normalizes already-decoded scalar values.
  public func normalize(scalars raw: [UInt32], warnings: [TextWarning] = []) -> NormalizedText {
    var out = [UInt32]()
    var map = [Int32]()
    out.reserveCapacity(raw.count)
    map.reserveCapacity(raw.count + 1)
    raw.withUnsafeBufferPointer { src in
      var segmenter = NFCSegmenter()
      let n = src.count
      var i = 0
      var lastWasSpace = false
      while i < n {
        var c = src[i]
        let origin = Int32(i)
        var next = i + 1
        if c == 0x26, options.decodeEntities, let (value, after) = HTMLEntities.decode(src, at: i) {
          c = value
          next = after
        }
        i = next
        switch SpaceClass.of(c) {
        case .none:
          lastWasSpace = false
          segmenter.push(c, origin, &out, &map)
        case .space:
          if !lastWasSpace { segmenter.push(0x20, origin, &out, &map) }
          lastWasSpace = true
        case .removed:
          continue
        case .carriageReturn:
          lastWasSpace = false
          // "\r\n" becomes one "\n" that maps back to both; a lone "\r" is a line break.
          if i < n && src[i] == 0x0A { i += 1 }
          segmenter.push(0x0A, origin, &out, &map)
        case .newline:
          lastWasSpace = false
          segmenter.push(0x0A, origin, &out, &map)
        }
      }
      segmenter.flush(&out, &map)
    }
    map.append(Int32(raw.count))
    ToneMarkNormalizer.apply(options.toneMarks, to: &out)
    return NormalizedText(raw: raw, scalars: out, rawOffsets: map, warnings: warnings)
  }
}

/// How the normalizer treats a scalar that is some kind of space or invisible character.
enum SpaceClass {
  case none, space, removed, carriageReturn, newline

  @inline(__always)
  static func of(_ c: UInt32) -> SpaceClass {
    if c > 0x20 && c < 0x7F { return .none }
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

/// Applies NFC one normalization segment at a time, keeping each output scalar's origin.
struct NFCSegmenter {
  var pending: [UInt32] = []
  var pendingOrigin: Int32 = 0

  init() { pending.reserveCapacity(16) }

  @inline(__always)
  mutating func push(_ c: UInt32, _ origin: Int32, _ out: inout [UInt32], _ map: inout [Int32]) {
    let flags = NFCTable.flags(c)
    if flags & NFCTable.boundaryBefore != 0 {
      if !pending.isEmpty { flush(&out, &map) }
      pending.append(c)
      pendingOrigin = origin
    } else {
      if pending.isEmpty { pendingOrigin = origin }
      pending.append(c)
    }
  }

  mutating func flush(_ out: inout [UInt32], _ map: inout [Int32]) {
    defer { pending.removeAll(keepingCapacity: true) }
    if pending.count == 1 && NFCTable.flags(pending[0]) & NFCTable.stableAlone != 0 {
      out.append(pending[0])
      map.append(pendingOrigin)
      return
    }
    if pending.isEmpty { return }
    var buffer = [UInt32](repeating: 0, count: pending.count * 3 + 4)
    let written = pending.count <= 120
      ? pending.withUnsafeBufferPointer { p in
        buffer.withUnsafeMutableBufferPointer { d in
          vnx_nfc_utf32(p.baseAddress, Int32(p.count), d.baseAddress, Int32(d.count))
        }
      } : -1
    if written < 0 {
      // A pathological run of marks (or an ICU failure): keep it as it is.
      for c in pending {
        out.append(c)
        map.append(pendingOrigin)
      }
      return
    }
    for k in 0..<Int(written) {
      out.append(buffer[k])
      map.append(pendingOrigin)
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
    if c < 0x10000 { return bmp[Int(c)] }
    var f: UInt8 = 0
    if vnx_nfc_has_boundary_before(c) != 0 { f |= boundaryBefore }
    if vnx_nfc_is_yes(c) != 0 { f |= stableAlone }
    return f
  }
}
