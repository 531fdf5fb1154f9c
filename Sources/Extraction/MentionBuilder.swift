import RuleEngine
import Tokenization
import VNText

/// A record's mentions in record order, before they are values: each entry names a typed
/// token, a date inside a period, or an entity hit, with its raw offsets.
///
/// `vnx extract` writes records straight from a plan (`MentionBuilder.write`): a mention's
/// type, text, quantity and fields are read where they already are (the tokens, the raw text,
/// the rule hits), so no `Mention` is built, copied or freed. The library's `Record` gets its
/// mentions from the same plan (`MentionBuilder.mentions`); the two must agree byte for byte.
struct MentionPlan {
  struct Entry {
    enum Source: UInt8 {
      /// A typed token: `index` into the tokens.
      case token
      /// A date inside a period: `index` into `innerDates`.
      case innerDate
      /// An entity hit: `index` into the rule hits.
      case hit
    }
    /// Offsets in scalars of the raw text.
    var start: Int
    var end: Int
    var index: Int32
    /// For a quantity token, the role hit that named its metric (-1: none, `other`).
    var role: Int32
    var source: Source
  }

  /// In record order.
  var entries: [Entry] = []
  /// The dates inside periods (`từ ngày 01/01/2023 đến ngày 31/12/2023`), which are mentions too.
  var innerDates: [Token] = []
  /// Dates the tokenizer found without a year that nothing resolved (no mention for them).
  var unresolvedDates = 0
}

/// Builds a record's mentions from typed tokens and rule hits; maps offsets to the raw text.
///
/// Every money, count, percent, area, date and period token becomes a mention (`metric:
/// other` unless a role rule named one); entity hits become person, organization, province
/// and legal-reference mentions. This is the one place offsets go back to the raw text.
enum MentionBuilder {
  /// The fields each entity type writes, in order; absent ones are `null`. Types without an
  /// entry write their fields sorted by name.
  static func entityFieldOrder(_ type: String) -> [String]? {
    entityLayout(type).fields?.map(\.0)
  }

  /// `typeName(kind)` as a JSON literal, for a typed token's kind.
  static func typeLiteral(_ kind: TokenKind) -> JSONName {
    switch kind {
    case .money: .literal("\"money\"")
    case .count: .literal("\"count\"")
    case .percent: .literal("\"percent\"")
    case .area: .literal("\"area\"")
    case .date: .literal("\"date\"")
    case .period: .literal("\"period\"")
    case .word, .punctuation, .newline, .number, .time, .other: preconditionFailure("not a mention type")
    }
  }

  /// An entity type as a JSON literal, and the fields it writes in order with each name's
  /// JSON literal when it is one of the schema's types: one look at the type's name.
  static func entityLayout(_ type: String) -> (type: JSONName, fields: [(String, StaticString)]?) {
    switch type {
    case "person": (.literal("\"person\""), personFieldLiterals)
    case "organization": (.literal("\"organization\""), nameFieldLiterals)
    case "province": (.literal("\"province\""), nameFieldLiterals)
    case "legal_ref": (.literal("\"legal_ref\""), legalReferenceFieldLiterals)
    default: (.string(type), nil)
    }
  }

  private static let personFieldLiterals: [(String, StaticString)] = [("name", "\"name\""), ("title", "\"title\"")]
  private static let nameFieldLiterals: [(String, StaticString)] = [("name", "\"name\"")]
  private static let legalReferenceFieldLiterals: [(String, StaticString)] = [
    ("kind", "\"kind\""), ("number", "\"number\""), ("date", "\"date\""),
  ]

  static func typeName(_ kind: TokenKind) -> String? {
    switch kind {
    case .money: return "money"
    case .count: return "count"
    case .percent: return "percent"
    case .area: return "area"
    case .date: return "date"
    case .period: return "period"
    default: return nil
    }
  }

