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
  #if DEBUG
    /// In a run (`beginRun`), the end of the room the last `ensure` made: debug builds check
    /// that no part of a run writes past it, so that a bound too small fails a test even when
    /// the buffer happens to have room.
    private var ensuredEnd: UnsafeMutablePointer<UInt8>?
  #endif

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
    reserve(JSONOut.intBound)
    count = JSONOut.int(v, at: base + count) - base
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

  // MARK: Strings

  @inline(__always)
  private mutating func quoted(_ s: String) {
    reserve(JSONOut.bound(s))
    count = JSONOut.quoted(s, at: base + count) - base
  }

  private mutating func quoted(scalars s: UnsafeBufferPointer<UInt32>) {
    reserve(JSONOut.bound(scalars: s.count))
    count = JSONOut.quoted(scalars: s, at: base + count) - base
  }

  /// Starts a run of writes at a pointer (`JSONOut`), as one value (a comma goes before it
  /// where needed): the run keeps the write position and the end of the buffer in locals, and
  /// makes room with `ensure` before each part it writes. Ends with `endRun`.
  ///
  /// A record is mostly mentions, each written as one run: no writer state in memory between
  /// its fields, one comparison of two locals per part instead of a capacity check per write.
  @inline(__always)
  mutating func beginRun() -> (out: UnsafeMutablePointer<UInt8>, limit: UnsafeMutablePointer<UInt8>) {
    beginValue()
    return (base + count, base + capacity)
  }

  /// Makes room for `n` more bytes at `out` in a run (see `beginRun`), moving `out` and
  /// `limit` if the buffer grows.
  @inline(__always)
  mutating func ensure(
    _ n: Int, _ out: inout UnsafeMutablePointer<UInt8>, _ limit: inout UnsafeMutablePointer<UInt8>
  ) {
    if limit - out < n { regrow(n, &out, &limit) }
    #if DEBUG
      if let end = ensuredEnd { precondition(out <= end, "a run wrote past the room it made") }
      ensuredEnd = out + n
    #endif
  }

  @inline(never)
  private mutating func regrow(
    _ n: Int, _ out: inout UnsafeMutablePointer<UInt8>, _ limit: inout UnsafeMutablePointer<UInt8>
  ) {
    #if DEBUG
      if let end = ensuredEnd { precondition(out <= end, "a run wrote past the room it made") }
      ensuredEnd = nil
    #endif
    count = out - base
    grow(n)
    out = base + count
    limit = base + capacity
  }

  /// Ends a run at `out`.
  @inline(__always)
  mutating func endRun(_ out: UnsafeMutablePointer<UInt8>) {
    precondition(out >= base + count && out <= base + capacity, "a run wrote outside the buffer")
    #if DEBUG
      if let end = ensuredEnd { precondition(out <= end, "a run wrote past the room it made") }
      ensuredEnd = nil
    #endif
    count = out - base
  }
}
