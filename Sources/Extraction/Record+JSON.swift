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
    Record.writeOpening(id: id, source: source, to: &w)
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
    Record.writeClosing(
      warnings: warnings, pipelineVersion: pipelineVersion, rulesFingerprint: rulesFingerprint, to: &w)
  }

  /// `{"schema":…,"id":…,"source":{…}`: what every record starts with.
  static func writeOpening(id: String, source: Source, to w: inout JSONWriter) {
    w.beginObject()
    w.string("schema", Record.schema)
    w.string("id", id)
    w.beginObject("source")
    w.string("path", source.path)
    w.int("line", source.line)
    w.string("url", source.url)
    w.endObject()
  }

  /// `"warnings":[…],"pipeline":{…}}`: what every record ends with.
  static func writeClosing(
    warnings: [Warning], pipelineVersion: String, rulesFingerprint: String, to w: inout JSONWriter
  ) {
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
  /// (`JSONWriter.beginRun`), part by part (`MentionJSON`). `MentionBuilder.write` writes the
  /// same parts straight from tokens and rule hits.
  static func write(_ m: UnsafePointer<Mention>, to w: inout JSONWriter) {
    typealias J = MentionJSON
    var (out, limit) = w.beginRun()
    let rule = JSONName.string(m.pointee.rule)
    let tail = J.tailBound(rule)
    m.pointee.textScalars.withUnsafeBufferPointer {
      J.head(type: .string(m.pointee.type), text: $0, start: m.pointee.start, end: m.pointee.end, &out, &limit, &w)
    }
    switch m.pointee.fields {
    case .quantity(let q, let metric):
      let kind = TokenKind(rawValue: m.pointee.type) ?? .percent
      J.quantity(q, kind: kind, metric: .string(metric), tail: tail, &out, &limit, &w)
    case .date(let d): J.date(d, tail: tail, &out, &limit, &w)
    case .period(let from, let to): J.period(from, to, tail: tail, &out, &limit, &w)
    case .entity(let list):
      w.ensure(tail, &out, &limit)
      for f in list { J.field(.string(f.name), f.value, tail: tail, &out, &limit, &w) }
    }
    out = J.tail(rule, at: out)
    w.endRun(out)
  }
}

/// The parts of a mention's JSON object, written in one run of a `JSONWriter` (`beginRun`,
/// `endRun`): the head (type, text, offsets), the type's fields, and the tail (the rule).
///
/// Each part first makes room (`ensure`) for everything it writes and for the `tail` after it:
/// its values, at most `keys` bytes of keys, punctuation, `null`s and qualifiers.
enum MentionJSON {
  typealias O = JSONOut
  typealias Out = JSONOut.Out
  static let keys = 128

  /// The room the tail needs.
  @inline(__always)
  static func tailBound(_ rule: JSONName) -> Int { rule.bound &+ 16 }

  /// `{"type":…,"text":…,"start":…,"end":…`
  @inline(__always)
  static func head(
    type: JSONName, text: UnsafeBufferPointer<UInt32>, start: Int, end: Int, _ out: inout Out, _ limit: inout Out,
    _ w: inout JSONWriter
  ) {
    w.ensure(keys &+ type.bound &+ O.bound(scalars: text.count) &+ 2 &* O.intBound, &out, &limit)
    out = O.raw("{\"type\":", at: out)
    out = type.write(at: out)
    out = O.raw(",\"text\":", at: out)
    out = O.quoted(scalars: text, at: out)
    out = O.raw(",\"start\":", at: out)
    out = O.int(start, at: out)
    out = O.raw(",\"end\":", at: out)
    out = O.int(end, at: out)
  }

  /// The fields of a money, count, area or percent mention (`kind`; any other kind is
  /// written as a percent).
  @inline(__always)
  static func quantity(
    _ q: borrowing Quantity, kind: TokenKind, metric: JSONName, tail: Int, _ out: inout Out, _ limit: inout Out,
    _ w: inout JSONWriter
  ) {
    var n = O.decimalBound(q.value) &+ O.unitBound(q.unitName) &+ metric.bound
    if let of = q.of { n &+= O.decimalBound(of) }
    if let per = q.perName { n &+= O.unitBound(per) }
    w.ensure(n &+ keys &+ tail, &out, &limit)
    out = O.raw(",\"value\":", at: out)
    out = O.decimal(q.value, at: out)
    switch kind {
    case .money:
      out = O.raw(",\"unit\":", at: out)
      out = O.unit(q.unitName, at: out)
      out = qualifier(q.qualifier, at: out)
      out = O.raw(",\"metric\":", at: out)
      out = metric.write(at: out)
      out = O.raw(",\"per\":", at: out)
      out = q.perName.map { O.unit($0, at: out) } ?? O.raw("null", at: out)
    case .count:
      out = O.raw(",\"of\":", at: out)
      out = q.of.map { O.decimal($0, at: out) } ?? O.raw("null", at: out)
      out = O.raw(",\"noun\":", at: out)
      out = O.unit(q.unitName, at: out)
      out = qualifier(q.qualifier, at: out)
      out = O.raw(",\"metric\":", at: out)
      out = metric.write(at: out)
    case .area:
      out = O.raw(",\"unit\":", at: out)
      out = O.unit(q.unitName, at: out)
      out = qualifier(q.qualifier, at: out)
    default:  // percent
      out = qualifier(q.qualifier, at: out)
    }
  }

