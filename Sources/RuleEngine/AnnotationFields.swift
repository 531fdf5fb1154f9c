import VNText

/// An annotation's fields: a handful of names with values (`metric`, `name`, `title`, `kind` …),
/// looked up by comparing names.
///
/// Used like a `[String: String]` (subscript, `keys`, iteration, dictionary literals, equality
/// that ignores order), but stored as one small array in the order the fields were set: a
/// rule's fields are built for every match that wins, and an array costs one allocation where
/// a dictionary also hashes every name on every insertion and lookup. A value captured from
/// the text is kept as the stretch of the document's scalars it is (`FieldValue.scalars`) and made
/// a `String` only when read as one: the record writer copies it to JSON straight from there.
public struct AnnotationFields: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence,
  CustomStringConvertible
{
  /// A field, named like a dictionary element.
  public typealias Element = (key: String, value: String)

  fileprivate struct Field: Sendable {
    var name: String
    var value: FieldValue
  }

  private var fields: [Field]

  /// No fields.
  public init() { fields = [] }

  /// No fields yet, with room for `capacity`.
  public init(minimumCapacity capacity: Int) {
    fields = []
    // Reserving room for none would still allocate a buffer.
    if capacity > 0 { fields.reserveCapacity(capacity) }
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    self.init(minimumCapacity: elements.count)
    for (name, value) in elements { self[name] = value }
  }

  public var count: Int { fields.count }
  public var isEmpty: Bool { fields.isEmpty }

  /// The names, in the order they were first set.
  public var keys: [String] { fields.map(\.name) }

  /// The value of field `name`; setting nil removes the field, setting an existing name
  /// replaces its value in place.
  public subscript(name: String) -> String? {
    get { value(name)?.string }
    set {
      if let newValue {
        set(name, .string(newValue))
      } else if let k = fields.firstIndex(where: { $0.name == name }) {
        fields.remove(at: k)
      }
    }
  }

  /// True when field `name` is set (its value is neither read nor copied).
  public func contains(field name: String) -> Bool {
    fields.contains { $0.name == name }
  }

  /// The stored value of field `name`, without making a string of captured text.
  public func value(_ name: String) -> FieldValue? {
    for f in fields where f.name == name { return f.value }
    return nil
  }

  /// Adds a field whose name is known not to be set yet (no search).
  mutating func appendNew(_ name: String, _ value: String) { appendNew(name, .string(value)) }

  /// Adds a field whose name is known not to be set yet (no search).
  mutating func appendNew(_ name: String, _ value: FieldValue) {
    fields.append(Field(name: name, value: value))
  }

  /// Sets field `name` to `value`, replacing a value already set.
  mutating func set(_ name: String, _ value: FieldValue) {
    if let k = fields.firstIndex(where: { $0.name == name }) {
      fields[k].value = value
    } else {
      fields.append(Field(name: name, value: value))
    }
  }

  public struct Iterator: IteratorProtocol {
    fileprivate var base: IndexingIterator<[Field]>

    public mutating func next() -> Element? {
      guard let f = base.next() else { return nil }
      return (f.name, f.value.string)
    }
  }

  public func makeIterator() -> Iterator { Iterator(base: fields.makeIterator()) }

  /// Equal when the same names have the same values, in any order.
  public static func == (a: AnnotationFields, b: AnnotationFields) -> Bool {
    guard a.count == b.count else { return false }
    for f in a.fields where b[f.name] != f.value.string { return false }
    return true
  }

  /// Independent of order, like equality.
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for f in fields {
      var h = Hasher()
      h.combine(f.name)
      h.combine(f.value.string)
      combined ^= h.finalize()
    }
    hasher.combine(count)
    hasher.combine(combined)
  }

  /// `["name": "value", …]` sorted by name: a dictionary's look, in a stable order.
  public var description: String {
    if isEmpty { return "[:]" }
    return "[" + fields.sorted { $0.name < $1.name }.map { "\"\($0.name)\": \"\($0.value.string)\"" }.joined(separator: ", ") + "]"
  }
}

/// An annotation field's value as stored (`AnnotationFields.value(_:)`).
public enum FieldValue: Sendable {
  /// A value given as a string: a rule's literal, a gazetteer entry's canonical form, a date.
  case string(String)
  /// A stretch of a document's normalized text, as scalar values.
  case scalars(ArraySlice<UInt32>)

  /// The value as a string.
  public var string: String {
    switch self {
    case .string(let s): s
    case .scalars(let s): String(scalarValues: s)
    }
  }
}
