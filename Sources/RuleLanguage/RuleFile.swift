/// The syntax tree of one rule file: its macros and its rules, as written.
public struct RuleFile: Sendable {
  /// The file's path as given to the parser.
  public var path: String
  /// Macros defined in this file (shared by every file of a rule set).
  public var macros: [MacroSyntax]
  /// Rules in file order.
  public var rules: [RuleSyntax]

  public init(path: String, macros: [MacroSyntax] = [], rules: [RuleSyntax] = []) {
    self.path = path
    self.macros = macros
    self.rules = rules
  }
}

/// A pattern string as written, its parse, and the way back to file positions.
public struct PatternSource: Sendable {
  /// The pattern string.
  public var text: String
  /// Its syntax tree; nil when it could not be parsed at all.
  public var element: PatternElement?
  /// Maps character offsets of `text` to file positions.
  public var locator: ValueLocator
  /// True when parsing reported an error (later checks then stay quiet to avoid cascades).
  public var hasErrors: Bool

  public init(text: String, element: PatternElement?, locator: ValueLocator, hasErrors: Bool = false) {
    self.text = text
    self.element = element
    self.locator = locator
    self.hasErrors = hasErrors
  }

  /// The file position of a character offset in the pattern string.
  public func location(ofOffset offset: Int) -> SourceLocation { locator.location(ofOffset: offset) }
}

/// `NAME: 'pattern'` under `macros:`.
public struct MacroSyntax: Sendable {
  public var name: String
  public var pattern: PatternSource
  /// Where the name is written.
  public var location: SourceLocation
}

/// One rule as written.
public struct RuleSyntax: Sendable {
  public var id: String
  public var pattern: PatternSource
  public var emits: [EmitSyntax]
  public var priority: Int
  public var description: String?
  public var examples: [ExampleSyntax]
  public var counterexamples: [ExampleSyntax]
  /// Where the rule's `id` is written (or the rule's mapping when it has none).
  public var location: SourceLocation
}

/// What a rule emits: a role (`target` + `metric`) or an entity (`type`).
public struct EmitSyntax: Sendable {
  /// Role emission: the capture that names the typed token.
  public var target: String?
  /// Role emission: the metric.
  public var metric: String?
  /// Entity emission: the mention type.
  public var type: String?
  /// Entity emission: the capture whose tokens are the mention's span (default: the match).
  public var span: String?
  /// Extra fields, in written order.
  public var fields: [FieldSyntax]
  /// Where the emission is written.
  public var location: SourceLocation
  /// Where `target` / `span` are written.
  public var targetLocation: SourceLocation?
  public var spanLocation: SourceLocation?
}

/// One `key: value` under an emission's `fields`.
public struct FieldSyntax: Sendable {
  public var name: String
  public var value: FieldValueSyntax
  public var location: SourceLocation
}

/// A field's value: a literal string or `$capture`.
public enum FieldValueSyntax: Sendable, Equatable {
  case literal(String)
  case capture(String)
}

/// An example or counterexample: the text without its marks, the marked spans and fields.
public struct ExampleSyntax: Sendable {
  /// The text with `[` `]` marks removed (and `\[` `\]` unescaped).
  public var text: String
  /// Marked spans, in Unicode scalar offsets of `text`.
  public var spans: [Range<Int>]
  /// Fields the annotation at the marked span must have.
  public var fields: [String: String]
  /// Where the example is written.
  public var location: SourceLocation

  public init(text: String, spans: [Range<Int>], fields: [String: String], location: SourceLocation) {
    self.text = text
    self.spans = spans
    self.fields = fields
    self.location = location
  }

  /// Removes `[`…`]` marks from `marked`; nil with a message when they do not balance.
  public static func unmark(_ marked: String) -> (text: String, spans: [Range<Int>])? {
    var out = String.UnicodeScalarView()
    var spans: [Range<Int>] = []
    var open: Int?
    var n = 0
    var escaped = false
    for c in marked.unicodeScalars {
      if escaped {
        out.append(c); n += 1; escaped = false
        continue
      }
      switch c {
      case "\\": escaped = true
      case "[":
        if open != nil { return nil }
        open = n
      case "]":
        guard let o = open else { return nil }
        spans.append(o..<n)
        open = nil
      default:
        out.append(c); n += 1
      }
    }
    if escaped { out.append("\\") }
    if open != nil { return nil }
    return (String(out), spans)
  }
}

/// Maps character offsets of a YAML scalar's value to positions in the file.
public struct ValueLocator: Sendable {
  /// The file.
  public var file: String
  /// The position of each character of the value, plus one past the end.
  public var positions: [(line: Int, column: Int)]

  public init(file: String, positions: [(line: Int, column: Int)]) {
    self.file = file
    self.positions = positions
  }

  /// A locator that puts every offset on one line from `line:column`.
  public init(file: String, line: Int, column: Int, count: Int) {
    self.file = file
    self.positions = (0...count).map { (line, column + $0) }
  }

  public func location(ofOffset offset: Int) -> SourceLocation {
    guard !positions.isEmpty else { return SourceLocation(file: file, line: 1, column: 1) }
    let p = positions[max(0, min(offset, positions.count - 1))]
    return SourceLocation(file: file, line: p.line, column: p.column)
  }
}
