/// A problem found in a rule file, with its place in the file.
///
/// Diagnostics are collected, never thrown, so one run of `vnx rules check` reports every
/// problem. Columns count characters (Unicode scalars), not bytes.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
  /// How bad a diagnostic is.
  public enum Severity: String, Sendable, Equatable {
    case error
    case warning
  }

  /// A stable code such as `R012`; the table is in `rules/README.md`.
  public var code: String
  /// What is wrong, for people.
  public var message: String
  /// The file's path as given to the loader.
  public var file: String
  /// Line, starting at 1.
  public var line: Int
  /// Column in characters, starting at 1.
  public var column: Int
  /// Error or warning.
  public var severity: Severity

  public init(
    code: String, message: String, file: String, line: Int, column: Int,
    severity: Severity = .error
  ) {
    self.code = code
    self.message = message
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
  }

  /// Creates a diagnostic at a location.
  public init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation,
              severity: Severity = .error) {
    self.init(
      code: code.rawValue, message: message, file: location.file, line: location.line,
      column: location.column, severity: severity)
  }

  /// `FILE:LINE:COL: error: [R012] message`.
  public var rendered: String {
    "\(file):\(line):\(column): \(severity.rawValue): [\(code)] \(message)"
  }

  public var description: String { rendered }

  /// True for errors (not warnings).
  public var isError: Bool { severity == .error }
}

/// The stable diagnostic codes (documented in `rules/README.md`).
public enum DiagnosticCode: String, Sendable {
  /// YAML syntax error.
  case yamlSyntax = "R001"
  /// A key that the rule format does not know.
  case unknownKey = "R002"
  /// A missing or malformed value.
  case badValue = "R003"
  /// A pattern that does not parse.
  case patternSyntax = "R010"
  /// A literal of several syllables where one token is expected.
  case multiTokenLiteralInSingleSlot = "R011"
  /// An unknown token class.
  case unknownClass = "R012"
  /// An unknown capture referenced in an emission.
  case unknownCapture = "R013"
  /// A gazetteer file that does not exist (or exists twice).
  case missingGazetteer = "R014"
  /// An unknown macro, a macro cycle or a macro defined twice.
  case unknownMacro = "R015"
  /// A rule that can never match.
  case neverMatches = "R016"
  /// A rule id used twice.
  case duplicateRuleID = "R017"
  /// An unbounded or too large repetition.
  case unboundedRepetition = "R018"
  /// A malformed emission.
  case badEmission = "R019"
  /// A malformed example.
  case badExample = "R020"
  /// A file that cannot be read.
  case unreadableFile = "R030"
  /// A rule the index cannot place: it is tried at every token (a warning).
  case triedEverywhere = "R040"
}

/// A place in a rule file.
public struct SourceLocation: Sendable, Equatable, Hashable {
  /// The file's path.
  public var file: String
  /// Line, starting at 1.
  public var line: Int
  /// Column in characters, starting at 1.
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}
