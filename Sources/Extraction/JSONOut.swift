import Tokenization
import VNText

/// The JSON writer's primitives, as functions that store at a pointer and return where they
/// stopped: no capacity checks (the caller has reserved at least the matching `…Bound`) and no
/// writer state kept in memory between them, so that a run of writes (a whole mention, see
/// `JSONWriter.beginRun`) stays in registers.
enum JSONOut {
  typealias Out = UnsafeMutablePointer<UInt8>

  // MARK: Bounds

  /// The most bytes `quoted(_:at:)` stores for `s` (escapes take up to six bytes a byte, and
  /// the word-at-a-time copy may store up to eight bytes beyond the end it returns).
  @inline(__always)
  static func bound(_ s: String) -> Int { s.utf8.count &* 6 &+ 10 }

  /// The most bytes `quoted(scalars:at:)` stores for `count` scalars.
  @inline(__always)
  static func bound(scalars count: Int) -> Int { count &* 6 &+ 2 }

  /// The most bytes `decimal(_:at:)` stores for `v`.
  @inline(__always)
  static func decimalBound(_ v: DecimalNumber) -> Int {
    let r = v.reduced
    return digitCount(r.significand.magnitude) &+ r.exponent.magnitude.clamped &+ 3
  }

  /// The most bytes `date(_:at:)` stores for `d`.
  static func dateBound(_ d: SimpleDate) -> Int { d.isUsualISO ? SimpleDate.usualISOLength &+ 2 : bound(d.iso) }

  /// The most bytes `int(_:at:)` stores.
  static let intBound = 21

  // MARK: Bytes

  /// Stores the bytes of `s` (no escaping: a literal known to need none).
  @inline(__always)
  static func raw(_ s: StaticString, at out: Out) -> Out {
    let n = s.utf8CodeUnitCount
    out.update(from: s.utf8Start, count: n)
    return out + n
  }

  @inline(__always)
  static func byte(_ b: UInt8, at out: Out) -> Out {
    out.pointee = b
    return out + 1
  }

  // MARK: Numbers

  /// How many decimal digits `v` has.
  @inline(__always)
  static func digitCount(_ v: UInt64) -> Int {
    var n = 1
    var power: UInt64 = 10
    while n < 20 && v >= power {
      n += 1
      power &*= 10
    }
    return n
  }

  /// The decimal digits of `v`, two at a time from the right.
  @inline(__always)
  static func digits(_ v: UInt64, at out: Out) -> Out {
    let width = digitCount(v)
    let pairs = digitPairs.utf8Start
    var rest = v
    var at = out + width
    while rest >= 100 {
      let pair = Int(truncatingIfNeeded: rest % 100) &* 2
      rest /= 100
      at -= 2
      at[0] = pairs[pair]
      at[1] = pairs[pair + 1]
    }
    if rest >= 10 {
      let pair = Int(truncatingIfNeeded: rest) &* 2
      at -= 2
      at[0] = pairs[pair]
      at[1] = pairs[pair + 1]
    } else {
      at -= 1
      at.pointee = 0x30 &+ UInt8(truncatingIfNeeded: rest)
    }
    return out + width
  }

  /// An integer (at most `intBound` bytes).
  @inline(__always)
  static func int(_ v: Int, at out: Out) -> Out {
    var out = out
    if v < 0 { out = byte(0x2D, at: out) }
    return digits(UInt64(v.magnitude), at: out)
  }

  /// `00` to `99`, for writing integers two digits at a time.
  private static var digitPairs: StaticString {
    """
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """
  }

