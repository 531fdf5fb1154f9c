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
    normalize(scalars: raw, warnings: warnings, toneCandidates: true)
  }

  /// `normalize(scalars:warnings:)`; `toneCandidates: false` runs the tone-mark pass over
  /// every scalar instead of only the places the first pass noted (for tests: both must agree).
  func normalize(scalars raw: [UInt32], warnings: [TextWarning], toneCandidates: Bool) -> NormalizedText {
    // Output never outgrows the input except when NFC expands a segment, which is rare
    // enough (a few historic characters) to redo the document with room to spare.
    var capacity = raw.count + 16
    while true {
      if let (out, map, candidates) = normalize(raw, capacity: capacity) {
        var scalars = out
        if toneCandidates, let candidates {
          ToneMarkNormalizer.apply(options.toneMarks, to: &scalars, candidates: candidates)
        } else {
          ToneMarkNormalizer.apply(options.toneMarks, to: &scalars)
        }
        return NormalizedText(raw: raw, scalars: scalars, rawOffsets: map, warnings: warnings)
      }
      capacity = capacity * 3 + 16
    }
  }

  /// One pass; nil when the output would need more than `capacity` scalars. Also returns the
  /// tone-mark candidates: ascending positions `k` where the output has an ASCII `o`/`u` at
  /// `k - 1` and a non-ASCII scalar at `k`, the only places where the classic placement can
  /// change a pair (`hoà` → `hòa` needs a toned second vowel); nil when they were not noted
  /// (the reformed placement) or may be wrong (ICU rewrote a segment after noting them).
  ///
  /// The hot state (output count, the dirty segment) lives in locals so that it stays in
  /// registers; the segment writer is called only to finish a dirty segment.
  private func normalize(_ raw: [UInt32], capacity: Int) -> ([UInt32], [Int32], [Int32]?)? {
    var overflow = false
    var map: [Int32] = []
    var candidates: [Int32]? = nil
    let noteCandidates = options.toneMarks == .classic
    let decodeEntities = options.decodeEntities
    let out = [UInt32](unsafeUninitializedCapacity: capacity) { outBuffer, outCount in
      map = [Int32](unsafeUninitializedCapacity: capacity + 1) { mapBuffer, mapCount in
        raw.withUnsafeBufferPointer { src in
          let n = src.count
          let out = outBuffer.baseAddress!
          let map = mapBuffer.baseAddress!
          var w = SegmentWriter(out: out, map: map, slack: capacity - n)
          var noted: [Int32] = []
          var count = 0
          var segmentStart = 0
          var dirty = false
          var lastWasSpace = false
          var i = 0
          // `&+=` and `truncatingIfNeeded`: `i` and `count` index arrays, far below 2³¹.
          while i < n {
            if !dirty {
              // The fast loop: plain ASCII, spaces and the Latin letters of Vietnamese, which
              // are NFC starters stable on their own, while no segment waits for ICU.
              while i < n {
                let c = src[i]
                if c &- 0x21 < 0x5E && c != 0x26 {  // printable ASCII but '&'
                  lastWasSpace = false
                } else if c == 0x20 {
                  if lastWasSpace { i &+= 1; continue }
                  lastWasSpace = true
                } else if c &- 0xC0 < 0x240 || c & 0xFFFF_FF00 == 0x1E00 {  // U+00C0–U+02FF, U+1Exx
                  lastWasSpace = false
                  if noteCandidates && count > 0 {
                    let before = out[count - 1]
                    if before < 0x80 && (before | 0x20 == 0x6F || before | 0x20 == 0x75) {
                      noted.append(Int32(truncatingIfNeeded: count))
                    }
                  }
                } else {
                  break
                }
                out[count] = c
                map[count] = Int32(truncatingIfNeeded: i)
                count &+= 1
                i &+= 1
              }
              if i == n { break }
            }
            var c = src[i]
            let origin = Int32(truncatingIfNeeded: i)
            i &+= 1
            if c &- 0x21 < 0x5E && c != 0x26 {  // printable ASCII but '&': the common case
              lastWasSpace = false
              w.emitStable(c, origin, &count, &dirty, segmentStart)
              continue
            }
            if c == 0x26, decodeEntities, let (value, after) = HTMLEntities.decode(src, at: i - 1) {
              c = value
              i = after
            }
            switch SpaceClass.of(c) {
            case .none:
              lastWasSpace = false
              let flags = NFCTable.flags(c)
              if flags & NFCTable.boundaryBefore != 0 {
                if dirty { count = w.finishSegment(segmentStart, count); dirty = false }
                segmentStart = count
                if flags & NFCTable.stableAlone == 0 { dirty = true }
              } else if !dirty {
                // A clean segment is its one starter: the segment began at the last scalar.
                segmentStart = max(count - 1, 0)
                dirty = true
              }
              if noteCandidates && c >= 0x80 && count > 0 {
                let before = out[count - 1]
                if before < 0x80 && (before | 0x20 == 0x6F || before | 0x20 == 0x75) {
                  noted.append(Int32(truncatingIfNeeded: count))
                }
              }
              out[count] = c
              map[count] = origin
              count &+= 1
            case .space:
              if !lastWasSpace { w.emitStable(0x20, origin, &count, &dirty, segmentStart) }
              lastWasSpace = true
            case .removed:
              continue
            case .carriageReturn:
              lastWasSpace = false
              // "\r\n" becomes one "\n" that maps back to both; a lone "\r" is a line break.
              if i < n && src[i] == 0x0A { i += 1 }
              w.emitStable(0x0A, origin, &count, &dirty, segmentStart)
            case .newline:
              lastWasSpace = false
              w.emitStable(0x0A, origin, &count, &dirty, segmentStart)
            }
          }
          if dirty { count = w.finishSegment(segmentStart, count) }
          overflow = w.overflow
          map[count] = Int32(truncatingIfNeeded: n)
          mapCount = overflow ? 0 : count + 1
          outCount = overflow ? 0 : count
          if noteCandidates && !w.rewrote { candidates = noted }
        }
      }
    }
    return overflow ? nil : (out, map, candidates)
  }
}

