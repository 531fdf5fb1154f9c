import VNText

/// One token as a one-line JSON object: `kind`, `text` (the raw input's slice), `start` and
/// `end` (raw scalar offsets, end exclusive) and, for typed tokens, `value`.
///
/// This is the output of `vnx tokens --json` and the golden-dump format of the tests. Values:
/// a number is a JSON number (`46237000000`, `88.8`); a quantity is an object with `value`,
/// `unit`, `qualifier`, `of` and `per`; a date is `{"iso": "2023-01-16"}` (`--01-16` while the
/// year is unknown); a period is `{"start": …, "end": …}`; a time is its minutes since midnight.
public func tokenJSON(_ token: Token, in text: NormalizedText) -> String {
  let raw = text.rawRange(token.range)
  var out = "{\"kind\":\""
  out += token.kind.rawValue
  out += "\",\"text\":"
  appendJSONString(text.rawString(token.range), to: &out)
  out += ",\"start\":\(raw.lowerBound),\"end\":\(raw.upperBound)"
  if let value = token.value {
    out += ",\"value\":"
    out += jsonValue(value)
  }
  out += "}"
  return out
}

/// One token as a human-readable line for `vnx tokens`: raw offsets, kind, the raw text
/// (quoted, escaped like JSON) and the value, e.g. `512-529  money  "46.237 triệu đồng"  46237000000 VND`.
public func tokenLine(_ token: Token, in text: NormalizedText) -> String {
  let raw = text.rawRange(token.range)
  var out = "\(raw.lowerBound)-\(raw.upperBound)"
  out += String(repeating: " ", count: max(1, 12 - out.count))
  out += token.kind.rawValue
  out += String(repeating: " ", count: max(1, 12 - token.kind.rawValue.count))
  appendJSONString(text.rawString(token.range), to: &out)
  if let value = token.value {
    out += "  "
    out += plainValue(value, kind: token.kind)
  }
  return out
}

func plainValue(_ value: TokenValue, kind: TokenKind) -> String {
  switch value {
  case .number(let n):
    if kind == .time, let m = n.integerValue {
      let h = m / 60, mm = m % 60
      return (h < 10 ? "0" : "") + "\(h):" + (mm < 10 ? "0" : "") + "\(mm)"
    }
    return n.description
  case .quantity(let q):
    var s = "\(q.value) \(q.unit)"
    if let of = q.of { s += " of \(of)" }
    if let per = q.per { s += " per \(per)" }
    if q.qualifier != .exact { s += " (\(q.qualifier.rawValue))" }
    return s
  case .date(let d): return d.iso
  case .period(let a, let b): return "\(a.iso)..\(b.iso)"
  }
}

func jsonValue(_ value: TokenValue) -> String {
  switch value {
  case .number(let n): return n.description
  case .quantity(let q):
    var s = "{\"value\":\(q.value.description),\"unit\":"
    appendJSONString(q.unit, to: &s)
    s += ",\"qualifier\":\"\(q.qualifier.rawValue)\",\"of\":"
    s += q.of.map(\.description) ?? "null"
    s += ",\"per\":"
    if let per = q.per { appendJSONString(per, to: &s) } else { s += "null" }
    s += "}"
    return s
  case .date(let d): return "{\"iso\":\"\(d.iso)\"}"
  case .period(let a, let b): return "{\"start\":\"\(a.iso)\",\"end\":\"\(b.iso)\"}"
  }
}

/// Appends `string` as a JSON string literal: quotes, backslashes and control characters
/// escaped; everything else (Vietnamese letters included) written as is.
func appendJSONString(_ string: String, to out: inout String) {
  out += "\""
  for scalar in string.unicodeScalars {
    switch scalar.value {
    case 0x22: out += "\\\""
    case 0x5C: out += "\\\\"
    case 0x0A: out += "\\n"
    case 0x0D: out += "\\r"
    case 0x09: out += "\\t"
    case 0x08: out += "\\b"
    case 0x0C: out += "\\f"
    case 0x00..<0x20, 0x7F, 0x2028, 0x2029:
      let hex = String(scalar.value, radix: 16, uppercase: false)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  out += "\""
}