  /// An exact decimal, as `DecimalNumber.description` spells it (`88.8`, `46237000000`,
  /// `0.05`), without building that string.
  static func decimal(_ v: DecimalNumber, at start: Out) -> Out {
    let r = v.reduced
    let magnitude = r.significand.magnitude
    let width = digitCount(magnitude)
    var out = start
    if r.significand < 0 { out = byte(0x2D, at: out) }
    if r.exponent >= 0 {
      out = digits(magnitude, at: out)
      if magnitude != 0 { out = zeros(r.exponent, at: out) }
      return out
    }
    let places = -r.exponent
    if width <= places {
      out = raw("0.", at: out)
      out = zeros(places - width, at: out)
      return digits(magnitude, at: out)
    }
    // All the digits, then the fraction moved one place right to make room for the point.
    out = digits(magnitude, at: out)
    var at = out
    while at > out - places {
      at.pointee = (at - 1).pointee
      at -= 1
    }
    at.pointee = 0x2E
    return out + 1
  }

  @inline(__always)
  private static func zeros(_ n: Int, at out: Out) -> Out {
    guard n > 0 else { return out }
    out.initialize(repeating: 0x30, count: n)
    return out + n
  }

  /// A date, quoted, as `SimpleDate.iso` spells it (`2023-07-14`, `--07-14` without a year).
  static func date(_ d: SimpleDate, at start: Out) -> Out {
    // Years beyond four digits and impossible months: the general formatter.
    guard d.isUsualISO else { return quoted(d.iso, at: start) }
    let out = byte(0x22, at: start)
    return byte(0x22, at: out + d.writeUsualISO(to: out))
  }

  // MARK: Strings

  /// Each of `UnitName.fixedNames` as a JSON string (quoted and escaped), prepared once.
  private static let unitLiterals: [[UInt8]] = UnitName.fixedNames.map { name in
    var w = JSONWriter(capacity: bound(name))
    var (out, limit) = w.beginRun()
    w.ensure(bound(name), &out, &limit)
    w.endRun(quoted(name, at: out))
    return w.bytes
  }

  /// The most bytes `unit(_:at:)` stores.
  @inline(__always)
  static func unitBound(_ u: UnitName) -> Int {
    if let i = u.fixedIndex { return unitLiterals[i].count }
    return bound(u.name)
  }

  /// A unit's name as a JSON string: copied from `unitLiterals` when it is a fixed one.
  @inline(__always)
  static func unit(_ u: UnitName, at out: Out) -> Out {
    guard let i = u.fixedIndex else { return quoted(u.name, at: out) }
    return unitLiterals[i].withUnsafeBufferPointer { b in
      out.update(from: b.baseAddress!, count: b.count)
      return out + b.count
    }
  }

  /// Bits 0–63 and 64–127 of the ASCII characters JSON strings must escape (controls, `"`,
  /// `\`), plus DEL, which is escaped so that records stay printable.
  private static let escapeLow: UInt64 = 0x0000_0004_FFFF_FFFF
  private static let escapeHigh: UInt64 = 0x8000_0000_1000_0000

  /// True for the ASCII characters written as an escape; never for bytes or scalars ≥ 0x80.
  @inline(__always)
  static func needsEscape<T: FixedWidthInteger & UnsignedInteger>(_ c: T) -> Bool {
    guard c < 0x80 else { return false }
    let mask = c < 0x40 ? escapeLow : escapeHigh
    return (mask >> UInt64(c & 0x3F)) & 1 != 0
  }

