import VNText

/// Reads the top-level fields of one JSON Lines object, straight from bytes.
///
/// Only what a document needs is kept: strings (decoded to scalar values, with invalid
/// UTF-8 replaced by U+FFFD and counted) and the text of numbers; nested values are checked
/// for well-formedness and skipped. A generic JSON library would reject a whole line for one
/// bad byte inside a string; scraped text needs the document kept and a warning instead.
struct JSONLineParser {
  /// A top-level field value.
  enum Value: Equatable {
    case string([UInt32])
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

  private let b: UnsafeBufferPointer<UInt8>
  private var i = 0
  /// Invalid UTF-8 sequences replaced inside strings.
  private(set) var replacements = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

  /// Parses `bytes` as one JSON object; returns its fields and the replacement count.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<([String: Value], Int), Failure> {
    var p = JSONLineParser(bytes)
    do {
      p.skipSpace()
      guard p.i < p.b.count else { throw p.fail("empty line") }
      guard p.b[p.i] == 0x7B else { throw p.fail("expected a JSON object ('{')") }
      let fields = try p.object(keep: true)
      p.skipSpace()
      guard p.i == p.b.count else { throw p.fail("unexpected text after the object") }
      return .success((fields, p.replacements))
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

  private var depth = 0

  private mutating func object(keep: Bool) throws -> [String: Value] {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nesting too deep") }
    i += 1  // '{'
    var fields: [String: Value] = [:]
    skipSpace()
    if i < b.count, b[i] == 0x7D { i += 1; return fields }
    while true {
      skipSpace()
      guard i < b.count, b[i] == 0x22 else { throw fail("expected a field name in quotes") }
      let name = try string()
      skipSpace()
      guard i < b.count, b[i] == 0x3A else { throw fail("expected ':' after a field name") }
      i += 1
      skipSpace()
      let v = try value()
      if keep { fields[String(scalarValues: name)] = v }
      skipSpace()
      guard i < b.count else { throw fail("unterminated object") }
      if b[i] == 0x2C { i += 1; continue }
      if b[i] == 0x7D { i += 1; return fields }
      throw fail("expected ',' or '}'")
    }
  }

  private mutating func value() throws -> Value {
    guard i < b.count else { throw fail("expected a value") }
    switch b[i] {
    case 0x22: return .string(try string())
    case 0x7B: _ = try object(keep: false); return .nested
    case 0x5B: try array(); return .nested
    case 0x74: try literal("true"); return .bool(true)
    case 0x66: try literal("false"); return .bool(false)
    case 0x6E: try literal("null"); return .null
    case 0x2D, 0x30...0x39: return .number(try number())
    default: throw fail("unexpected character")
    }
  }

  private mutating func array() throws {
    depth += 1
    defer { depth -= 1 }
    guard depth < 512 else { throw fail("nesting too deep") }
    i += 1
    skipSpace()
    if i < b.count, b[i] == 0x5D { i += 1; return }
    while true {
      skipSpace()
      _ = try value()
      skipSpace()
      guard i < b.count else { throw fail("unterminated array") }
      if b[i] == 0x2C { i += 1; continue }
      if b[i] == 0x5D { i += 1; return }
      throw fail("expected ',' or ']'")
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    guard i + n <= b.count else { throw fail("unexpected end of line") }
    for k in 0..<n where b[i + k] != word.utf8Start[k] { throw fail("unexpected character") }
    i += n
  }

  private mutating func number() throws -> String {
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
    return String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
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

  private mutating func string() throws -> [UInt32] {
    i += 1  // opening quote
    var out: [UInt32] = []
    // Find the run of plain bytes first so long texts decode in bulk.
    while true {
      let runStart = i
      while i < b.count, b[i] != 0x22, b[i] != 0x5C, b[i] >= 0x20 { i += 1 }
      if i > runStart {
        let decoded = UTF8Decoder.decode(
          buffer: UnsafeBufferPointer(rebasing: b[runStart..<i]), stripBOM: false)
        if out.isEmpty { out = decoded.scalars } else { out.append(contentsOf: decoded.scalars) }
        replacements += decoded.replacements
      }
      guard i < b.count else { throw fail("unterminated string") }
      let c = b[i]
      if c == 0x22 { i += 1; return out }
      if c < 0x20 { throw fail("control character inside a string") }
      // Backslash escape.
      i += 1
      guard i < b.count else { throw fail("unterminated escape") }
      let e = b[i]
      i += 1
      switch e {
      case 0x22: out.append(0x22)
      case 0x5C: out.append(0x5C)
      case 0x2F: out.append(0x2F)
      case 0x62: out.append(0x08)
      case 0x66: out.append(0x0C)
      case 0x6E: out.append(0x0A)
      case 0x72: out.append(0x0D)
      case 0x74: out.append(0x09)
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
        out.append(u)
      default: throw fail("unknown escape '\\\(Unicode.Scalar(e))'")
      }
    }
  }
}

