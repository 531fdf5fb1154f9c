import VNText

/// Writes JSON straight into a byte buffer: no `Encodable`, no intermediate strings.
///
/// Keys are written in the order the caller gives them, so records have a stable field order.
public struct JSONWriter {
  /// The bytes written so far.
  public var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]

  public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

  private mutating func separator() {
    if needsComma[needsComma.count - 1] { bytes.append(0x2C) }
    needsComma[needsComma.count - 1] = true
  }

  private mutating func key(_ k: StaticString) {
    separator()
    bytes.append(0x22)
    k.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(0x22)
    bytes.append(0x3A)
    pendingValueForKey = true
  }

  private var pendingValueForKey = false

  /// Writes a key known only at run time.
  public mutating func rawKey(_ k: String) {
    separator()
    Self.appendQuoted(utf8: k, to: &bytes)
    bytes.append(0x3A)
    pendingValueForKey = true
  }

  /// Called before every value: adds the comma for array elements.
  private mutating func beginValue() {
    if pendingValueForKey {
      pendingValueForKey = false
    } else {
      separator()
    }
  }

  public mutating func beginObject() { beginValue(); bytes.append(0x7B); needsComma.append(false) }
  public mutating func endObject() { needsComma.removeLast(); bytes.append(0x7D) }
  public mutating func beginArray() { beginValue(); bytes.append(0x5B); needsComma.append(false) }
  public mutating func endArray() { needsComma.removeLast(); bytes.append(0x5D) }

  public mutating func beginObject(_ k: StaticString) { key(k); beginObject() }
  public mutating func beginArray(_ k: StaticString) { key(k); beginArray() }

  public mutating func string(_ s: String) {
    beginValue()
    Self.appendQuoted(utf8: s, to: &bytes)
  }
  public mutating func scalars<C: Collection>(_ s: C) where C.Element == UInt32 {
    beginValue()
    Self.appendQuoted(s, to: &bytes)
  }
  public mutating func int(_ v: Int) { beginValue(); bytes.append(contentsOf: String(v).utf8) }
  /// A number already in JSON form (e.g. `DecimalNumber.description`).
  public mutating func rawNumber(_ text: String) { beginValue(); bytes.append(contentsOf: text.utf8) }
  public mutating func bool(_ v: Bool) { beginValue(); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
  public mutating func null() { beginValue(); bytes.append(contentsOf: "null".utf8) }

  public mutating func string(_ k: StaticString, _ v: String) { key(k); string(v) }
  public mutating func string(_ k: StaticString, _ v: String?) {
    key(k)
    if let v { string(v) } else { null() }
  }
  public mutating func scalars<C: Collection>(_ k: StaticString, _ v: C) where C.Element == UInt32 {
    key(k)
    scalars(v)
  }
  public mutating func int(_ k: StaticString, _ v: Int) { key(k); int(v) }
  public mutating func int(_ k: StaticString, _ v: Int?) {
    key(k)
    if let v { int(v) } else { null() }
  }
  public mutating func rawNumber(_ k: StaticString, _ v: String?) {
    key(k)
    if let v { rawNumber(v) } else { null() }
  }
  public mutating func null(_ k: StaticString) { key(k); null() }

  /// Appends a string's UTF-8 bytes quoted, escaping only what JSON requires (and DEL).
  public static func appendQuoted(utf8 s: String, to out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    s.withUTF8 { bytes in
      var runStart = 0
      for (k, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
        appendEscape(UInt32(b), to: &out)
        runStart = k + 1
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
    out.append(0x22)
  }

  static func appendEscape(_ c: UInt32, to out: inout [UInt8]) {
    switch c {
    case 0x22: out.append(0x5C); out.append(0x22)
    case 0x5C: out.append(0x5C); out.append(0x5C)
    case 0x0A: out.append(0x5C); out.append(0x6E)
    case 0x0D: out.append(0x5C); out.append(0x72)
    case 0x09: out.append(0x5C); out.append(0x74)
    default:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      out.append(0x5C); out.append(0x75)
      out.append(hex[Int((c >> 12) & 0xF)])
      out.append(hex[Int((c >> 8) & 0xF)])
      out.append(hex[Int((c >> 4) & 0xF)])
      out.append(hex[Int(c & 0xF)])
    }
  }

  /// Appends `"…"` with JSON escapes; non-ASCII is written as UTF-8, not `\u` escapes.
  public static func appendQuoted<C: Collection>(_ s: C, to out: inout [UInt8]) where C.Element == UInt32 {
    out.append(0x22)
    for c in s {
      if c < 0x20 || c == 0x22 || c == 0x5C || c == 0x7F {
        appendEscape(c, to: &out)
      } else {
        UTF8Encoder.append(c, to: &out)
      }
    }
    out.append(0x22)
  }
}
