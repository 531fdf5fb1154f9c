import Tokenization
import VNText

/// Builds a record's mentions from typed tokens and rule hits; maps offsets to the raw text.
///
/// Every money, count, percent, area, date and period token becomes a mention (`metric:
/// other` unless a role rule named one); entity hits become person, organization, province
/// and legal-reference mentions. This is the one place offsets go back to the raw text.
enum MentionBuilder {
  /// The fields each entity type writes, in order; absent ones are `null`.
  static let entityFieldOrder: [String: [String]] = [
    "person": ["name", "title"],
    "organization": ["name"],
    "province": ["name"],
    "legal_ref": ["kind", "number", "date"],
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

  static func build(
    text n: NormalizedText, tokens: [Token], hits: [RuleHit], tokenizer: Tokenizer, warnings: inout [Warning]
  ) -> [Mention] {
    var mentions: [Mention] = []
    // Normalized start of a typed token → index of its mention, for role hits.
    var byStart: [Int: Int] = [:]
    var unresolved = 0
    for token in tokens {
      guard let type = typeName(token.kind), let value = token.value else { continue }
      let fields: Mention.Fields
      switch value {
      case .quantity(let q): fields = .quantity(q, metric: "other")
      case .date(let d):
        guard d.year != nil else { unresolved += 1; continue }
        fields = .date(d)
      case .period(let from, let to):
        guard from.year != nil, to.year != nil else { continue }
        fields = .period(from: from, to: to)
      case .number: continue
      }
      if token.kind == .period {
        // A full date range (`từ ngày 01/01/2023 đến ngày 31/12/2023`) is one period, and its
        // two dates are dates too.
        for inner in tokenizer.datesInside(token, in: n) {
          guard case .date(let d)? = inner.value, d.year != nil else { continue }
          let r = n.rawRange(inner.range)
          mentions.append(
            Mention(
              type: "date", text: String(scalarValues: n.raw[r]), start: r.lowerBound, end: r.upperBound,
              rule: "tokenizer", fields: .date(d)))
        }
      }
      let r = n.rawRange(token.range)
      byStart[token.start] = mentions.count
      mentions.append(
        Mention(
          type: type, text: String(scalarValues: n.raw[r]), start: r.lowerBound, end: r.upperBound,
          rule: "tokenizer", fields: fields))
    }
    if unresolved > 0 {
      warnings.append(
        Warning(
          code: "date_without_year",
          message: "\(unresolved) date(s) without a year could not be resolved (give --reference-date)"))
    }
    for hit in hits {
      if let metric = hit.fields["metric"] {
        guard let index = byStart[hit.start], case .quantity(let q, _) = mentions[index].fields else { continue }
        if mentions[index].rule != "tokenizer" { continue }  // the engine already resolved conflicts
        mentions[index].fields = .quantity(q, metric: metric)
        mentions[index].rule = hit.rule
        continue
      }
      guard hit.start < hit.end, hit.end <= n.scalars.count else { continue }
      let order = entityFieldOrder[hit.type] ?? hit.fields.keys.sorted()
      var list: [EntityField] = []
      for name in order {
        var value = hit.fields[name]
        if let v = value, v.isEmpty || v.hasPrefix("--") { value = nil }  // empty title, year-less date
        list.append(EntityField(name, value))
      }
      let r = n.rawRange(hit.start..<hit.end)
      mentions.append(
        Mention(
          type: hit.type, text: String(scalarValues: n.raw[r]), start: r.lowerBound, end: r.upperBound,
          rule: hit.rule, fields: .entity(list)))
    }
    mentions.sort { a, b in
      if a.start != b.start { return a.start < b.start }
      if a.end != b.end { return a.end > b.end }
      return a.type < b.type
    }
    return mentions
  }
}
