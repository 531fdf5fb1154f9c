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
  /// The instructions in the form `Matcher.run` executes (see `Op`), same numbering.
  let opPointer: UnsafeMutableBufferPointer<Op>
  /// Where a thread starts: instruction 0, or where the jumps from it lead.
  let startPC: Int
  /// The atoms every match begins with (their instructions), when there are at most
  /// `Program.maxFirstAtoms` and the pattern cannot match empty text or begin with glue; else
  /// empty. An attempt where none of them matches at the start token fails without setting up
  /// (see `Matcher.run`).
  let firstAtomPCs: [Int]
  static let maxFirstAtoms = 32
  /// The ops at `firstAtomPCs`, for `Matcher.canStart`.
  let firstOps: UnsafeMutableBufferPointer<Op>

  /// Case-sensitive literal candidates of the token sets that have any.
  let exactTables: [[Int32: [[UInt32]]]]

  deinit {
    UnmanagedBuffer.free(instructionPointer)
    UnmanagedBuffer.free(atomPointer)
    UnmanagedBuffer.free(piecePointer)
    for s in setPointer { s.deallocate() }
    UnmanagedBuffer.free(setPointer)
    UnmanagedBuffer.free(filterPointer)
    UnmanagedBuffer.free(opPointer)
    UnmanagedBuffer.free(firstOps)
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
    let filters = b.filters.isEmpty ? [Int32](repeating: -1, count: b.instructions.count) : b.filters
    filterPointer = UnmanagedBuffer.make(filters)
    let ops = Op.lower(b.instructions, atoms: b.atoms, pieces: b.pieces, filters: filters)
    opPointer = UnmanagedBuffer.make(ops)
    startPC = Op.destination(of: 0, in: b.instructions)
    let firsts = Program.firstAtomPCs(b.instructions)
    firstAtomPCs = firsts
    firstOps = UnmanagedBuffer.make(firsts.map { ops[$0] })
  }

  private static func firstAtomPCs(_ instructions: [Instruction]) -> [Int] {
    var seen = Set<Int>()
    var found: [Int] = []
    var work = [0]
    while let pc = work.popLast() {
      guard pc < instructions.count else { return [] }
      guard seen.insert(pc).inserted else { continue }
      switch instructions[pc] {
      case .atom: found.append(pc)
      case .split(let a, let b): work += [b, a]
      case .jump(let a): work.append(a)
      case .save: work.append(pc + 1)
      case .glue, .match: return []
      }
    }
    return found.count <= maxFirstAtoms ? found : []
  }
}

/// One instruction as the matcher executes it: a flat record, so that a step is one load and
/// one jump-table dispatch, without a second dispatch on the atom or a copy of an enum payload.
///
/// Lowered from `Program.Instruction` with the same numbering (the visited set and `explain`'s
/// traces speak of the same instructions), with changes that do not alter what matches:
/// - Jumps are threaded: a `split` branch or a `next` that leads to a `jump` leads to where the
///   jump goes, so no step is spent on jumps. (A jump's own visited mark adds nothing: its
///   target is marked at the same token right after it.)
/// - The common atoms get their own codes with the operand inline: a one-syllable literal is
///   one comparison of key ids, a class one mask test.
struct Op {

  enum Code: UInt8 {
    case match
    /// Try `a` (if token set `filterA` admits the token, or there is none), then `b`.
    case split
    /// Restore point, then slot `a` = the current token.
    case save
    /// The token must touch the previous one.
    case glue
    /// A one-syllable case-insensitive literal: lower-case key `a`.
    case lower
    /// A one-syllable diacritic-insensitive literal: diacritic-free key `a`.
    case fold
    /// Any other literal: atom `a` (`Matcher.matchLiteral`), whose first syllable has
    /// lower-case key `b` (a quick test first).
    case literal
    /// The same for a diacritic-insensitive literal: `b` is the diacritic-free key.
    case foldLiteral
    /// A token whose class mask meets `a`.
    case classes
    /// Any token but a newline.
    case any
    /// A token (not a newline) outside token set `a`.
    case not
    /// A token inside token set `a`.
    case oneOf
    /// Gazetteer `a`: every entry starting here.
    case gazetteer
    case code
    /// A jump to `next`. Every way in is threaded past it, so it runs only if a jump led back
    /// to itself, which compiled patterns never do.
    case jump
  }

  var code: Code
  /// Whether the matcher must look this op up in the visited set. Not when its only way in is
  /// from one op that reaches it at most once per token (a split, or an op that moves from each
  /// token to one other, different for different tokens — not a gazetteer or `CODE`, which can
  /// end at one token from several): then that op's own mark already keeps it from running twice.
  var checked = true
  var a: Int32
  var b: Int32
  /// The instruction after this one (jumps threaded).
  var next: Int32
  /// For `split`: the branch filters (`Program.filterPointer` of the original targets), or -1.
  var filterA: Int32
  var filterB: Int32

