import RuleLanguage

/// A compiled pattern: a small program run by `Matcher` over the tokens. Immutable.
///
/// Instructions form a graph; `split` prefers its first branch. Each `atom` consumes one or more
/// tokens; a gazetteer atom may end at several places (longest first). Atoms are plain values
/// (indices into `pieces` and `tokenSets`), so the hot loop copies no reference-counted payloads.
/// `@unchecked Sendable`: the unmanaged buffers are written once in `init` and only read after.
final class Program: @unchecked Sendable {
  enum Instruction: Sendable, Equatable {
    case atom(Int)
    case split(Int, Int)
    case jump(Int)
    case save(Int)
    /// The next token must touch the previous one (no space between).
    case glue
    case match
  }

  let instructions: [Instruction]
  let atoms: [Atom]
  let atomInfo: [AtomInfo]
  let pieces: [LiteralPiece]
  /// Exact scalars of each piece, for case-sensitive literals.
  let exact: [[UInt32]]
  /// The sets of one-token elements inside `!( … )`.
  let tokenSets: [TokenSet]
  /// The most tokens a match can span.
  let maxSpan: Int

  // Unmanaged copies for the matcher's inner loop (no reference counting).
  let instructionPointer: UnsafeMutableBufferPointer<Instruction>
  let atomPointer: UnsafeMutableBufferPointer<Atom>
  let piecePointer: UnsafeMutableBufferPointer<LiteralPiece>
  let setPointer: UnsafeMutableBufferPointer<FrozenTokenSet>
  let filterPointer: UnsafeMutableBufferPointer<Int32>
  /// Case-sensitive literal candidates of the token sets that have any.
  let exactTables: [[Int32: [[UInt32]]]]

  deinit {
    UnmanagedBuffer.free(instructionPointer)
    UnmanagedBuffer.free(atomPointer)
    UnmanagedBuffer.free(piecePointer)
    for s in setPointer { s.deallocate() }
    UnmanagedBuffer.free(setPointer)
    UnmanagedBuffer.free(filterPointer)
  }

  init(_ b: ProgramBuilder) {
    instructions = b.instructions
    atoms = b.atoms
    atomInfo = b.atomInfo
    pieces = b.pieces
    exact = b.exact
    tokenSets = b.tokenSets
    maxSpan = b.maxSpan
    instructionPointer = UnmanagedBuffer.make(b.instructions)
    atomPointer = UnmanagedBuffer.make(b.atoms)
    piecePointer = UnmanagedBuffer.make(b.pieces)
    var tables: [[Int32: [[UInt32]]]] = []
    var frozen: [FrozenTokenSet] = []
    for set in b.tokenSets {
      var index: Int32 = -1
      if !set.exact.isEmpty {
        index = Int32(tables.count)
        tables.append(set.exact)
      }
      frozen.append(FrozenTokenSet(set, exactIndex: index))
    }
    exactTables = tables
    setPointer = UnmanagedBuffer.make(frozen)
    filterPointer = UnmanagedBuffer.make(b.filters.isEmpty ? [Int32](repeating: -1, count: b.instructions.count) : b.filters)
  }
}

/// A program under construction.
struct ProgramBuilder {
  var instructions: [Program.Instruction] = []
  var atoms: [Atom] = []
  var atomInfo: [AtomInfo] = []
  var pieces: [LiteralPiece] = []
  var exact: [[UInt32]] = []
  var tokenSets: [TokenSet] = []
  /// Per instruction: the token set a thread starting there must begin with, or -1.
  var filters: [Int32] = []
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
  var glued: Bool
}

/// What an atom matches.
enum Atom: Sendable, Equatable {
  /// Pieces `first ..< first + count` of the program's `pieces`.
  case literal(first: Int32, count: Int32, LiteralMode)
  case tokenClass(ClassBit)
  case code
  case gazetteer(Int)
  case any
  /// One token (not a newline) outside `tokenSets[set]`.
  case not(set: Int32)
  /// One token inside `tokenSets[set]`: alternatives of one-token elements, tested at once.
  case oneOf(set: Int32)
}

/// An atom with the pattern text it came from, for `explain`.
struct AtomInfo: Sendable {
  /// The element as written (`"phát hiện"`, `MONEY`, `@provinces`).
  var label: String
  /// Where it is written.
  var location: SourceLocation
  /// Character offset in the rule's own pattern (or in the macro, see `macro`).
  var column: Int
  /// The macro the atom comes from, if any.
  var macro: String?
}

/// Something a document must contain for a rule to have any chance there.
indirect enum Requirement: Sendable, Equatable, Hashable {
  case lower(Int32)
  case fold(Int32)
  case classBit(ClassBit)
  /// At least one of these (alternatives, gazetteer entries).
  case anyOf([Requirement])
}
