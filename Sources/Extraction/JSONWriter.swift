import Tokenization
import VNText

/// Writes JSON straight into a byte buffer: no `Encodable`, no intermediate strings.
///
/// Keys are written in the order the caller gives them, so records have a stable field order.
///
/// Records are about twice the size of their input and the writer runs for every document, so
/// it owns a plain growable buffer: every write reserves its worst case once and then stores
/// bytes without per-byte capacity or uniqueness checks. It is noncopyable because it owns that
/// memory (a copy would share it).
public struct JSONWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  /// True once the innermost open object or array holds a value (the next one needs a comma).
  /// Opening a container is itself a value of the enclosing one, so leaving any container
  /// always returns to "has a value": no stack of flags is needed.
  private var needsComma = false
  private var pendingValueForKey = false

  public init(capacity: Int = 1024) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  /// The bytes written so far.
  public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// The number of bytes written so far.
  public var byteCount: Int { count }

  /// Lends the bytes written so far, without copying them.
  public func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// Ends a top-level value with a newline (JSON Lines): the next value starts the next line.
  ///
  /// One writer can so take many records in a row (a batch's output, or a worker's share of
  /// it), which spares a buffer and a copy per record.
  public mutating func newline() {
    reserve(1)
    put(0x0A)
    needsComma = false
    pendingValueForKey = false
  }

  /// Makes room for `n` bytes in all, so that writing that much never grows the buffer.
  public mutating func reserveCapacity(_ n: Int) {
    if n > capacity { grow(n - count) }
  }

  /// Forgets everything written, keeping the buffer.
  public mutating func removeAll() {
    count = 0
    needsComma = false
    pendingValueForKey = false
  }

  // MARK: Buffer

  /// Makes room for `n` more bytes; the writes that follow store without checks.
  @inline(__always)
  private mutating func reserve(_ n: Int) {
    if count + n > capacity { grow(n) }
  }

  private mutating func grow(_ n: Int) {
    let newCapacity = max(capacity * 2, count + n)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Stores one byte; room must have been reserved.
  @inline(__always)
  private mutating func put(_ b: UInt8) {
    base[count] = b
    count &+= 1
  }

  /// Stores bytes one by one (the strings written here are short: a `memcpy` call costs more);
  /// room must have been reserved.
  @inline(__always)
  private mutating func put(_ b: UnsafeBufferPointer<UInt8>) {
    var at = base + count
    for c in b {
      at.pointee = c
      at += 1
    }
    count = at - base
  }

  private mutating func raw(_ s: StaticString) {
    reserve(s.utf8CodeUnitCount)
    s.withUTF8Buffer { put($0) }
  }

  // MARK: Structure

  @inline(__always)
  private mutating func separator() {
    if needsComma {
      reserve(1)
      put(0x2C)
    }
    needsComma = true
  }

  @inline(__always)
  private mutating func key(_ k: StaticString) {
    separator()
    reserve(k.utf8CodeUnitCount + 3)
    put(0x22)
    k.withUTF8Buffer { put($0) }
    put(0x22)
    put(0x3A)
    pendingValueForKey = true
  }

  /// Writes a key known only at run time.
  public mutating func rawKey(_ k: String) {
    separator()
    quoted(k)
    reserve(1)
    put(0x3A)
    pendingValueForKey = true
  }

  /// Called before every value: adds the comma for array elements.
  @inline(__always)
  private mutating func beginValue() {
    if pendingValueForKey {
      pendingValueForKey = false
    } else {
      separator()
    }
  }

  private mutating func open(_ bracket: UInt8) {
    beginValue()
    reserve(1)
    put(bracket)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    reserve(1)
    put(bracket)
    needsComma = true
  }

  public mutating func beginObject() { open(0x7B) }
  public mutating func endObject() { close(0x7D) }
  public mutating func beginArray() { open(0x5B) }
  public mutating func endArray() { close(0x5D) }

  public mutating func beginObject(_ k: StaticString) { key(k); beginObject() }
  public mutating func beginArray(_ k: StaticString) { key(k); beginArray() }

  // MARK: Values

  public mutating func string(_ s: String) {
    beginValue()
    quoted(s)
  }
  @inline(__always)
  private mutating func stringValue(_ s: String) {
    beginValue()
    quoted(s)
  }
  public mutating func scalars<C: Collection>(_ s: C) where C.Element == UInt32 {
    beginValue()
    if s.withContiguousStorageIfAvailable({ quoted(scalars: $0) }) == nil {
      Array(s).withUnsafeBufferPointer { quoted(scalars: $0) }
    }
  }
  public mutating func int(_ v: Int) { intValue(v) }
  @inline(__always)
  private mutating func intValue(_ v: Int) {
    beginValue()
    reserve(20)
    if v < 0 { put(0x2D) }
    digits(v.magnitude)
  }
  /// A number already in JSON form (e.g. `DecimalNumber.description`).
  public mutating func rawNumber(_ text: String) {
    beginValue()
    var text = text
    text.withUTF8 { reserve($0.count); put($0) }
  }
  public mutating func bool(_ v: Bool) { beginValue(); if v { raw("true") } else { raw("false") } }
  public mutating func null() { beginValue(); raw("null") }

  @inline(__always)
  public mutating func string(_ k: StaticString, _ v: String) { key(k); stringValue(v) }
  @inline(__always)
  public mutating func string(_ k: StaticString, _ v: String?) {
    key(k)
    if let v { stringValue(v) } else { null() }
  }
  @inline(__always)
  public mutating func scalars<C: Collection>(_ k: StaticString, _ v: C) where C.Element == UInt32 {
    key(k)
    scalars(v)
  }
  @inline(__always)
  public mutating func int(_ k: StaticString, _ v: Int) { key(k); intValue(v) }
  public mutating func int(_ k: StaticString, _ v: Int?) {
    key(k)
    if let v { int(v) } else { null() }
  }
  public mutating func rawNumber(_ k: StaticString, _ v: String?) {
    key(k)
    if let v { rawNumber(v) } else { null() }
  }
  @inline(__always)
  public mutating func null(_ k: StaticString) { key(k); null() }

  /// A string field whose value is a literal that needs no escaping (an enum's raw value).
  @inline(__always)
  mutating func string(_ k: StaticString, literal v: StaticString) {
    key(k)
    beginValue()
    reserve(v.utf8CodeUnitCount + 2)
    put(0x22)
    v.withUTF8Buffer { put($0) }
    put(0x22)
  }

  /// A field whose name is only known at run time (entity fields from rule files): `null`
  /// when `value` is nil.
  mutating func field(_ name: String, _ value: String?) {
    separator()
    quoted(name)
    reserve(1)
    put(0x3A)
    if let value { quoted(value) } else { raw("null") }
  }

  /// An exact decimal, written as `DecimalNumber.description` spells it (`88.8`, `46237000000`,
  /// `0.05`) but without building that string.
  mutating func decimal(_ k: StaticString, _ v: DecimalNumber) {
    key(k)
    beginValue()
    let r = v.reduced
    let magnitude = r.significand.magnitude
    let width = Self.digitCount(magnitude)
    reserve(width + abs(r.exponent) + 3)
    if r.significand < 0 { put(0x2D) }
    if r.exponent >= 0 {
      digits(magnitude)
      if magnitude != 0 { zeros(r.exponent) }
      return
    }
    let places = -r.exponent
    if width <= places {
      put(0x30)
      put(0x2E)
      zeros(places - width)
      digits(magnitude)
    } else {
      // All the digits, then the fraction moved one place right to make room for the point.
      digits(magnitude)
      var at = count
      while at > count - places {
        base[at] = base[at - 1]
        at -= 1
      }
      base[at] = 0x2E
      count += 1
    }
  }

  /// `null` or an exact decimal.
  @inline(__always)
  mutating func decimal(_ k: StaticString, _ v: DecimalNumber?) {
    if let v { decimal(k, v) } else { null(k) }
  }

  /// A date as `SimpleDate.iso` spells it (`2023-07-14`, `--07-14` without a year).
  mutating func date(_ k: StaticString, _ d: SimpleDate) {
    guard d.year.map({ (0...9999).contains($0) }) ?? true, (0...99).contains(d.month), (0...99).contains(d.day)
    else {
      // Years beyond four digits and impossible months: the general formatter.
      string(k, d.iso)
      return
    }
    key(k)
    beginValue()
    reserve(12)
    put(0x22)
    if let year = d.year {
      put(UInt8(truncatingIfNeeded: 0x30 + year / 1000))
      put(UInt8(truncatingIfNeeded: 0x30 + year / 100 % 10))
      put(UInt8(truncatingIfNeeded: 0x30 + year / 10 % 10))
      put(UInt8(truncatingIfNeeded: 0x30 + year % 10))
    } else {
      put(0x2D)
    }
    put(0x2D)
    twoDigits(d.month)
    put(0x2D)
    twoDigits(d.day)
    put(0x22)
  }

  // MARK: Numbers

  /// How many decimal digits `v` has.
  static func digitCount(_ v: UInt64) -> Int {
    var n = 1
    var power: UInt64 = 10
    while n < 20 && v >= power {
      n += 1
      power &*= 10
    }
    return n
  }

  /// The decimal digits of `v`; room must have been reserved.
  private mutating func digits(_ v: UInt) {
    digits(UInt64(v))
  }

  /// The decimal digits of `v`, two at a time from the right; room must have been reserved.
  @inline(__always)
  private mutating func digits(_ v: UInt64) {
    let width = Self.digitCount(v)
    let pairs = Self.digitPairs.utf8Start
    var rest = v
    var at = base + count + width
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
    count += width
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

  private mutating func twoDigits(_ v: Int) {
    put(UInt8(truncatingIfNeeded: 0x30 + v / 10))
    put(UInt8(truncatingIfNeeded: 0x30 + v % 10))
  }

  private mutating func zeros(_ n: Int) {
    guard n > 0 else { return }
    (base + count).initialize(repeating: 0x30, count: n)
    count += n
  }

  // MARK: Strings

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

  @inline(__always)
  private mutating func quoted(_ s: String) {
    // Native and small strings lend their UTF-8 in place; only others need a mutable copy.
    if s.utf8.withContiguousStorageIfAvailable({ quoted(utf8: $0) }) == nil {
      var s = s
      s.withUTF8 { quoted(utf8: $0) }
    }
  }

  /// Writes `"…"` with JSON escapes.
  ///
  /// Eight bytes at a time while none of them needs an escape (nearly always: Vietnamese text
  /// is letters, spaces and punctuation), the last few as the string's last eight bytes (or,
  /// in a string shorter than eight, gathered into one word); byte by byte from the first word
  /// that has something to escape.
  private mutating func quoted(utf8 b: UnsafeBufferPointer<UInt8>) {
    // 8 more than the worst case: a whole word is stored even for a shorter tail.
    reserve(b.count * 6 + 10)
    var out = base + count
    out.pointee = 0x22
    out += 1
    var k = 0
    if let from = UnsafeRawPointer(b.baseAddress) {
      while k + 8 <= b.count {
        let word = from.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        if Self.anyNeedsEscape(word) { break }
        UnsafeMutableRawPointer(out).storeBytes(of: word, as: UInt64.self)
        out += 8
        k += 8
      }
      let tail = b.count - k
      if tail > 0 && tail < 8 && b.count >= 8 {
        // The last eight bytes, overlapping what is already written (with the same bytes).
        // (A tail of eight or more: the loop stopped at a word with an escape.)
        let word = from.loadUnaligned(fromByteOffset: b.count - 8, as: UInt64.self)
        if !Self.anyNeedsEscape(word) {
          UnsafeMutableRawPointer(out - (8 - tail)).storeBytes(of: word, as: UInt64.self)
          out += tail
          k = b.count
        }
      } else if tail > 0 && tail < 8 {
        // Byte j of the tail in bits 8j…8j+7, the rest padded with `a` (never escaped).
        var word: UInt64 = 0x6161_6161_6161_6161 << UInt64(8 * tail)
        for j in 0..<tail { word |= UInt64(b[k + j]) << UInt64(8 * j) }
        if !Self.anyNeedsEscape(word) {
          UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
          out += tail
          k = b.count
        }
      }
    }
    while k < b.count {
      let c = b[k]
      if Self.needsEscape(c) {
        out = Self.escape(UInt32(c), at: out)
      } else {
        out.pointee = c
        out += 1
      }
      k += 1
    }
    out.pointee = 0x22
    count = out + 1 - base
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

  /// Writes `"…"` from scalar values: UTF-8 as is (U+FFFD for a value that is not a scalar),
  /// JSON escapes for the ASCII characters that need them.
  private mutating func quoted(scalars s: UnsafeBufferPointer<UInt32>) {
    reserve(s.count * 6 + 2)
    var out = base + count
    out.pointee = 0x22
    out += 1
    for c in s {
      if c < 0x80 {
        if Self.needsEscape(c) {
          out = Self.escape(c, at: out)
        } else {
          out.pointee = UInt8(truncatingIfNeeded: c)
          out += 1
        }
      } else if c < 0x800 {
        out[0] = UInt8(truncatingIfNeeded: 0xC0 | (c >> 6))
        out[1] = UInt8(truncatingIfNeeded: 0x80 | (c & 0x3F))
        out += 2
      } else if c < 0x10000 && !(c >= 0xD800 && c <= 0xDFFF) {
        out[0] = UInt8(truncatingIfNeeded: 0xE0 | (c >> 12))
        out[1] = UInt8(truncatingIfNeeded: 0x80 | ((c >> 6) & 0x3F))
        out[2] = UInt8(truncatingIfNeeded: 0x80 | (c & 0x3F))
        out += 3
      } else if c >= 0x10000 && c <= 0x10FFFF {
        out[0] = UInt8(truncatingIfNeeded: 0xF0 | (c >> 18))
        out[1] = UInt8(truncatingIfNeeded: 0x80 | ((c >> 12) & 0x3F))
        out[2] = UInt8(truncatingIfNeeded: 0x80 | ((c >> 6) & 0x3F))
        out[3] = UInt8(truncatingIfNeeded: 0x80 | (c & 0x3F))
        out += 4
      } else {
        out[0] = 0xEF
        out[1] = 0xBF
        out[2] = 0xBD
        out += 3
      }
    }
    out.pointee = 0x22
    count = out + 1 - base
  }

  /// Writes the escape of an ASCII character (at most 6 bytes) at `out`; returns the end.
  private static func escape(_ c: UInt32, at out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
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
