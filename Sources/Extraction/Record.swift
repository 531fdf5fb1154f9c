import Tokenization
import VNText

/// The record for one document: schema `vnx.record/1` (see the README for every field).
public struct Record: Sendable, Equatable {
  public static let schema = "vnx.record/1"

  public var id: String
  public var source: Source
  /// The publication date, `YYYY-MM-DD`: from the input's metadata, else the article's dateline.
  public var published: String?
  public var mentions: [Mention]
  public var warnings: [Warning]
  /// Set for a document that could not be processed (then `mentions` is empty).
  public var error: Warning?

  public init(
    id: String, source: Source, published: String? = nil, mentions: [Mention] = [],
    warnings: [Warning] = [], error: Warning? = nil
  ) {
    self.id = id
    self.source = source
    self.published = published
    self.mentions = mentions
    self.warnings = warnings
    self.error = error
  }
}

/// A warning on a record, or the error of an error record: a stable code and a message.
public struct Warning: Sendable, Equatable {
  public var code: String
  public var message: String

  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }
}

/// One mention: a span of the original text with its type and typed fields.
public struct Mention: Sendable, Equatable {
  /// `money`, `count`, `percent`, `area`, `date`, `period`, `person`, `organization`,
  /// `province`, `legal_ref`.
  public var type: String
  /// The original input text at `[start, end)`, as scalar values.
  ///
  /// A slice of the decoded input (it shares its storage): building a mention copies no text,
  /// and the JSON writer encodes the scalars straight into the record.
  var textScalars: ArraySlice<UInt32>
  /// Offsets in Unicode scalars of the original input, end exclusive.
  public var start: Int
  public var end: Int
  /// The rule that produced it (`tokenizer` for figures no role rule named).
  public var rule: String
  public var fields: Fields

  /// The original input text at `[start, end)`.
  public var text: String {
    get { String(scalarValues: textScalars) }
    set { textScalars = ArraySlice(newValue.unicodeScalars.map(\.value)) }
  }

  /// The type-specific part of a mention.
  public enum Fields: Sendable, Equatable {
    /// money, count, percent, area.
    case quantity(Quantity, metric: String)
    case date(SimpleDate)
    case period(from: SimpleDate, to: SimpleDate)
    /// person, organization, province, legal_ref: fields in record order.
    case entity([EntityField])
  }

  public init(type: String, text: String, start: Int, end: Int, rule: String, fields: Fields) {
    self.init(
      type: type, text: ArraySlice(text.unicodeScalars.map(\.value)), start: start, end: end, rule: rule,
      fields: fields)
  }

  init(type: String, text: ArraySlice<UInt32>, start: Int, end: Int, rule: String, fields: Fields) {
    self.type = type
    self.textScalars = text
    self.start = start
    self.end = end
    self.rule = rule
    self.fields = fields
  }

  /// The metric of a money or count mention.
  public var metric: String? {
    if case .quantity(_, let metric) = fields { return metric }
    return nil
  }
}

/// A named field of an entity mention; `value` nil is written as JSON `null`.
public struct EntityField: Sendable, Equatable {
  public var name: String
  public var value: String?

  public init(_ name: String, _ value: String?) {
    self.name = name
    self.value = value
  }
}
