import CICU

/// Turns raw text into `NormalizedText`: entities decoded, odd spaces folded, NFC, one
/// tone-mark placement; every normalized scalar remembers where in the raw text it came from.
///
/// The work is one pass over the input, UTF-8 bytes (decoded on the way) or scalars, then a
/// tone-mark pass over the few places the first pass noted. NFC is applied per normalization
/// segment (a starter and the marks that follow it): a segment of one scalar that is already
/// NFC, which is nearly every letter of clean Vietnamese text, is copied without calling ICU.
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
    if let n = bytes.withContiguousStorageIfAvailable({ b -> NormalizedText in
      let bom = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
      return normalize(utf8: bom ? UnsafeBufferPointer(rebasing: b[3...]) : b)
    }) {
      return n
    }
    return normalize(bytes: Array(bytes))
  }

  /// Decodes UTF-8 and normalizes it in the same pass; a leading U+FEFF is text here.
  ///
  /// Ill-formed sequences become U+FFFD in the raw text, as `UTF8Decoder` makes them; the
  /// `invalid_utf8` warning counts them plus `replacedBefore`, the ones the caller replaced
  /// elsewhere (in the other fields of a JSON line).
  public func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, replacedBefore: Int = 0) -> NormalizedText {
    normalize(UTF8Input(units: bytes), warnings: nil, replacedBefore: replacedBefore, toneCandidates: true)
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
    raw.withUnsafeBufferPointer { units in
      normalize(ScalarInput(units: units, array: raw), warnings: warnings, replacedBefore: 0, toneCandidates: toneCandidates)
    }
  }

  /// The pass over either input, then the tone marks. `warnings` nil: the `invalid_utf8`
  /// warning of the decoding (plus `replacedBefore`).
  func normalize<Input: NormalizerInput>(
    _ input: Input, warnings: [TextWarning]?, replacedBefore: Int, toneCandidates: Bool
  ) -> NormalizedText {
    // Output never outgrows the input except when NFC expands a segment, which is rare
    // enough (a few historic characters) to redo the document with room to spare.
    var capacity = input.units.count + 16
    while true {
      if var pass = normalize(input, capacity: capacity) {
        // In place: `pass.out` is the only reference to the scalars, so they are not copied.
        if toneCandidates, let candidates = pass.toneCandidates {
          ToneMarkNormalizer.apply(options.toneMarks, to: &pass.out, candidates: candidates)
        } else {
          ToneMarkNormalizer.apply(options.toneMarks, to: &pass.out)
        }
        return NormalizedText(
          raw: pass.raw, scalars: pass.out, rawOffsets: pass.map,
          warnings: warnings ?? TextWarning.invalidUTF8(count: pass.replacements + replacedBefore))
      }
      capacity = capacity * 3 + 16
    }
  }

  /// What one pass makes.
  struct Pass {
    var raw: [UInt32]
    var out: [UInt32]
    var map: [Int32]
    /// Ascending positions `k` where the output has an ASCII `o`/`u` at `k - 1` and a
    /// non-ASCII scalar at `k`, the only places where the classic placement can change a pair
    /// (`hoà` → `hòa` needs a toned second vowel); nil when they were not noted (the reformed
    /// placement) or may be wrong (ICU rewrote a segment after noting them).
    var toneCandidates: [Int32]?
    /// Ill-formed UTF-8 sequences replaced while decoding.
    var replacements: Int
  }

  /// One pass over the input: decode (UTF-8 input), entities, spaces, NFC; nil when the
  /// output would need more than `capacity` scalars.
  ///
  /// The hot state (positions, the dirty segment) lives in locals so that it stays in
  /// registers; the segment writer is called only to finish a dirty segment. `j` counts input
  /// units, `k` raw scalars (the same for scalar input).
  private func normalize<Input: NormalizerInput>(_ input: Input, capacity: Int) -> Pass? {
    var overflow = false
    var map: [Int32] = []
    var raw: [UInt32] = []
    var candidates: [Int32]? = nil
    var replacements = 0
    let noteCandidates = options.toneMarks == .classic
    let decodeEntities = options.decodeEntities
    let src = input.units
    let n = src.count
    let out = [UInt32](unsafeUninitializedCapacity: capacity) { outBuffer, outCount in
      map = [Int32](unsafeUninitializedCapacity: capacity + 1) { mapBuffer, mapCount in
        raw = input.withRawBuffer { rawBuffer in
          let out = outBuffer.baseAddress!
          let map = mapBuffer.baseAddress!
          var w = SegmentWriter(out: out, map: map, slack: capacity - n)
          // Noted positions increase until ICU rewrites a segment (then only the notes of one
          // fast run are kept), and each has an `o`/`u` of its own before it: at most half the
          // output.
          let noted = UnsafeMutablePointer<Int32>.allocate(capacity: capacity / 2 + 1)
          defer { noted.deallocate() }
          var notedCount = 0
          var count = 0
          var segmentStart = 0
          var dirty = false
          var lastWasSpace = false
          var j = 0
          var k = 0
          // `&+=` and `truncatingIfNeeded`: positions index arrays, far below 2³¹.
          while j < n {
            if !dirty {
              if w.rewrote { notedCount = 0 }  // no longer used: only keep the buffer's bound
              let at = input.fastRun(
                rawBuffer, out, map, noted,
                FastPosition(j: j, k: k, count: count, noted: notedCount, lastWasSpace: lastWasSpace))
              (j, k, count, notedCount, lastWasSpace) = (at.j, at.k, at.count, at.noted, at.lastWasSpace)
              if j == n { break }
            }
            var (c, next) = input.scalar(at: j, replacements: &replacements)
            input.setRaw(rawBuffer, k, c)
            let origin = Int32(truncatingIfNeeded: k)
            j = next
            k &+= 1
            if c &- 0x21 < 0x5E && c != 0x26 {  // printable ASCII but '&'
              lastWasSpace = false
              w.emitStable(c, origin, &count, &dirty, segmentStart)
              continue
            }
            if c == 0x26, decodeEntities, let (value, after) = HTMLEntities.decode(src, at: j - 1) {
              // A reference is ASCII: one raw scalar per unit.
              while j < after {
                input.setRaw(rawBuffer, k, UInt32(src[j]))
                j &+= 1
                k &+= 1
              }
              c = value
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
              if noteCandidates && !w.rewrote && c >= 0x80 && count > 0 {
                let before = out[count - 1]
                if before < 0x80 && (before | 0x20 == 0x6F || before | 0x20 == 0x75) {
                  noted[notedCount] = Int32(truncatingIfNeeded: count)
                  notedCount &+= 1
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
              if j < n && src[j] == 0x0A {
                input.setRaw(rawBuffer, k, 0x0A)
                j &+= 1
                k &+= 1
              }
              w.emitStable(0x0A, origin, &count, &dirty, segmentStart)
            case .newline:
              lastWasSpace = false
              w.emitStable(0x0A, origin, &count, &dirty, segmentStart)
            }
          }
          if dirty { count = w.finishSegment(segmentStart, count) }
          overflow = w.overflow
          map[count] = Int32(truncatingIfNeeded: k)
          mapCount = overflow ? 0 : count + 1
          outCount = overflow ? 0 : count
          if noteCandidates && !w.rewrote { candidates = Array(UnsafeBufferPointer(start: noted, count: notedCount)) }
          return k
        }
      }
    }
    return overflow ? nil : Pass(raw: raw, out: out, map: map, toneCandidates: candidates, replacements: replacements)
  }
}

/// Where a pass is: input unit `j`, raw scalar `k`, output `count`, tone-mark candidates
/// `noted`, after a space or not.
struct FastPosition {
  var j: Int
  var k: Int
  var count: Int
  var noted: Int
  var lastWasSpace: Bool
}

/// The fast loop of a pass, while no segment waits for ICU: plain ASCII, spaces and the
/// Latin letters of Vietnamese (NFC starters stable on their own), nearly all of a clean text.
/// Returns where it stopped: at the end or at the first scalar it does not handle.
///
/// A function of its own that calls nothing per scalar, with its own few locals, so that they
/// all stay in registers; `noted` gets the tone-mark candidates
/// (`Normalizer.Pass.toneCandidates`).
///
/// The loop writes only the output scalar. Every scalar it writes is its raw scalar unchanged,
/// so between two collapsed spaces (the only raw scalars it drops) the output is a copy of the
/// raw text at a fixed distance `delta`: the raw scalars and the offset map of such a stretch
/// are written afterwards in bulk (`flush`, a copy and a fill the compiler vectorizes), rather
/// than with two more stores and a third index per scalar.
///
/// This generic loop serves scalar input; UTF-8 input has `fastRunUTF8`, which tests compare
/// with it.
@inline(never)
func fastRun<Input: NormalizerInput>(
  _ input: Input, _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>,
  _ map: UnsafeMutablePointer<Int32>, _ noted: UnsafeMutablePointer<Int32>, _ start: FastPosition
) -> FastPosition {
  let n = input.units.count
  var j = start.j
  var count = start.count
  var notedCount = start.noted
  var lastWasSpace = start.lastWasSpace
  // Output `[stretch, count)` came from raw `[stretch + delta, count + delta)`, one for one.
  var stretch = count
  var delta = start.k &- start.count
  @inline(__always) func flush(_ from: Int, _ to: Int, _ delta: Int) {
    flushStretch(input, raw, out, map, from, to, delta)
  }
  // `&+=` and `truncatingIfNeeded`: positions index arrays, far below 2³¹.
  while j < n {
    let u = input.unit(at: j)
    if u < 0x80 {
      if u &- 0x21 < 0x5E && u != 0x26 {  // printable ASCII but '&'
        lastWasSpace = false
      } else if u == 0x20 {
        if lastWasSpace {
          // A collapsed space: raw only, and the distance between raw and output grows.
          flush(stretch, count, delta)
          input.setRaw(raw, count &+ delta, u)
          delta &+= 1
          stretch = count
          j &+= 1
          continue
        }
        lastWasSpace = true
      } else {
        break
      }
      out[count] = u
      count &+= 1
      j &+= 1
      continue
    }
    let (c, next) = input.fastScalar(at: j)
    guard c &- 0xC0 < 0x240 || c & 0xFFFF_FF00 == 0x1E00 else { break }  // U+00C0–U+02FF, U+1Exx
    lastWasSpace = false
    if count > 0 {
      let previous = out[count &- 1]
      if previous < 0x80 && (previous | 0x20 == 0x6F || previous | 0x20 == 0x75) {
        noted[notedCount] = Int32(truncatingIfNeeded: count)
        notedCount &+= 1
      }
    }
    out[count] = c
    count &+= 1
    j = next
  }
  flush(stretch, count, delta)
  return FastPosition(j: j, k: count &+ delta, count: count, noted: notedCount, lastWasSpace: lastWasSpace)
}

/// Writes the raw scalars and the offsets of the output stretch `[from, to)`, which came from
/// raw `[from + delta, to + delta)` unchanged (see `fastRun`): a copy and a vectorized fill.
@inline(__always)
func flushStretch<Input: NormalizerInput>(
  _ input: Input, _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>,
  _ map: UnsafeMutablePointer<Int32>, _ from: Int, _ to: Int, _ delta: Int
) {
  guard to > from else { return }
  input.copyRaw(raw + (from &+ delta), from: out + from, count: to &- from)
  var origin = Int32(truncatingIfNeeded: from &+ delta)
  for i in from..<to {
    map[i] = origin
    origin &+= 1
  }
}

/// What `fastRunUTF8` does with a byte: one table read instead of a chain of range tests.
/// Single bits tested with `&`, so that the compiler keeps the tests in order of frequency
/// instead of making a jump table of them.
enum FastByte {
  /// Printable ASCII but `&`: copied.
  static let plain: UInt8 = 0
  /// U+0020: copied, or dropped after another space.
  static let space: UInt8 = 1
  /// The lead of a two-byte sequence of U+00C0–U+02FF (`C3`…`CB`).
  static let lead2: UInt8 = 2
  /// `E1`, the lead of the three-byte sequences of U+1E00–U+1EFF (and of others).
  static let lead3: UInt8 = 4
  /// Anything else (controls, `&`, other leads, continuation bytes): the fast loop stops.
  static let stop: UInt8 = 8

  static let table: [UInt8] = (0..<256).map { b in
    switch b {
    case 0x20: return space
    case 0x26: return stop
    case 0x21...0x7E: return plain
    case 0xC3...0xCB: return lead2
    case 0xE1: return lead3
    default: return stop
    }
  }
}

/// `fastRun` for UTF-8 input: the same scalars, stops and writes, with each byte classified
/// by `FastByte.table` and the two sequences it takes (U+00C0–U+02FF in two bytes, U+1E00–
/// U+1EFF as `E1 B8…BB xx`) decoded inline; every other sequence, well formed or not, stops
/// it as the generic loop's range test does. `NormalizerTests.utf8PassEqualsDecodeThenScalarPass`
/// compares the two.
@inline(never)
func fastRunUTF8(
  _ input: UTF8Input, _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>,
  _ map: UnsafeMutablePointer<Int32>, _ noted: UnsafeMutablePointer<Int32>, _ start: FastPosition
) -> FastPosition {
  FastByte.table.withUnsafeBufferPointer { table in
    let classes = table.baseAddress.unsafelyUnwrapped
    let src = input.units.baseAddress.unsafelyUnwrapped
    let n = input.units.count
    var j = start.j
    var count = start.count
    var notedCount = start.noted
    // Output `[stretch, count)` came from raw `[stretch + delta, count + delta)`, one for one.
    var stretch = count
    var delta = start.k &- start.count
    @inline(__always) func flush(_ from: Int, _ to: Int, _ delta: Int) {
      flushStretch(input, raw, out, map, from, to, delta)
    }
    // `&+=` and `truncatingIfNeeded`: positions index arrays, far below 2³¹.
    while j < n {
      // Plain ASCII, single spaces and the two- and three-byte letters, nearly all of the text,
      // in a loop of its own over offsets from `j` and `count`. A space right after a byte
      // read here that is no space is copied too; a space first and a second space go to the
      // tests below.
      let from = src + j
      let to = out + count
      let limit = n &- j
      var t = 0
      var o = 0
      while t < limit {
        let b = from[t]
        let kind = classes[Int(b)]
        if kind == FastByte.plain || (kind & FastByte.space != 0 && t > 0 && from[t &- 1] != 0x20) {
          to[o] = UInt32(b)
          t &+= 1
          o &+= 1
          continue
        }
        let c: UInt32
        if kind & FastByte.lead2 != 0 {
          guard t &+ 1 < limit else { break }
          let b1 = from[t &+ 1]
          guard b1 & 0xC0 == 0x80 else { break }
          c = UInt32(b & 0x1F) << 6 | UInt32(b1 & 0x3F)
          t &+= 2
        } else if kind & FastByte.lead3 != 0 {
          guard t &+ 2 < limit else { break }
          let b1 = from[t &+ 1]
          let b2 = from[t &+ 2]
          guard b1 & 0xFC == 0xB8 && b2 & 0xC0 == 0x80 else { break }
          c = 0x1000 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
          t &+= 3
        } else {
          break
        }
        // A tone-mark candidate: a non-ASCII letter after an ASCII `o`/`u`.
        if count &+ o > 0 {
          let previous = to[o &- 1]
          if previous < 0x80 && (previous | 0x20 == 0x6F || previous | 0x20 == 0x75) {
            noted[notedCount] = Int32(truncatingIfNeeded: count &+ o)
            notedCount &+= 1
          }
        }
        to[o] = c
        o &+= 1
      }
      count &+= o
      j &+= t
      guard j < n, classes[Int(src[j])] & FastByte.space != 0 else { break }
      // Inside the run "after a space" is "the last output is a space" (only spaces write one,
      // and every other scalar written clears it).
      let afterSpace = count > start.count ? out[count &- 1] == 0x20 : start.lastWasSpace
      if afterSpace {
        // A collapsed space: raw only, and the distance between raw and output grows.
        flush(stretch, count, delta)
        raw[count &+ delta] = 0x20
        delta &+= 1
        stretch = count
      } else {
        out[count] = 0x20
        count &+= 1
      }
      j &+= 1
    }
    flush(stretch, count, delta)
    let lastWasSpace = count > start.count ? out[count &- 1] == 0x20 : start.lastWasSpace
    return FastPosition(j: j, k: count &+ delta, count: count, noted: notedCount, lastWasSpace: lastWasSpace)
  }
}

/// The two kinds of input of a normalization pass.
protocol NormalizerInput {
  /// `fastRun` over this input (UTF-8 bytes have a faster loop of their own).
  func fastRun(
    _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>, _ map: UnsafeMutablePointer<Int32>,
    _ noted: UnsafeMutablePointer<Int32>, _ start: FastPosition
  ) -> FastPosition
  associatedtype Unit: FixedWidthInteger & UnsignedInteger
  var units: UnsafeBufferPointer<Unit> { get }
  /// The unit at `j` as a number (an ASCII unit is that scalar).
  func unit(at j: Int) -> UInt32
  /// The scalar at `j` and the index after it when it is a common, well-formed one (checked
  /// inline, no call); `UTF8Decoder.illFormed` (so not on the fast path) otherwise.
  func fastScalar(at j: Int) -> (UInt32, Int)
  /// The scalar at `j` and the index after it; U+FFFD for an ill-formed sequence, counted.
  func scalar(at j: Int, replacements: inout Int) -> (UInt32, Int)
  /// Calls `body` with room for the raw scalars (one per unit at most); returns the raw text,
  /// of the length `body` returns.
  func withRawBuffer(_ body: (UnsafeMutablePointer<UInt32>) -> Int) -> [UInt32]
  /// Stores raw scalar `k` (nothing to do when the input is the raw text).
  func setRaw(_ raw: UnsafeMutablePointer<UInt32>, _ k: Int, _ c: UInt32)
  /// Stores `count` raw scalars at `raw` from `source` (nothing to do when the input is the
  /// raw text).
  func copyRaw(_ raw: UnsafeMutablePointer<UInt32>, from source: UnsafePointer<UInt32>, count: Int)
}

/// Already-decoded scalars: the input is the raw text.
struct ScalarInput: NormalizerInput {
  let units: UnsafeBufferPointer<UInt32>
  let array: [UInt32]

  @inline(__always) func unit(at j: Int) -> UInt32 { units[j] }
  @inline(__always) func fastScalar(at j: Int) -> (UInt32, Int) { (units[j], j &+ 1) }
  @inline(__always) func scalar(at j: Int, replacements: inout Int) -> (UInt32, Int) { (units[j], j &+ 1) }

  /// The raw text is `array`: `body` writes nothing (`setRaw` does nothing) and gets a
  /// placeholder.
  func withRawBuffer(_ body: (UnsafeMutablePointer<UInt32>) -> Int) -> [UInt32] {
    var placeholder: UInt32 = 0
    _ = body(&placeholder)
    return array
  }

  @inline(__always) func setRaw(_ raw: UnsafeMutablePointer<UInt32>, _ k: Int, _ c: UInt32) {}

  @inline(__always)
  func fastRun(
    _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>, _ map: UnsafeMutablePointer<Int32>,
    _ noted: UnsafeMutablePointer<Int32>, _ start: FastPosition
  ) -> FastPosition {
    VNText.fastRun(self, raw, out, map, noted, start)
  }
  @inline(__always) func copyRaw(_ raw: UnsafeMutablePointer<UInt32>, from source: UnsafePointer<UInt32>, count: Int) {}
}

/// UTF-8 bytes, decoded on the way as `UTF8Decoder` does.
struct UTF8Input: NormalizerInput {
  let units: UnsafeBufferPointer<UInt8>

  @inline(__always) func unit(at j: Int) -> UInt32 { UInt32(units[j]) }

  @inline(__always) func fastScalar(at j: Int) -> (UInt32, Int) {
    let b0 = units[j]
    if b0 < 0x80 { return (UInt32(b0), j &+ 1) }
    return UTF8Decoder.commonSequence(units, at: j)
  }

  @inline(__always) func scalar(at j: Int, replacements: inout Int) -> (UInt32, Int) {
    let b0 = units[j]
    if b0 < 0x80 { return (UInt32(b0), j &+ 1) }
    let (c, next) = UTF8Decoder.sequence(units, at: j)
    if c == UTF8Decoder.illFormed {
      replacements += 1
      return (0xFFFD, next)
    }
    return (c, next)
  }

  func withRawBuffer(_ body: (UnsafeMutablePointer<UInt32>) -> Int) -> [UInt32] {
    [UInt32](unsafeUninitializedCapacity: units.count) { buffer, count in
      count = body(buffer.baseAddress!)
    }
  }

  @inline(__always) func setRaw(_ raw: UnsafeMutablePointer<UInt32>, _ k: Int, _ c: UInt32) { raw[k] = c }

  @inline(__always)
  func fastRun(
    _ raw: UnsafeMutablePointer<UInt32>, _ out: UnsafeMutablePointer<UInt32>, _ map: UnsafeMutablePointer<Int32>,
    _ noted: UnsafeMutablePointer<Int32>, _ start: FastPosition
  ) -> FastPosition {
    fastRunUTF8(self, raw, out, map, noted, start)
  }

  @inline(__always) func copyRaw(_ raw: UnsafeMutablePointer<UInt32>, from source: UnsafePointer<UInt32>, count: Int) {
    raw.update(from: source, count: count)
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
