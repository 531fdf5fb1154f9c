import Tokenization
import VNText

/// Builds a record's mentions from typed tokens and rule hits; maps offsets to the raw text.
///
/// Every money, count, percent, area, date and period token becomes a mention (`metric:
/// other` unless a role rule named one); entity hits become person, organization, province
/// and legal-reference mentions. This is the one place offsets go back to the raw text.
enum MentionBuilder {
  /// The fields each entity type writes, in order; absent ones are `null`. Types without an
  /// entry write their fields sorted by name.
  static func entityFieldOrder(_ type: String) -> [String]? {
    switch type {
    case "person": return personFields
    case "organization", "province": return nameField
    case "legal_ref": return legalReferenceFields
    default: return nil
    }
  }
  private static let personFields = ["name", "title"]
  private static let nameField = ["name"]
  private static let legalReferenceFields = ["kind", "number", "date"]

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

  static func build(
    text n: NormalizedText, tokens: [Token], hits: [RuleHit], tokenizer: Tokenizer, warnings: inout [Warning]
  ) -> [Mention] {
    // Figures first (they come in text order, so normally sorted already), then entities;
    // `sort` merges the two. Most tokens are words: tokens are read in place (copying one
    // retains its value), and the typed ones are counted first so that the arrays are
    // allocated once.
    var mentions: [Mention] = []
    var byStart = StartIndex()
    var unresolved = 0
    tokens.withUnsafeBufferPointer { all in
      // One pass with the kinds tested inline (most tokens are words): the typed tokens, and
      // the periods, each of which also brings the (up to two) dates inside it.
      var typed: [Int] = []
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
      mentions.reserveCapacity(typed.count + 2 * periods + hits.count)
      byStart = StartIndex(capacity: typed.count)
      for k in typed {
        guard let type = typeName(all[k].kind) else { continue }
        let fields: Mention.Fields
        switch all[k].value {
        case .quantity(let q)?: fields = .quantity(q, metric: "other")
        case .date(let d)?:
          guard d.year != nil else { unresolved += 1; continue }
          fields = .date(d)
        case .period(let from, let to)?:
          guard from.year != nil, to.year != nil else { continue }
          fields = .period(from: from, to: to)
        case .number?, nil: continue
        }
        byStart.append(start: all[k].start, index: mentions.count)
        mentions.append(mention(n, all[k].range, type: type, rule: "tokenizer", fields: consume fields))
        if all[k].kind == .period {
          // A full date range (`từ ngày 01/01/2023 đến ngày 31/12/2023`) is one period, and its
          // two dates are dates too (inside it, so they sort right after it).
          for inner in tokenizer.datesInside(all[k], in: n) {
            guard case .date(let d)? = inner.value, d.year != nil else { continue }
            mentions.append(mention(n, inner.range, type: "date", rule: "tokenizer", fields: .date(d)))
          }
        }
      }
    }
    if unresolved > 0 {
      warnings.append(
        Warning(
          code: "date_without_year",
          message: "\(unresolved) date(s) without a year could not be resolved (give --reference-date)"))
    }
    byStart.finish()
    let figureCount = mentions.count
    // Hits are read in place too: copying one retains its strings and fields.
    hits.withUnsafeBufferPointer { all in
      for h in all.indices {
        let hit = all.baseAddress! + h
        if let metric = hit.pointee.fields["metric"] {
          guard let index = byStart[hit.pointee.start], case .quantity(let q, _) = mentions[index].fields else {
            continue
          }
          if mentions[index].rule != "tokenizer" { continue }  // the engine already resolved conflicts
          mentions[index].fields = .quantity(q, metric: metric)
          mentions[index].rule = hit.pointee.rule
          continue
        }
        let (start, end) = (hit.pointee.start, hit.pointee.end)
        guard start < end, end <= n.scalars.count else { continue }
        let order = entityFieldOrder(hit.pointee.type) ?? hit.pointee.fields.keys.sorted()
        let list = order.map { name in
          // An empty title or a year-less date is written as null.
          EntityField(name, hit.pointee.fields[name].flatMap { isAbsent($0) ? nil : $0 })
        }
        mentions.append(
          mention(n, start..<end, type: hit.pointee.type, rule: hit.pointee.rule, fields: .entity(list)))
      }
    }
    sort(&mentions, figures: figureCount)
    return mentions
  }

  /// The mention of a normalized span: its raw offsets and raw text.
  private static func mention(
    _ n: NormalizedText, _ range: Range<Int>, type: String, rule: String, fields: consuming Mention.Fields
  ) -> Mention {
    let r = n.rawRange(range)
    return Mention(
      type: type, text: n.raw[r], start: r.lowerBound, end: r.upperBound, rule: rule, fields: fields)
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

  /// Puts mentions in record order, as a stable sort would: the figures (the first
  /// `figures` mentions, normally in order already) merged with the entities (in the rule
  /// engine's order, which differs only among entities that start together).
  ///
  /// Works on indices and then moves each mention once, in place: copying a mention would
  /// retain and release its strings and payload.
  static func sort(_ mentions: inout [Mention], figures: Int) {
    let order: [Int] = mentions.withUnsafeBufferPointer { all in
      guard let m = all.baseAddress else { return [] }
      // Record order: by start, longer first, then by type. Compared in place: passing
      // mentions by value would retain and release their strings.
      func less(_ x: Int, _ y: Int) -> Bool {
        let a = m + x, b = m + y
        if a.pointee.start != b.pointee.start { return a.pointee.start < b.pointee.start }
        if a.pointee.end != b.pointee.end { return a.pointee.end > b.pointee.end }
        return a.pointee.type < b.pointee.type
      }
      func sortedIndices(_ range: Range<Int>) -> [Int] {
        var order = Array(range)
        if range.dropFirst().contains(where: { less($0, $0 - 1) }) {
          order.sort(by: less)  // stable
        }
        return order
      }
      let first = sortedIndices(0..<figures)
      let second = sortedIndices(figures..<all.count)
      var order: [Int] = []
      order.reserveCapacity(all.count)
      var i = 0
      var j = 0
      while i < first.count && j < second.count {
        // On a tie the figure comes first, as it was appended first.
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
    permute(&mentions, order)
  }

  /// Rearranges `items` so that position `k` holds the element that was at `order[k]`,
  /// moving every element at most once (cycle by cycle) and copying none.
  static func permute<T>(_ items: inout [T], _ order: [Int]) {
    precondition(order.count == items.count)
    guard order.indices.contains(where: { order[$0] != $0 }) else { return }
    var placed = [Bool](repeating: false, count: order.count)
    items.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for start in order.indices where !placed[start] {
        placed[start] = true
        guard order[start] != start else { continue }
        // Lift the element at `start` out, pull each element of the cycle into the hole it
        // is destined for, and drop the lifted one into the last hole.
        let lifted = (base + start).move()
        var hole = start
        while order[hole] != start {
          let from = order[hole]
          precondition(!placed[from], "order must be a permutation")
          (base + hole).moveInitialize(from: base + from, count: 1)
          placed[from] = true
          hole = from
        }
        (base + hole).initialize(to: lifted)
      }
    }
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
