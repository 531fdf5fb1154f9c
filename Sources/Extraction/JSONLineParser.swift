import VNText

/// Reads the wanted top-level fields of one JSON Lines object, straight from bytes.
///
/// Only the fields a document needs are kept (`FieldNames`: id, text, url, published):
/// strings decoded to scalar values, with invalid UTF-8 replaced by U+FFFD and counted, and
/// the text of numbers. The text field's string is only unescaped, to UTF-8 that the
/// normalizer decodes in its own pass (and counts the invalid sequences of). Every other value is checked for well-formedness and skipped without
/// building anything; invalid UTF-8 inside it still counts, as the document's warning says
/// how many bytes of the line were replaced. A generic JSON library would reject a whole line
/// for one bad byte inside a string; scraped text needs the document kept and a warning instead.
struct JSONLineParser {
  /// A top-level field value.
  enum Value: Equatable {
    case string([UInt32])
    /// The text field's string, unescaped but not decoded (it may hold invalid UTF-8).
    case utf8([UInt8])
    case number(String)
    case bool(Bool)
    case null
    case nested
  }

  /// Why a line is not a JSON object; `offset` counts bytes from the start of the line.
  struct Failure: Error, Equatable {
    var message: String
    var offset: Int
  }

  /// The top-level field names to keep, prepared once per run.
  ///
  /// A field matches a name exactly when the decoded key equals the name as a `String` (the
  /// comparison a `[String: Value]` dictionary would make, canonical equivalence included).
  /// Plain ASCII keys are compared byte for byte with ASCII names, which is the same thing
  /// and needs no decoding; any other key or name takes the `String` comparison.
  struct FieldNames: Sendable {
    let names: [String]
    /// The UTF-8 of each name, nil when the name is not all ASCII.
    let asciiNames: [[UInt8]?]
    /// The index of the name whose string value is kept as UTF-8 (`Value.utf8`).
    let utf8Field: Int?

    init(_ names: [String], utf8Field: Int? = nil) {
      precondition(names.count <= 64, "at most 64 field names")
      self.names = names
      self.utf8Field = utf8Field
      asciiNames = names.map { name in name.utf8.allSatisfy { $0 < 0x80 } ? Array(name.utf8) : nil }
    }

    var count: Int { names.count }
  }

  /// The kept fields, in the order of the `FieldNames` (the last occurrence of a repeated key
  /// wins), and the number of invalid UTF-8 sequences replaced anywhere in the line but in
  /// the bytes of the `Value.utf8` kept (its lone surrogate escapes are counted here).
  struct Fields {
    var values: [Value?]
    var replacements: Int
  }

  private let b: UnsafeBufferPointer<UInt8>
  private var i = 0
  private var depth = 0
  /// Invalid UTF-8 sequences (and lone surrogate escapes) replaced inside strings.
  private var replacements = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

