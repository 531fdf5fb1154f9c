import RuleLanguage

/// A compiled pattern: a small program run by `Matcher` over the tokens.
///
/// Instructions form a graph; `split` prefers its first branch. Each `atom` consumes one or more
/// tokens; a gazetteer atom may end at several places (longest first).
struct Program: Sendable {
  enum Instruction: Sendable, Equatable {
    case atom(Int)
    case split(Int, Int)
    case jump(Int)
    case save(Int)
    /// The next token must touch the previous one (no space between).
    case glue
    case match
  }

  var instructions: [Instruction] = []
  var atoms: [AtomInfo] = []
  /// The most tokens a match can span.
  var maxSpan = 0
}

/// The token classes as bits of a per-token mask.
enum ClassBit: Int, CaseIterable, Sendable {
  case money, count, percent, area, date, period, number, time, word, cap, upper, punct, newline,
    any, other

  init?(name: String) {
    switch name {
    case "MONEY": self = .money
    case "COUNT": self = .count
    case "PERCENT": self = .percent
    case "AREA": self = .area
    case "DATE": self = .date
    case "PERIOD": self = .period
    case "NUMBER": self = .number
    case "TIME": self = .time
    case "WORD": self = .word
    case "CAP": self = .cap
    case "UPPER": self = .upper
    case "PUNCT": self = .punct
    case "NL": self = .newline
    case "ANY": self = .any
    case "OTHER": self = .other
    default: return nil
    }
  }

  var mask: UInt32 { 1 << UInt32(rawValue) }

  /// Classes whose tokens carry a typed value a role emission can target.
  var isTyped: Bool {
    switch self {
    case .money, .count, .percent, .area, .date, .period, .number, .time: return true
    default: return false
    }
  }
}

/// One token of a compiled literal.
struct LiteralPiece: Sendable, Equatable {
  var lower: Int32
  var fold: Int32
  var exact: [UInt32]
  var glued: Bool
}

/// What an atom matches.
indirect enum Atom: Sendable, Equatable {
  case literal([LiteralPiece], LiteralMode)
  case tokenClass(ClassBit)
  case code
  case gazetteer(Int)
  case any
  case not([Atom])
}

/// An atom with the pattern text it came from, for `explain`.
struct AtomInfo: Sendable {
  var atom: Atom
  /// The element as written (`"phát hiện"`, `MONEY`, `@provinces`).
  var label: String
  /// Where it is written.
  var location: SourceLocation
  /// Character offset in the rule's own pattern (or in the macro, see `macro`).
  var column: Int
  /// The macro the atom comes from, if any.
  var macro: String?
}