  /// The mentions of a document, in record order: its typed tokens (with the metrics the
  /// role hits named) and its entity hits.
  static func plan(text n: NormalizedText, tokens: [Token], hits: [RuleHit], tokenizer: Tokenizer) -> MentionPlan {
    var plan = MentionPlan()
    var byStart = StartIndex()
    tokens.withUnsafeBufferPointer { all in
      // One pass with the kinds tested inline (most tokens are words): the typed tokens, and
      // the periods, each of which also brings the (up to two) dates inside it.
      var typed: [Int] = []
      // Room for one token in eight, well above the one in twenty of news text, so that the
      // list is allocated once instead of grown through every doubling.
      typed.reserveCapacity(all.count / 8 + 8)
      var periods = 0
      for k in all.indices {
        switch all[k].kind {
        case .money, .count, .percent, .area, .date: typed.append(k)
        case .period:
          typed.append(k)
          periods += 1
        case .word, .punctuation, .newline, .number, .time, .other: continue
        }
      }
      plan.entries.reserveCapacity(typed.count + 2 * periods + hits.count)
      byStart = StartIndex(capacity: typed.count)
      for k in typed {
        let token = all.baseAddress! + k
        switch token.pointee.value {
        case .quantity?: break
        case .date(let d)?:
          guard d.year != nil else {
            plan.unresolvedDates += 1
            continue
          }
        case .period(let from, let to)?:
          guard from.year != nil, to.year != nil else { continue }
        case .number?, nil: continue
        }
        byStart.append(start: token.pointee.start, index: plan.entries.count)
        let r = n.rawRange(token.pointee.range)
        plan.entries.append(.init(start: r.lowerBound, end: r.upperBound, index: Int32(k), role: -1, source: .token))
        if token.pointee.kind == .period {
          // A full date range (`từ ngày 01/01/2023 đến ngày 31/12/2023`) is one period, and its
          // two dates are dates too (inside it, so they sort right after it).
          for inner in tokenizer.datesInside(token.pointee, in: n) {
            guard case .date(let d)? = inner.value, d.year != nil else { continue }
            let r = n.rawRange(inner.range)
            plan.entries.append(
              .init(
                start: r.lowerBound, end: r.upperBound, index: Int32(plan.innerDates.count), role: -1,
                source: .innerDate))
            plan.innerDates.append(inner)
          }
        }
      }
      byStart.finish()
      let figureCount = plan.entries.count
      // Hits are read in place: copying one retains its strings and fields.
      hits.withUnsafeBufferPointer { hitList in
        for h in hitList.indices {
          let hit = hitList.baseAddress! + h
          if hit.pointee.fields.contains(field: "metric") {
            // A role: the metric of the quantity token at its start. The engine has resolved
            // conflicts already; should two still name one token, the first wins.
            guard let e = byStart[hit.pointee.start], plan.entries[e].role < 0,
              case .quantity? = all[Int(plan.entries[e].index)].value
            else { continue }
            plan.entries[e].role = Int32(h)
            continue
          }
          let (start, end) = (hit.pointee.start, hit.pointee.end)
          guard start < end, end <= n.scalars.count else { continue }
          let r = n.rawRange(start..<end)
          plan.entries.append(.init(start: r.lowerBound, end: r.upperBound, index: Int32(h), role: -1, source: .hit))
        }
        // Record order: by start, longer first, then by type.
        plan.entries.withUnsafeBufferPointer { entries in
          let order = recordOrder(count: entries.count, figures: figureCount) { x, y in
            let a = entries[x], b = entries[y]
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end > b.end }
            return type(a, tokens: all, hits: hitList) < type(b, tokens: all, hits: hitList)
          }
          if let order { plan.entries = order.map { entries[$0] } }
        }
      }
    }
    return plan
  }

  /// The mention type of an entry.
  @inline(__always)
  private static func type(
    _ e: MentionPlan.Entry, tokens: UnsafeBufferPointer<Token>, hits: UnsafeBufferPointer<RuleHit>
  ) -> String {
    switch e.source {
    case .token: typeName(tokens[Int(e.index)].kind)!
    case .innerDate: "date"
    case .hit: hits[Int(e.index)].type
    }
  }

  /// The mentions of a plan, as values (the library's `Record`).
  static func mentions(_ plan: MentionPlan, text n: NormalizedText, tokens: [Token], hits: [RuleHit]) -> [Mention] {
    plan.entries.map { e in
      let text = n.raw[e.start..<e.end]
      switch e.source {
      case .token, .innerDate:
        let token = e.source == .token ? tokens[Int(e.index)] : plan.innerDates[Int(e.index)]
        let rule = e.role >= 0 ? hits[Int(e.role)].rule : "tokenizer"
        let fields: Mention.Fields
        switch token.value {
        case .quantity(let q)?: fields = .quantity(q, metric: e.role >= 0 ? hits[Int(e.role)].fields["metric"]! : "other")
        case .date(let d)?: fields = .date(d)
        case .period(let from, let to)?: fields = .period(from: from, to: to)
        case .number?, nil: preconditionFailure("a plan holds only typed tokens")
        }
        return Mention(
          type: e.source == .token ? typeName(token.kind)! : "date", text: text, start: e.start, end: e.end,
          rule: rule, fields: fields)
      case .hit:
        let hit = hits[Int(e.index)]
        let list = withUnsafePointer(to: hit) { h in
          entityFieldNames(h).map { EntityField($0, entityFieldValue(h, $0)?.string) }
        }
        return Mention(type: hit.type, text: text, start: e.start, end: e.end, rule: hit.rule, fields: .entity(list))
      }
    }
  }

  /// Writes the mentions of a plan as the elements of the open `mentions` array: the bytes
  /// `Mention.write` writes for `mentions(plan, …)`, read straight from the tokens and hits.
  static func write(
    _ plan: MentionPlan, text n: NormalizedText, tokens: [Token], hits: [RuleHit], to w: inout JSONWriter
  ) {
    n.raw.withUnsafeBufferPointer { raw in
      tokens.withUnsafeBufferPointer { tokenList in
        hits.withUnsafeBufferPointer { hitList in
          plan.innerDates.withUnsafeBufferPointer { innerList in
            for e in plan.entries {
              let text = UnsafeBufferPointer(rebasing: raw[e.start..<e.end])
              switch e.source {
              case .token, .innerDate:
                let token = e.source == .token ? tokenList.baseAddress! + Int(e.index) : innerList.baseAddress! + Int(e.index)
                let role = e.role >= 0 ? hitList.baseAddress! + Int(e.role) : nil
                writeFigure(token, role: role, text: text, start: e.start, end: e.end, to: &w)
              case .hit:
                writeEntity(hitList.baseAddress! + Int(e.index), text: text, start: e.start, end: e.end, to: &w)
              }
            }
          }
        }
      }
    }
  }

  /// A figure mention: a typed token, with the metric and rule of the role hit that named it.
  @inline(never)  // on its own, the optimizer inlines the literal copies of the parts
  private static func writeFigure(
    _ token: UnsafePointer<Token>, role: UnsafePointer<RuleHit>?, text: UnsafeBufferPointer<UInt32>, start: Int,
    end: Int, to w: inout JSONWriter
  ) {
    typealias J = MentionJSON
    var (out, limit) = w.beginRun()
    let rule = role.map { JSONName.string($0.pointee.rule) } ?? .literal("\"tokenizer\"")
    let tail = J.tailBound(rule)
    let kind = token.pointee.kind
    J.head(type: typeLiteral(kind), text: text, start: start, end: end, &out, &limit, &w)
    switch token.pointee.value {
    case .quantity(let q)?:
      let metric = role?.pointee.fields["metric"].map(JSONName.string) ?? .literal("\"other\"")
      J.quantity(q, kind: kind, metric: metric, tail: tail, &out, &limit, &w)
    case .date(let d)?: J.date(d, tail: tail, &out, &limit, &w)
    case .period(let from, let to)?: J.period(from, to, tail: tail, &out, &limit, &w)
    case .number?, nil: preconditionFailure("a plan holds only typed tokens")
    }
    out = J.tail(rule, at: out)
    w.endRun(out)
  }

  /// An entity mention: a rule hit.
  @inline(never)
  private static func writeEntity(
    _ hit: UnsafePointer<RuleHit>, text: UnsafeBufferPointer<UInt32>, start: Int, end: Int, to w: inout JSONWriter
  ) {
    typealias J = MentionJSON
    var (out, limit) = w.beginRun()
    let rule = JSONName.string(hit.pointee.rule)
    let tail = J.tailBound(rule)
    let type = hit.pointee.type
    let layout = entityLayout(type)
    J.head(type: layout.type, text: text, start: start, end: end, &out, &limit, &w)
    w.ensure(tail, &out, &limit)
    if let names = layout.fields {
      for (name, literal) in names {
        writeField(.literal(literal), entityFieldValue(hit, name), tail: tail, &out, &limit, &w)
      }
    } else {
      for name in hit.pointee.fields.keys.sorted() {
        writeField(.string(name), entityFieldValue(hit, name), tail: tail, &out, &limit, &w)
      }
    }
    out = J.tail(rule, at: out)
    w.endRun(out)
  }

  /// An entity field: captured text straight from the scalars it spans.
  @inline(__always)
  private static func writeField(
    _ name: JSONName, _ value: FieldValue?, tail: Int, _ out: inout JSONOut.Out, _ limit: inout JSONOut.Out,
    _ w: inout JSONWriter
  ) {
    switch value {
    case .scalars(let s)?:
      s.withUnsafeBufferPointer { MentionJSON.field(name, scalars: $0, tail: tail, &out, &limit, &w) }
    case .string(let s)?: MentionJSON.field(name, s, tail: tail, &out, &limit, &w)
    case nil: MentionJSON.field(name, nil, tail: tail, &out, &limit, &w)
    }
  }

  /// The fields an entity mention writes, in order.
  @inline(__always)
  static func entityFieldNames(_ hit: UnsafePointer<RuleHit>) -> [String] {
    entityFieldOrder(hit.pointee.type) ?? hit.pointee.fields.keys.sorted()
  }

  /// The value an entity mention writes for a field: nil (`null`) when the hit has none, or an
  /// empty one (no title), or a year-less date.
  @inline(__always)
  static func entityFieldValue(_ hit: UnsafePointer<RuleHit>, _ name: String) -> FieldValue? {
    guard let value = hit.pointee.fields.value(name), !isAbsent(value) else { return nil }
    return value
  }

  /// `isAbsent(_: String)` of the value, read in place when it is captured text.
  static func isAbsent(_ value: FieldValue) -> Bool {
    switch value {
    case .string(let s): return isAbsent(s)
    case .scalars(let s):
      let i = s.startIndex
      guard s.count >= 2, s[i] == 0x2D, s[i + 1] == 0x2D else { return s.isEmpty }
      // As for bytes: only a non-ASCII third scalar can make the dashes part of another character.
      guard s.count > 2, s[i + 2] >= 0x80 else { return true }
      return isAbsent(value.string)
    }
  }

  /// An empty value (no title) or a year-less date (`--MM-DD`) is written as `null`.
  ///
  /// Reads bytes, not characters: `--` followed by ASCII (or nothing) is two `-` characters.
  /// Only a non-ASCII third byte could be a combining mark that makes the second dash part of
  /// another character, and that rare case goes to `hasPrefix`.
  static func isAbsent(_ value: String) -> Bool {
    var bytes = value.utf8.makeIterator()
    guard let first = bytes.next() else { return true }
    guard first == 0x2D, bytes.next() == 0x2D else { return false }
    guard let third = bytes.next(), third >= 0x80 else { return true }
    return value.hasPrefix("--")
  }

  /// The record order of `count` mentions as a stable sort by `less` gives it, or nil when
  /// they are in that order already: the first `figures` (normally in order already, as the
  /// tokens come) merged with the rest (the entities, in the rule engine's order, which
  /// differs only among entities that start together). On a tie a figure comes first.
  static func recordOrder(count: Int, figures: Int, less: (Int, Int) -> Bool) -> [Int]? {
    func isSorted(_ range: Range<Int>) -> Bool { !range.dropFirst().contains(where: { less($0, $0 - 1) }) }
    if isSorted(0..<count) { return nil }
    func sortedIndices(_ range: Range<Int>) -> [Int] {
      var order = Array(range)
      if !isSorted(range) { order.sort(by: less) }  // stable
      return order
    }
    let first = sortedIndices(0..<figures)
    let second = sortedIndices(figures..<count)
    var order: [Int] = []
    order.reserveCapacity(count)
    var i = 0
    var j = 0
    while i < first.count && j < second.count {
      if less(second[j], first[i]) {
        order.append(second[j])
        j += 1
      } else {
        order.append(first[i])
        i += 1
      }
    }
    order += first[i...]
    order += second[j...]
    return order
  }
}

