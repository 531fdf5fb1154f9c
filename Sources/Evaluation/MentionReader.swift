import Foundation

/// Turns gold items and record mentions (loosely typed JSON) into `ScoredMention`s with
/// comparable keys. Gold and records share every rule except where their fields differ:
/// gold money gives `vnd`, record money gives `value` and `unit`; record periods give their
/// dates in `period_start`/`period_end`, `from`/`to`, or `start`/`end` when those are strings.
enum MentionReader {
  typealias Problem = GoldDocument.Problem

  /// A gold item of the given type.
  static func gold(_ type: MentionType, _ item: Any) throws -> ScoredMention {
    if type.isDistinctValued, let name = JSONValue.string(item) {
      return named(type, name)
    }
    guard let fields = item as? [String: Any] else {
      throw Problem(message: "expected an object")
    }
    if type == .money {
      let per = JSONValue.string(fields["per"])
      let key: String
      let value: String
      if let vnd = JSONValue.int64(fields["vnd"]) {
        key = moneyKey(unit: "VND", amount: Double(vnd), per: per)
        value = "\(vnd) VND"
      } else if let amount = JSONValue.double(fields["value"]),
        let unit = JSONValue.string(fields["unit"])
      {
        key = moneyKey(unit: MatchKey.currency(unit), amount: amount, per: per)
        value = "\(MatchKey.number(amount)) \(MatchKey.currency(unit))"
      } else {
        throw Problem(message: "money needs 'vnd' (a whole number) or 'value' and 'unit'")
      }
      return ScoredMention(
        type: .money, key: key, text: try requiredText(fields),
        metric: JSONValue.string(fields["metric"]),
        qualifier: JSONValue.string(fields["qualifier"]) ?? "exact", value: value)
    }
    if type == .period {
      guard let start = JSONValue.string(fields["start"]),
        let end = JSONValue.string(fields["end"])
      else { throw Problem(message: "period needs 'start' and 'end' ISO dates") }
      return ScoredMention(
        type: .period, key: "\(start)..\(end)", text: try requiredText(fields),
        value: "\(start)..\(end)")
    }
    if type.isDistinctValued {
      guard let name = JSONValue.string(fields["name"]) else {
        throw Problem(message: "expected a name")
      }
      return named(type, name)
    }
    guard let mention = common(type, fields) else {
      throw Problem(message: missingFields(type))
    }
    if type != .person, type != .province, JSONValue.string(fields["text"]) == nil {
      throw Problem(message: "missing 'text'")
    }
    return mention
  }

  /// A record mention, or nil when its type is not scored or its fields are unusable.
  static func record(_ fields: [String: Any]) -> ScoredMention? {
    guard let typeName = JSONValue.string(fields["type"]),
      let type = MentionType(rawValue: typeName)
    else { return nil }
    switch type {
    case .money:
      guard let amount = JSONValue.double(fields["value"]) else { return nil }
      let unit = MatchKey.currency(JSONValue.string(fields["unit"]))
      let per = JSONValue.string(fields["per"])
      return ScoredMention(
        type: .money, key: moneyKey(unit: unit, amount: amount, per: per),
        text: JSONValue.string(fields["text"]) ?? "",
        metric: JSONValue.string(fields["metric"]),
        qualifier: JSONValue.string(fields["qualifier"]),
        value: "\(MatchKey.number(amount)) \(unit)")
    case .period:
      let pairs = [("period_start", "period_end"), ("from", "to"), ("start", "end")]
      for (startField, endField) in pairs {
        if let start = JSONValue.string(fields[startField]),
          let end = JSONValue.string(fields[endField])
        {
          return ScoredMention(
            type: .period, key: "\(start)..\(end)",
            text: JSONValue.string(fields["text"]) ?? "", value: "\(start)..\(end)")
        }
      }
      return nil
    case .person, .province:
      guard let name = JSONValue.string(fields["name"]) else { return nil }
      return named(type, name)
    default:
      return common(type, fields)
    }
  }

  /// Counts, percents, areas, dates and legal references read the same fields in gold and
  /// records.
  private static func common(_ type: MentionType, _ fields: [String: Any]) -> ScoredMention? {
    let text = JSONValue.string(fields["text"]) ?? ""
    switch type {
    case .count:
      guard let amount = JSONValue.double(fields["value"]),
        let noun = JSONValue.string(fields["noun"])
      else { return nil }
      let number = MatchKey.number(amount)
      return ScoredMention(
        type: .count, key: "\(number)|\(MatchKey.text(noun))", text: text,
        metric: JSONValue.string(fields["metric"]),
        qualifier: JSONValue.string(fields["qualifier"]), value: "\(number) \(noun)")
    case .percent:
      guard let amount = JSONValue.double(fields["value"]) else { return nil }
      return ScoredMention(
        type: .percent, key: MatchKey.number(amount), text: text,
        value: "\(MatchKey.number(amount))%")
    case .area:
      guard let amount = JSONValue.double(fields["value"]),
        let unit = JSONValue.string(fields["unit"])
      else { return nil }
      let key = "\(MatchKey.number(amount)) \(MatchKey.areaUnit(unit))"
      return ScoredMention(type: .area, key: key, text: text, value: key)
    case .date:
      guard let iso = JSONValue.string(fields["iso"]) else { return nil }
      return ScoredMention(type: .date, key: iso, text: text, value: iso)
    case .legalRef:
      if let number = JSONValue.string(fields["number"]), !number.isEmpty {
        return ScoredMention(
          type: .legalRef, key: "no:" + MatchKey.legalNumber(number), text: text,
          value: number)
      }
      guard !text.isEmpty else { return nil }
      return ScoredMention(
        type: .legalRef, key: "tx:" + MatchKey.legalTextWithoutYear(text), text: text,
        value: text)
    case .money, .period, .person, .province:
      return nil
    }
  }

  private static func named(_ type: MentionType, _ name: String) -> ScoredMention {
    let key = type == .province ? MatchKey.province(name) : MatchKey.text(name)
    return ScoredMention(type: type, key: key, text: name, value: name)
  }

  private static func moneyKey(unit: String, amount: Double, per: String?) -> String {
    let base = "\(unit):\(MatchKey.number(amount))"
    guard let per, !per.isEmpty else { return base }
    return base + "/" + MatchKey.areaUnit(per)
  }

  private static func requiredText(_ fields: [String: Any]) throws -> String {
    guard let text = JSONValue.string(fields["text"]), !text.isEmpty else {
      throw Problem(message: "missing 'text'")
    }
    return text
  }

  private static func missingFields(_ type: MentionType) -> String {
    switch type {
    case .count: "count needs 'value' and 'noun'"
    case .percent: "percent needs 'value'"
    case .area: "area needs 'value' and 'unit'"
    case .date: "date needs 'iso'"
    case .legalRef: "legal reference needs 'number' or 'text'"
    default: "malformed \(type.rawValue)"
    }
  }
}