  /// The field of a date mention.
  @inline(__always)
  static func date(_ d: SimpleDate, tail: Int, _ out: inout Out, _ limit: inout Out, _ w: inout JSONWriter) {
    w.ensure(O.dateBound(d) &+ keys &+ tail, &out, &limit)
    out = O.raw(",\"iso\":", at: out)
    out = O.date(d, at: out)
  }

  /// The fields of a period mention.
  @inline(__always)
  static func period(
    _ from: SimpleDate, _ to: SimpleDate, tail: Int, _ out: inout Out, _ limit: inout Out, _ w: inout JSONWriter
  ) {
    w.ensure(O.dateBound(from) &+ O.dateBound(to) &+ keys &+ tail, &out, &limit)
    out = O.raw(",\"from\":", at: out)
    out = O.date(from, at: out)
    out = O.raw(",\"to\":", at: out)
    out = O.date(to, at: out)
  }

  /// One field of an entity mention (`null` when `value` is nil).
  @inline(__always)
  static func field(
    _ name: JSONName, _ value: String?, tail: Int, _ out: inout Out, _ limit: inout Out, _ w: inout JSONWriter
  ) {
    w.ensure(8 &+ name.bound &+ (value.map(O.bound) ?? 0) &+ tail, &out, &limit)
    out = fieldKey(name, at: out)
    out = value.map { O.quoted($0, at: out) } ?? O.raw("null", at: out)
  }

  /// `,NAME:"…"` for a value that is a stretch of scalars: as `field(_:_:…)` with that text.
  @inline(__always)
  static func field(
    _ name: JSONName, scalars value: UnsafeBufferPointer<UInt32>, tail: Int, _ out: inout Out, _ limit: inout Out,
    _ w: inout JSONWriter
  ) {
    w.ensure(8 &+ name.bound &+ O.bound(scalars: value.count) &+ tail, &out, &limit)
    out = fieldKey(name, at: out)
    out = O.quoted(scalars: value, at: out)
  }

  /// `,NAME:`, the start of an entity field.
  @inline(__always)
  private static func fieldKey(_ name: JSONName, at out: Out) -> Out {
    O.byte(0x3A, at: name.write(at: O.byte(0x2C, at: out)))
  }

  /// `,"rule":…}`: the room for it was made with `tailBound(rule)` by the part before.
  @inline(__always)
  static func tail(_ rule: JSONName, at out: Out) -> Out {
    var out = O.raw(",\"rule\":", at: out)
    out = rule.write(at: out)
    return O.byte(0x7D, at: out)
  }

  /// `,"qualifier":"…"` with the qualifier's raw value.
  @inline(__always)
  static func qualifier(_ q: Qualifier, at out: Out) -> Out {
    switch q {
    case .exact: O.raw(",\"qualifier\":\"exact\"", at: out)
    case .moreThan: O.raw(",\"qualifier\":\"more_than\"", at: out)
    case .lessThan: O.raw(",\"qualifier\":\"less_than\"", at: out)
    case .about: O.raw(",\"qualifier\":\"about\"", at: out)
    case .nearly: O.raw(",\"qualifier\":\"nearly\"", at: out)
    }
  }
}

/// A string value of a mention: one the writer knows by heart (a type, the `tokenizer` rule,
/// the `other` metric, an entity field's name), stored as its JSON literal with the quotes,
/// or any other string, quoted and escaped on the way.
enum JSONName {
  /// The JSON form, quotes included (no escapes needed).
  case literal(StaticString)
  case string(String)

  /// The most bytes `write` stores.
  @inline(__always)
  var bound: Int {
    switch self {
    case .literal(let l): l.utf8CodeUnitCount
    case .string(let s): JSONOut.bound(s)
    }
  }

  @inline(__always)
  func write(at out: JSONOut.Out) -> JSONOut.Out {
    switch self {
    case .literal(let l): JSONOut.raw(l, at: out)
    case .string(let s): JSONOut.quoted(s, at: out)
    }
  }
}