  /// Where control arriving at `pc` really goes: through any jumps.
  static func destination(of pc: Int, in instructions: [Program.Instruction]) -> Int {
    var p = pc
    var hops = 0
    while p < instructions.count, case .jump(let t) = instructions[p], hops <= instructions.count {
      p = t
      hops += 1
    }
    return p
  }

  static func lower(
    _ instructions: [Program.Instruction], atoms: [Atom], pieces: [LiteralPiece], filters: [Int32]
  ) -> [Op] {
    func dest(_ pc: Int) -> Int32 { Int32(destination(of: pc, in: instructions)) }
    func filter(_ pc: Int) -> Int32 { pc < filters.count ? filters[pc] : -1 }
    var ops = instructions.enumerated().map { pc, ins in
      var op = Op(code: .match, a: 0, b: 0, next: pc + 1 < instructions.count ? dest(pc + 1) : Int32(pc + 1),
                  filterA: -1, filterB: -1)
      switch ins {
      case .match: break
      case .jump(let t):
        op.code = .jump
        op.next = dest(t)
      case .split(let x, let y):
        op.code = .split
        op.a = dest(x)
        op.b = dest(y)
        op.filterA = filter(x)
        op.filterB = filter(y)
      case .save(let slot):
        op.code = .save
        op.a = Int32(slot)
      case .glue: op.code = .glue
      case .atom(let k):
        op.a = Int32(k)
        switch atoms[k] {
        case .literal(let first, let count, let mode) where count == 1 && mode == .caseInsensitive:
          op.code = .lower
          op.a = pieces[Int(first)].lower
        case .literal(let first, let count, let mode) where count == 1 && mode == .diacriticInsensitive:
          op.code = .fold
          op.a = pieces[Int(first)].fold
        case .literal(let first, _, let mode):
          op.code = mode == .diacriticInsensitive ? .foldLiteral : .literal
          op.b = mode == .diacriticInsensitive ? pieces[Int(first)].fold : pieces[Int(first)].lower
        case .tokenClass(let bit):
          op.code = .classes
          op.a = Int32(bitPattern: bit.mask)
        case .any: op.code = .any
        case .not(let set):
          op.code = .not
          op.a = set
        case .oneOf(let set):
          op.code = .oneOf
          op.a = set
        case .gazetteer(let g):
          op.code = .gazetteer
          op.a = Int32(g)
        case .code: op.code = .code
        }
      }
      return op
    }
    // Ways into each op; an entry from a gazetteer or CODE counts as many.
    var ways = [Int](repeating: 0, count: ops.count + 1)
    func enter(_ pc: Int32, _ n: Int) { if pc >= 0 && Int(pc) < ways.count { ways[Int(pc)] += n } }
    enter(Int32(destination(of: 0, in: instructions)), 1)
    for op in ops {
      switch op.code {
      case .match: break
      case .split:
        enter(op.a, 1)
        enter(op.b, 1)
      case .gazetteer, .code: enter(op.next, 2)
      default: enter(op.next, 1)
      }
    }
    for pc in ops.indices { ops[pc].checked = ways[pc] != 1 }
    return ops
  }
}

/// A program under construction.
struct ProgramBuilder {
  var instructions: [Program.Instruction] = []
  var atoms: [Atom] = []
  var atomInfo: [AtomInfo] = []
  var pieces: [LiteralPiece] = []
  var exact: [[UInt32]] = []
  private(set) var tokenSets: [TokenSet] = []
  /// Per instruction: the token set a thread starting there must begin with, or -1.
  var filters: [Int32] = []
  var maxSpan = 0
  /// `tokenSets` by content. A repetition is compiled as copies of its body, whose token sets
  /// (one-token alternatives, branch filters) are the same: `%TITLE_PIECE{0,10}` four times over
  /// made thousands of copies of a few sets, megabytes the matcher read from all over memory.
  /// Each distinct set is stored once.
  private var tokenSetIDs: [TokenSet: Int32] = [:]

  /// The index of `set` in `tokenSets`, added if no equal set is there yet.
  mutating func add(_ set: TokenSet) -> Int32 {
    if let k = tokenSetIDs[set] { return k }
    let k = Int32(tokenSets.count)
    tokenSets.append(set)
    tokenSetIDs[set] = k
    return k
  }
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

extension Atom {
  var isGazetteer: Bool {
    if case .gazetteer = self { return true }
    return false
  }
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
