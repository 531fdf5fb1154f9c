/// An annotation's fields: a handful of names with values (`metric`, `name`, `title`, `kind` …),
/// looked up by comparing names.
///
/// Used like a `[String: String]` (subscript, `keys`, iteration, dictionary literals, equality
/// that ignores order), but stored as one small array in the order the fields were set: a
/// rule's fields are built for every match that wins, and an array costs one allocation where
/// a dictionary also hashes every name on every insertion and lookup.
public struct AnnotationFields: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence,
  CustomStringConvertible
{
  /// A field, named like a dictionary element.
  public typealias Element = (key: String, value: String)

  fileprivate struct Field: Sendable, Hashable {
    var name: String
    var value: String
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
    get {
      for f in fields where f.name == name { return f.value }
      return nil
    }
    set {
      if let k = fields.firstIndex(where: { $0.name == name }) {
        if let newValue { fields[k].value = newValue } else { fields.remove(at: k) }
      } else if let newValue {
        fields.append(Field(name: name, value: newValue))
      }
    }
  }

  /// Adds a field whose name is known not to be set yet (no search).
  mutating func appendNew(_ name: String, _ value: String) {
    fields.append(Field(name: name, value: value))
  }

  public struct Iterator: IteratorProtocol {
    fileprivate var base: IndexingIterator<[Field]>

    public mutating func next() -> Element? {
      guard let f = base.next() else { return nil }
      return (f.name, f.value)
    }
  }

  public func makeIterator() -> Iterator { Iterator(base: fields.makeIterator()) }

  /// Equal when the same names have the same values, in any order.
  public static func == (a: AnnotationFields, b: AnnotationFields) -> Bool {
    guard a.count == b.count else { return false }
    for f in a.fields where b[f.name] != f.value { return false }
    return true
  }

  /// Independent of order, like equality.
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for f in fields { combined ^= f.hashValue }
    hasher.combine(count)
    hasher.combine(combined)
  }

  /// `["name": "value", …]` sorted by name: a dictionary's look, in a stable order.
  public var description: String {
    if isEmpty { return "[:]" }
    return "[" + fields.sorted { $0.name < $1.name }.map { "\"\($0.name)\": \"\($0.value)\"" }.joined(separator: ", ") + "]"
  }
}
