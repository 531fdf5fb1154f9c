/// One element of a token pattern, as written: the syntax tree that `PatternParser` builds.
///
/// `offset` and `length` are in characters of the pattern string, so that diagnostics can
/// point into the YAML file.
public struct PatternElement: Sendable, Equatable {
  /// What the element is.
  public indirect enum Kind: Sendable, Equatable {
    /// A literal of one or more syllables.
    case literal(String, LiteralMode)
    /// A token class such as `MONEY` (the name is checked by the compiler).
    case tokenClass(String)
    /// `@name`: the longest entry of a gazetteer file.
    case gazetteer(String)
    /// `%NAME`: a macro.
    case macro(String)
    /// `[]`: any one token except a newline.
    case anyToken
    /// Elements one after the other.
    case sequence([PatternElement])
    /// The first alternative that lets the whole pattern match.
    case alternatives([PatternElement])
    /// `x?`, `x{m,n}` (greedy), `x??`, `x{m,n}?` (lazy); `max` is nil for an unbounded
    /// repetition (an error).
    case repetition(PatternElement, min: Int, max: Int?, lazy: Bool)
    /// `name:x`.
    case capture(String, PatternElement)
    /// `!x`: one token that `x` does not match.
    case negation(PatternElement)
    /// `< … >`: the elements with no space between consecutive tokens.
    case glued(PatternElement)
  }

  public var kind: Kind
  /// Character offset in the pattern string.
  public var offset: Int
  /// Length in characters.
  public var length: Int

  public init(_ kind: Kind, offset: Int, length: Int) {
    self.kind = kind
    self.offset = offset
    self.length = length
  }

  /// Every capture name bound inside this element.
  public var captureNames: [String] {
    var names: [String] = []
    walk { if case .capture(let n, _) = $0.kind { names.append(n) } }
    return names
  }

  /// Calls `visit` on this element and every element inside it, depth first.
  public func walk(_ visit: (PatternElement) -> Void) {
    visit(self)
    switch kind {
    case .sequence(let xs), .alternatives(let xs): for x in xs { x.walk(visit) }
    case .repetition(let x, _, _, _), .capture(_, let x), .negation(let x), .glued(let x):
      x.walk(visit)
    default: break
    }
  }
}

/// How a literal compares with a token's text.
public enum LiteralMode: String, Sendable, Equatable {
  /// `"…"`: ignoring case.
  case caseInsensitive
  /// `="…"`: exactly.
  case caseSensitive
  /// `~"…"`: ignoring case and diacritics.
  case diacriticInsensitive
}

/// A problem found while parsing a pattern string: a character offset and a message.
public struct PatternProblem: Sendable, Equatable {
  public var code: DiagnosticCode
  public var message: String
  public var offset: Int

  public init(_ code: DiagnosticCode, _ message: String, offset: Int) {
    self.code = code
    self.message = message
    self.offset = offset
  }
}
