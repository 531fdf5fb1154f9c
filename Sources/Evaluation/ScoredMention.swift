import Foundation

/// One gold or predicted mention reduced to what scoring compares.
public struct ScoredMention: Sendable, Equatable, Codable {
  /// The mention type.
  public var type: MentionType
  /// The comparison key: value in đồng, value and noun, ISO date, name … (see `MatchKey`).
  public var key: String
  /// The text as written (or the name, for persons and provinces), for people reading a diff.
  public var text: String
  /// The role of a money or count mention, if any.
  public var metric: String?
  /// `exact`, `more_than`, `less_than`, `about` or `nearly`, for money and counts.
  public var qualifier: String?
  /// A short readable form of the compared value (`46237000000 VND`, `32 cuộc`, `2023-01-16`).
  public var value: String

  /// A mention with every field given.
  public init(
    type: MentionType, key: String, text: String, metric: String? = nil,
    qualifier: String? = nil, value: String
  ) {
    self.type = type
    self.key = key
    self.text = text
    self.metric = metric
    self.qualifier = qualifier
    self.value = value
  }
}

/// Helpers to read loosely typed JSON (from `JSONSerialization`) without crashing on odd input.
enum JSONValue {
  static func string(_ any: Any?) -> String? {
    guard let any, !(any is NSNull) else { return nil }
    return any as? String
  }

  static func double(_ any: Any?) -> Double? {
    switch any {
    case let number as Double: return number
    case let number as Int: return Double(number)
    case let number as Int64: return Double(number)
    case let string as String: return Double(string)
    default: return nil
    }
  }

  static func int64(_ any: Any?) -> Int64? {
    switch any {
    case let number as Int64: return number
    case let number as Int: return Int64(number)
    case let number as Double where number == number.rounded() && abs(number) < 9e18:
      return Int64(number)
    default: return nil
    }
  }
}
