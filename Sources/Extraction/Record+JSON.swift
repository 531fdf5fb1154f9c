import Tokenization

extension Record {
  /// The record as one line of JSON (no trailing newline), fields in schema order.
  public func jsonLine(pipelineVersion: String, rulesFingerprint: String) -> [UInt8] {
    var w = JSONWriter(capacity: 256 + mentions.count * 160)
    write(to: &w, pipelineVersion: pipelineVersion, rulesFingerprint: rulesFingerprint)
    return w.bytes
  }

  /// Writes the record as one JSON object (no newline) after what `w` holds: what `jsonLine`
  /// returns, without a buffer of its own.
  public func write(to w: inout JSONWriter, pipelineVersion: String, rulesFingerprint: String) {
    w.beginObject()
    w.string("schema", Record.schema)
    w.string("id", id)
    w.beginObject("source")
    w.string("path", source.path)
    w.int("line", source.line)
    w.string("url", source.url)
    w.endObject()
    if let error {
      w.beginObject("error")
      w.string("code", error.code)
      w.string("message", error.message)
      w.endObject()
    } else {
      w.string("published", published)
      w.beginArray("mentions")
      // Through a pointer: passing the mention by value copies it (retains and releases its
      // strings and payload) on every call.
      mentions.withUnsafeBufferPointer { all in
        for k in all.indices { Mention.write(all.baseAddress! + k, to: &w) }
      }
      w.endArray()
    }
    w.beginArray("warnings")
    for warning in warnings {
      w.beginObject()
      w.string("code", warning.code)
      w.string("message", warning.message)
      w.endObject()
    }
    w.endArray()
    w.beginObject("pipeline")
    w.string("version", pipelineVersion)
    w.string("rules", rulesFingerprint)
    w.endObject()
    w.endObject()
  }
}

extension Mention {
  /// Writes the mention at `m` as one JSON object, fields in schema order.
  static func write(_ m: UnsafePointer<Mention>, to w: inout JSONWriter) {
    w.beginObject()
    w.string("type", m.pointee.type)
    w.scalars("text", m.pointee.textScalars)
    w.int("start", m.pointee.start)
    w.int("end", m.pointee.end)
    switch m.pointee.fields {
    case .quantity(let q, let metric):
      switch m.pointee.type {
      case "money":
        w.decimal("value", q.value)
        w.string("unit", q.unit)
        w.qualifier(q.qualifier)
        w.string("metric", metric)
        w.string("per", q.per)
      case "count":
        w.decimal("value", q.value)
        w.decimal("of", q.of)
        w.string("noun", q.unit)
        w.qualifier(q.qualifier)
        w.string("metric", metric)
      case "area":
        w.decimal("value", q.value)
        w.string("unit", q.unit)
        w.qualifier(q.qualifier)
      default:  // percent
        w.decimal("value", q.value)
        w.qualifier(q.qualifier)
      }
    case .date(let d):
      w.date("iso", d)
    case .period(let from, let to):
      w.date("from", from)
      w.date("to", to)
    case .entity(let list):
      for f in list { w.field(f.name, f.value) }
    }
    w.string("rule", m.pointee.rule)
    w.endObject()
  }
}

extension JSONWriter {
  /// The qualifier's raw value, written from a literal.
  @inline(__always)
  mutating func qualifier(_ q: Qualifier) {
    switch q {
    case .exact: string("qualifier", literal: "exact")
    case .moreThan: string("qualifier", literal: "more_than")
    case .lessThan: string("qualifier", literal: "less_than")
    case .about: string("qualifier", literal: "about")
    case .nearly: string("qualifier", literal: "nearly")
    }
  }
}