  /// True if any of the eight bytes of `word` needs an escape (the `needsEscape` test on
  /// each byte, done on all eight at once).
  @inline(__always)
  static func anyNeedsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    // A byte's high bit survives `x - n` and `~x` only if the byte is below `n` (< 0x80).
    func anyBelow(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x & highs }
    let controls = anyBelow(word, 0x20)
    let quote = anyBelow(word ^ (ones &* 0x22), 1)
    let backslash = anyBelow(word ^ (ones &* 0x5C), 1)
    let delete = anyBelow(word ^ (ones &* 0x7F), 1)
    return controls | quote | backslash | delete != 0
  }

  /// `"…"` with JSON escapes (at most `bound(s)` bytes).
  @inline(__always)
  static func quoted(_ s: String, at out: Out) -> Out {
    // Native and small strings lend their UTF-8 in place; only others need a mutable copy.
    if let end = s.utf8.withContiguousStorageIfAvailable({ quoted(utf8: $0, at: out) }) { return end }
    var s = s
    return s.withUTF8 { quoted(utf8: $0, at: out) }
  }

  /// `"…"` with JSON escapes.
  ///
  /// Eight bytes at a time while none of them needs an escape (nearly always: Vietnamese text
  /// is letters, spaces and punctuation), the last few as the string's last eight bytes (or,
  /// in a string shorter than eight, gathered into one word); byte by byte from the first word
  /// that has something to escape. Stores up to eight bytes past the end it returns.
  static func quoted(utf8 b: UnsafeBufferPointer<UInt8>, at start: Out) -> Out {
    var out = byte(0x22, at: start)
    var k = 0
    if let from = UnsafeRawPointer(b.baseAddress) {
      while k + 8 <= b.count {
        let word = from.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        if anyNeedsEscape(word) { break }
        UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
        out += 8
        k += 8
      }
      let tail = b.count - k
      if tail > 0 && tail < 8 && b.count >= 8 {
        // The last eight bytes, overlapping what is already written (with the same bytes).
        // (A tail of eight or more: the loop stopped at a word with an escape.)
        let word = from.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self)
        if !anyNeedsEscape(word) {
          UnsafeMutableRawPointer(out - (8 - tail)).storeBytes(of: word, as: UInt64.self)
          out += tail
          k = b.count
        }
      } else if tail > 0 && tail < 8 {
        // Byte j of the tail in bits 8j…8j+7, the rest padded with `a` (never escaped).
        var word: UInt64 = 0x6161_6161_6161_6161 << UInt64(8 * tail)
        for j in 0..<tail { word |= UInt64(b[k + j]) << UInt64(8 * j) }
        if !anyNeedsEscape(word) {
          UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
          out += tail
          k = b.count
        }
      }
    }
    while k < b.count {
      let c = b[k]
      if needsEscape(c) {
        out = escape(UInt32(c), at: out)
      } else {
        out.pointee = c
        out += 1
      }
      k += 1
    }
    return byte(0x22, at: out)
  }

  /// `"…"` from scalar values: UTF-8 as is (U+FFFD for a value that is not a scalar), JSON
  /// escapes for the ASCII characters that need them (at most `bound(scalars:)` bytes).
  static func quoted(scalars s: UnsafeBufferPointer<UInt32>, at start: Out) -> Out {
    var out = byte(0x22, at: start)
    for c in s {
      if c < 0x80 {
        if needsEscape(c) {
          out = escape(c, at: out)
        } else {
          out.pointee = UInt8(truncatingIfNeeded: c)
          out += 1
        }
      } else {
        out += UTF8Encoder.write(c, to: out)
      }
    }
    return byte(0x22, at: out)
  }

  /// The escape of an ASCII character (at most 6 bytes).
  static func escape(_ c: UInt32, at out: Out) -> Out {
    out[0] = 0x5C
    switch c {
    case 0x22: out[1] = 0x22
    case 0x5C: out[1] = 0x5C
    case 0x0A: out[1] = 0x6E
    case 0x0D: out[1] = 0x72
    case 0x09: out[1] = 0x74
    default:
      out[1] = 0x75
      out[2] = 0x30
      out[3] = 0x30
      out[4] = hex(c >> 4)
      out[5] = hex(c & 0xF)
      return out + 6
    }
    return out + 2
  }

  private static func hex(_ v: UInt32) -> UInt8 {
    UInt8(truncatingIfNeeded: v < 10 ? 0x30 + v : 0x57 + v)
  }
}

extension UInt {
  /// The value as an `Int`, at most `Int.max / 4`, so that bounds added up cannot overflow.
  fileprivate var clamped: Int { self > UInt(Int.max / 4) ? Int.max / 4 : Int(self) }
}