/// Finishes the dirty NFC segments of one normalization pass.
///
/// A segment (a starter and the marks after it) goes through ICU only when it is "dirty": it
/// has a non-starter, or a starter that is not NFC on its own. Clean Vietnamese text is nearly
/// all clean single-scalar segments, so the pass does not track clean segments at all.
///
/// No write checks the capacity: every input scalar gives at most one output scalar, so only
/// an NFC expansion can need more room than the input had; `finishSegment` spends `slack` on
/// it, and when that runs out it leaves the segment as it is and sets `overflow`, which tells
/// the caller to redo the document with more room.
struct SegmentWriter {
  let out: UnsafeMutablePointer<UInt32>
  let map: UnsafeMutablePointer<Int32>
  /// Room beyond one output scalar per input scalar, not yet spent on NFC expansions.
  var slack: Int
  var overflow = false
  /// ICU changed a segment: output positions noted before may have moved.
  var rewrote = false

  init(out: UnsafeMutablePointer<UInt32>, map: UnsafeMutablePointer<Int32>, slack: Int) {
    self.out = out
    self.map = map
    self.slack = slack
  }

  /// Writes a scalar known to be an NFC starter that is stable on its own (ASCII, space,
  /// newline), finishing the dirty segment before it.
  @inline(__always)
  mutating func emitStable(_ c: UInt32, _ origin: Int32, _ count: inout Int, _ dirty: inout Bool, _ segmentStart: Int) {
    if dirty { count = finishSegment(segmentStart, count); dirty = false }
    out[count] = c
    map[count] = origin
    count &+= 1
  }

  /// Runs ICU over the dirty segment `[segmentStart, count)`, writes the result back and
  /// returns the new output count.
  mutating func finishSegment(_ segmentStart: Int, _ count: Int) -> Int {
    let length = count - segmentStart
    guard length > 0 else { return count }
    guard length <= 120 else { return count }  // a pathological run of marks is kept as it is
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: length * 3 + 4) { buffer in
      let written = Int(vnx_nfc_utf32(out + segmentStart, Int32(length), buffer.baseAddress, Int32(buffer.count)))
      guard written >= 0 else { return count }  // ICU failed: keep the text as it is
      if written > length {
        guard slack >= written - length else { overflow = true; return count }
        slack -= written - length
      }
      if written != length || (0..<length).contains(where: { buffer[$0] != out[segmentStart + $0] }) {
        rewrote = true
      }
      var origin = map[segmentStart]
      // Marks after a space or line break never compose with it: the space or break keeps its
      // own origin and the marks theirs, so a span that starts at a mark does not take in the
      // break before it (fuzzing found "\n\u{309}…": the line's raw slice began at the "\n").
      var first = 0
      let starter = out[segmentStart]
      if length > 1, written > 0, buffer[0] == starter, starter == 0x20 || starter == 0x0A {
        first = 1
        origin = map[segmentStart + 1]
      }
      for k in first..<written {
        out[segmentStart + k] = buffer[k]
        map[segmentStart + k] = origin
      }
      return segmentStart + written
    }
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