  /// Parses `bytes` as one JSON object and keeps the fields named in `fields`.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fields: FieldNames) -> Result<Fields, Failure> {
    var p = JSONLineParser(bytes)
    do {
      p.skipSpace()
      guard p.i < p.b.count else { throw p.fail("empty line") }
      guard p.b[p.i] == 0x7B else { throw p.fail("expected a JSON object ('{')") }
      let values = try p.topLevelObject(fields)
      p.skipSpace()
      guard p.i == p.b.count else { throw p.fail("unexpected text after the object") }
      return .success(Fields(values: values, replacements: p.replacements))
    } catch let f as Failure {
      return .failure(f)
    } catch {
      return .failure(Failure(message: "\(error)", offset: p.i))
    }
  }

  private func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }

  private mutating func skipSpace() {
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
  }

  /// Reads an object or array (its `{` or `[` at `i`, `close` its closing bracket), calling
  /// `member` for each member with `i` at it; refuses nesting too deep.
  private mutating func members(close: UInt8, _ member: (inout JSONLineParser) throws -> Void) throws {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nesting too deep") }
    i += 1
    skipSpace()
    if i < b.count, b[i] == close { i += 1; return }
    repeat {
      skipSpace()
      try member(&self)
    } while try nextMember(close: close, what: close == 0x7D ? "object" : "array")
  }

  /// Reads a member's name with `read` (at its opening quote) and the ':' after it.
  private mutating func name<T>(_ read: (inout JSONLineParser) throws -> T) throws -> T {
    guard i < b.count, b[i] == 0x22 else { throw fail("expected a field name in quotes") }
    let result = try read(&self)
    skipSpace()
    guard i < b.count, b[i] == 0x3A else { throw fail("expected ':' after a field name") }
    i += 1
    skipSpace()
    return result
  }

  private mutating func topLevelObject(_ fields: FieldNames) throws -> [Value?] {
    var values = [Value?](repeating: nil, count: fields.count)
    try members(close: 0x7D) { p in
      let matches = try p.name { try $0.key(fields) }
      if matches == 0 {
        _ = try p.skipValue()
      } else {
        try p.keep(matches, fields, &values)
      }
    }
    return values
  }

  /// Reads the value of a field whose name matched `matches` into `values`.
  private mutating func keep(_ matches: UInt64, _ fields: FieldNames, _ values: inout [Value?]) throws {
    let text = fields.utf8Field.flatMap { matches & (1 << $0) != 0 ? $0 : nil }
    // A text replaced by a repeated key is never decoded: count its bad bytes now.
    if let text, case .utf8(let old)? = values[text] {
      replacements += Self.decode(old).replacements
    }
    guard let text, i < b.count, b[i] == 0x22 else {
      let v = try value()
      for k in 0..<fields.count where matches & (1 << k) != 0 { values[k] = v }
      return
    }
    let bytes = try utf8String()
    for k in 0..<fields.count where matches & (1 << k) != 0 {
      // Another name for the same string gets its scalars; their bad bytes count with the text.
      values[k] = k == text ? .utf8(bytes) : .string(Self.decode(bytes).scalars)
    }
  }

  private static func decode(_ bytes: [UInt8]) -> UTF8Decoder.Result {
    bytes.withUnsafeBufferPointer { UTF8Decoder.decode(buffer: $0, stripBOM: false) }
  }

  /// After a member of an object or array: true after a ',' (another member follows), false
  /// after the closing bracket.
  private mutating func nextMember(close: UInt8, what: StaticString) throws -> Bool {
    skipSpace()
    guard i < b.count else { throw fail("unterminated \(what)") }
    if b[i] == 0x2C { i += 1; return true }
    if b[i] == close { i += 1; return false }
    throw fail(close == 0x7D ? "expected ',' or '}'" : "expected ',' or ']'")
  }

  /// Reads a field name (the `"` at `i`); returns the bit set of the names it equals.
  private mutating func key(_ fields: FieldNames) throws -> UInt64 {
    let start = i + 1
    var end = start
    while end < b.count, b[end] >= 0x20, b[end] < 0x80, b[end] != 0x22, b[end] != 0x5C { end += 1 }
    var matches: UInt64 = 0
    if end < b.count, b[end] == 0x22 {
      // Plain ASCII: compare bytes, no decoding.
      let key = UnsafeBufferPointer(rebasing: b[start..<end])
      i = end + 1
      for k in 0..<fields.count {
        if let name = fields.asciiNames[k] {
          if name.count == key.count && name.elementsEqual(key) { matches |= 1 << k }
        } else if String(decoding: key, as: UTF8.self) == fields.names[k] {
          matches |= 1 << k
        }
      }
      return matches
    }
    let name = String(scalarValues: try string())
    for k in 0..<fields.count where name == fields.names[k] { matches |= 1 << k }
    return matches
  }

  /// A value that is kept.
  private mutating func value() throws -> Value {
    if i < b.count, b[i] == 0x22 { return .string(try string()) }
    switch try skipValue() {
    case .string: preconditionFailure("strings are read above")
    case .number(let range): return .number(String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self))
    case .bool(let v): return .bool(v)
    case .null: return .null
    case .nested: return .nested
    }
  }

  /// What `skipValue` passed over.
  private enum Skipped {
    case string, number(Range<Int>), bool(Bool), null, nested
  }

  /// Checks and passes over one value of any kind, building nothing.
  private mutating func skipValue() throws -> Skipped {
    guard i < b.count else { throw fail("expected a value") }
    switch b[i] {
    case 0x22: try scanString(into: nil); return .string
    case 0x7B:
      try members(close: 0x7D) { p in
        _ = try p.name { try $0.scanString(into: nil) }
        _ = try p.skipValue()
      }
      return .nested
    case 0x5B:
      try members(close: 0x5D) { _ = try $0.skipValue() }
      return .nested
    case 0x74: try literal("true"); return .bool(true)
    case 0x66: try literal("false"); return .bool(false)
    case 0x6E: try literal("null"); return .null
    case 0x2D, 0x30...0x39: return .number(try number())
    default: throw fail("unexpected character")
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { throw fail("unexpected end of line") }
    for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("unexpected character") }
    i += n
  }

  private mutating func number() throws -> Range<Int> {
    let start = i
    if b[i] == 0x2D { i += 1 }
    var digits = 0
    while i < b.count, (0x30...0x39).contains(b[i]) || b[i] == 0x2E || b[i] == 0x65 || b[i] == 0x45
      || b[i] == 0x2B || b[i] == 0x2D
    {
      if (0x30...0x39).contains(b[i]) { digits += 1 }
      i += 1
    }
    guard digits > 0 else { throw fail("malformed number") }
    return start..<i
  }

  private mutating func hex4() throws -> UInt32 {
    guard i + 4 <= b.count else { throw fail("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = b[i]
      let d: UInt32
      switch c {
      case 0x30...0x39: d = UInt32(c - 0x30)
      case 0x61...0x66: d = UInt32(c - 0x61 + 10)
      case 0x41...0x46: d = UInt32(c - 0x41 + 10)
      default: throw fail("bad hex digit in \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  /// Decodes the string at `i` (its opening quote) into scalar values.
  private mutating func string() throws -> [UInt32] {
    // A string never has more scalars than the bytes left on the line: decode in place.
    try [UInt32](unsafeUninitializedCapacity: b.count - i) { out, count in
      count = try scanString(into: out.baseAddress)
    }
  }

  /// Reads the string at `i` (its opening quote) to just past its closing quote: unescapes
  /// and decodes it into `out` when given (room for one scalar per byte), only checks it
  /// otherwise. Returns the number of scalars.
  ///
  /// One pass over the bytes: JSON escapes, UTF-8 decoding and the replacement of invalid
  /// sequences (counted in `replacements`) all happen here.
  @discardableResult
  private mutating func scanString(into out: UnsafeMutablePointer<UInt32>?) throws -> Int {
    i += 1  // opening quote
    var k = 0
    let n = b.count
    while true {
      // The bytes that are text as they are (plain ASCII and UTF-8 sequences), read in
      // locals (`&+=`: the indices stay below the line's length); the loop stops at the
      // closing quote, an escape, a control byte or the end.
      var j = i
      while j < n {
        let c = b[j]
        if c >= 0x20 && c < 0x80 && c != 0x22 && c != 0x5C {
          out?[k] = UInt32(c)
          k &+= 1
          j &+= 1
        } else if c >= 0x80 {
          var (scalar, next) = UTF8Decoder.sequence(b, at: j)
          if scalar == UTF8Decoder.illFormed {
            scalar = 0xFFFD
            replacements += 1
          }
          out?[k] = scalar
          k &+= 1
          j = next
        } else {
          break
        }
      }
      i = j
      guard i < n else { throw fail("unterminated string") }
      let c = b[i]
      if c == 0x22 { i += 1; return k }
      if c < 0x20 { throw fail("control character inside a string") }
      out?[k] = try escape()
      k += 1
    }
  }

  /// Unescapes the string at `i` (its opening quote) to UTF-8, without decoding it: invalid
  /// UTF-8 is kept as it is, for the normalizer to replace and count.
  ///
  /// Runs of bytes without a quote, backslash or control byte are found 16 bytes at a time
  /// and copied whole.
  private mutating func utf8String() throws -> [UInt8] {
    // Unescaping never lengthens the text: room for the rest of the line is enough.
    try [UInt8](unsafeUninitializedCapacity: b.count - i) { out, count in
      i += 1  // opening quote
      let n = b.count
      let base = b.baseAddress!
      while true {
        let start = i
        var j = i
        while j &+ 16 <= n {
          let p = UnsafeRawPointer(base + j)
          if Self.hasSpecialByte(p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) {
            break
          }
          j &+= 16
        }
        while j < n, b[j] >= 0x20, b[j] != 0x22, b[j] != 0x5C { j += 1 }
        (out.baseAddress! + count).initialize(from: base + start, count: j - start)
        count += j - start
        i = j
        guard i < n else { throw fail("unterminated string") }
        let c = b[i]
        if c == 0x22 { i += 1; return }
        if c < 0x20 { throw fail("control character inside a string") }
        count += UTF8Encoder.write(try escape(), to: out.baseAddress! + count)
      }
    }
  }

  /// True when one of the 16 bytes of `w0` and `w1` is a quote, a backslash or below 0x20
  /// (exact: the "has a byte less than n" and "has a zero byte" tests have no false positives).
  @inline(__always)
  private static func hasSpecialByte(_ w0: UInt64, _ w1: UInt64) -> Bool {
    @inline(__always) func special(_ w: UInt64) -> UInt64 {
      let ones: UInt64 = 0x0101_0101_0101_0101
      let quote = w ^ (0x22 &* ones)
      let backslash = w ^ (0x5C &* ones)
      return ((w &- 0x20 &* ones) & ~w) | ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
    }
    return (special(w0) | special(w1)) & 0x8080_8080_8080_8080 != 0
  }

  /// Reads the escape sequence at `i` (its backslash); returns the scalar it stands for.
  private mutating func escape() throws -> UInt32 {
    i += 1
    guard i < b.count else { throw fail("unterminated escape") }
    let e = b[i]
    i += 1
    switch e {
    case 0x22: return 0x22
    case 0x5C: return 0x5C
    case 0x2F: return 0x2F
    case 0x62: return 0x08
    case 0x66: return 0x0C
    case 0x6E: return 0x0A
    case 0x72: return 0x0D
    case 0x74: return 0x09
    case 0x75:
      var u = try hex4()
      if (0xD800...0xDBFF).contains(u) {
        if i + 6 <= b.count, b[i] == 0x5C, b[i + 1] == 0x75 {
          let save = i
          i += 2
          let low = try hex4()
          if (0xDC00...0xDFFF).contains(low) {
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
          } else {
            i = save
            u = 0xFFFD
            replacements += 1
          }
        } else {
          u = 0xFFFD
          replacements += 1
        }
      } else if (0xDC00...0xDFFF).contains(u) {
        u = 0xFFFD
        replacements += 1
      }
      return u
    default: throw fail("unknown escape '\\\(Unicode.Scalar(e))'")
    }
  }
}
