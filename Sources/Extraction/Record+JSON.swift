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
  ///
  /// Records are mostly mentions, so a mention is written in one run of pointer writes
  /// (`JSONWriter.beginRun`). Each `ensure` makes room for everything written up to the next
  /// one (or the end): its part's values, at most `keys` bytes of keys, punctuation, `null`s
  /// and qualifiers, and the closing `tail` (the rule and `}`).
  static func write(_ m: UnsafePointer<Mention>, to w: inout JSONWriter) {
    typealias O = JSONOut
    let keys = 128
    var (out, limit) = w.beginRun()
    let type = m.pointee.type, rule = m.pointee.rule
    let tail = O.bound(rule) &+ 16
    w.ensure(keys &+ O.bound(type) &+ O.bound(scalars: m.pointee.textScalars.count) &+ 2 &* O.intBound, &out, &limit)
    out = O.raw("{\"type\":", at: out)
    out = O.quoted(type, at: out)
    out = O.raw(",\"text\":", at: out)
    out = m.pointee.textScalars.withUnsafeBufferPointer { O.quoted(scalars: $0, at: out) }
    out = O.raw(",\"start\":", at: out)
    out = O.int(m.pointee.start, at: out)
    out = O.raw(",\"end\":", at: out)
    out = O.int(m.pointee.end, at: out)
    switch m.pointee.fields {
    case .quantity(let q, let metric):
      var n = O.decimalBound(q.value) &+ O.bound(q.unit) &+ O.bound(metric)
      if let of = q.of { n &+= O.decimalBound(of) }
      if let per = q.per { n &+= O.bound(per) }
      w.ensure(n &+ keys &+ tail, &out, &limit)
      out = O.raw(",\"value\":", at: out)
      out = O.decimal(q.value, at: out)
      switch type {
      case "money":
        out = O.raw(",\"unit\":", at: out)
        out = O.quoted(q.unit, at: out)
        out = qualifier(q.qualifier, at: out)
        out = O.raw(",\"metric\":", at: out)
        out = O.quoted(metric, at: out)
        out = O.raw(",\"per\":", at: out)
        out = q.per.map { O.quoted($0, at: out) } ?? O.raw("null", at: out)
      case "count":
        out = O.raw(",\"of\":", at: out)
        out = q.of.map { O.decimal($0, at: out) } ?? O.raw("null", at: out)
        out = O.raw(",\"noun\":", at: out)
        out = O.quoted(q.unit, at: out)
        out = qualifier(q.qualifier, at: out)
        out = O.raw(",\"metric\":", at: out)
        out = O.quoted(metric, at: out)
      case "area":
        out = O.raw(",\"unit\":", at: out)
        out = O.quoted(q.unit, at: out)
        out = qualifier(q.qualifier, at: out)
      default:  // percent
        out = qualifier(q.qualifier, at: out)
      }
    case .date(let d):
      w.ensure(O.dateBound(d) &+ keys &+ tail, &out, &limit)
      out = O.raw(",\"iso\":", at: out)
      out = O.date(d, at: out)
    case .period(let from, let to):
      w.ensure(O.dateBound(from) &+ O.dateBound(to) &+ keys &+ tail, &out, &limit)
      out = O.raw(",\"from\":", at: out)
      out = O.date(from, at: out)
      out = O.raw(",\"to\":", at: out)
      out = O.date(to, at: out)
    case .entity(let list):
      w.ensure(tail, &out, &limit)
      for f in list {
        w.ensure(8 &+ O.bound(f.name) &+ (f.value.map(O.bound) ?? 0) &+ tail, &out, &limit)
        out = O.byte(0x2C, at: out)
        out = O.quoted(f.name, at: out)
        out = O.byte(0x3A, at: out)
        out = f.value.map { O.quoted($0, at: out) } ?? O.raw("null", at: out)
      }
    }
    out = O.raw(",\"rule\":", at: out)
    out = O.quoted(rule, at: out)
    out = O.byte(0x7D, at: out)
    w.endRun(out)
  }

  /// `,"qualifier":"…"` with the qualifier's raw value.
  @inline(__always)
  static func qualifier(_ q: Qualifier, at out: JSONOut.Out) -> JSONOut.Out {
    switch q {
    case .exact: JSONOut.raw(",\"qualifier\":\"exact\"", at: out)
    case .moreThan: JSONOut.raw(",\"qualifier\":\"more_than\"", at: out)
    case .lessThan: JSONOut.raw(",\"qualifier\":\"less_than\"", at: out)
    case .about: JSONOut.raw(",\"qualifier\":\"about\"", at: out)
    case .nearly: JSONOut.raw(",\"qualifier\":\"nearly\"", at: out)
    }
  }
}