/// Normalized start of a typed token → index of its mention, for role hits.
///
/// Tokens come in text order, so the starts are normally ascending already and a lookup is a
/// binary search: no hashing, no table the size of the text. As with a dictionary filled in
/// token order, the last token at a start wins.
struct StartIndex {
  private var starts: [Int] = []
  private var indices: [Int] = []
  private var ascending = true

  init(capacity: Int = 0) {
    starts.reserveCapacity(capacity)
    indices.reserveCapacity(capacity)
  }

  mutating func append(start: Int, index: Int) {
    if let last = starts.last, start < last { ascending = false }
    starts.append(start)
    indices.append(index)
  }

  /// Call once after the last `append`: sorts the entries (stably) if tokens were out of order.
  mutating func finish() {
    guard !ascending else { return }
    let order = starts.indices.sorted { starts[$0] < starts[$1] }
    starts = order.map { starts[$0] }
    indices = order.map { indices[$0] }
    ascending = true
  }

  subscript(start: Int) -> Int? {
    precondition(ascending, "StartIndex.finish() must be called before lookups")
    // The first entry after `start`; the one before it is the last entry at `start`, if any.
    var low = 0
    var high = starts.count
    while low < high {
      let mid = (low + high) / 2
      if starts[mid] <= start { low = mid + 1 } else { high = mid }
    }
    guard low > 0, starts[low - 1] == start else { return nil }
    return indices[low - 1]
  }
}
