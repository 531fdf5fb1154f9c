import RuleLanguage
import VNText

/// Turns a pattern's syntax tree into a `Program`: macros expanded, literals normalized and
/// interned, repetitions unrolled, captures numbered. Collects diagnostics instead of failing.
struct PatternCompiler {
  /// The most tokens a `CODE` element covers.
  static let codeMaxTokens = 24

  var keys: KeyTable
  let macros: [String: MacroSyntax]
  let gazetteerIndex: [String: Int]
  let gazetteerMaxLength: [Int]
  /// Key ids of each gazetteer's first tokens (for branch filters).
  var gazetteerFirstKeys: [[Int32]] = []
  /// Literals normalized and split into token pieces, each once (see `LiteralPieces`).
  let pieces = LiteralPieces()

  var program = ProgramBuilder()
  var captureNames: [String] = []
  /// For each capture: the gazetteer it captures directly, if any; whether it is one typed class.
  var captureGazetteer: [Int?] = []
  var captureTypedClass: [ClassBit?] = []
  var diagnostics: [Diagnostic] = []
  /// Whether any diacritic-insensitive literal was compiled.
  var usesFold = false

  private var macroStack: [String] = []
  private var source: PatternSource!

  init(keys: KeyTable, macros: [String: MacroSyntax], gazetteerIndex: [String: Int],
       gazetteerMaxLength: [Int]) {
    self.keys = keys
    self.macros = macros
    self.gazetteerIndex = gazetteerIndex
    self.gazetteerMaxLength = gazetteerMaxLength
  }

  /// Compiles `pattern` into a fresh program.
  mutating func compile(_ pattern: PatternSource) -> Program? {
    program = ProgramBuilder()
    captureNames = []
    captureGazetteer = []
    captureTypedClass = []
    source = pattern
    guard let root = pattern.element else { return nil }
    program.maxSpan = emit(root, glued: false)
    program.instructions.append(.match)
    addBranchFilters()
    return Program(program)
  }

  /// For each instruction, the tokens a thread starting there can begin with, when that is a
  /// closed set (literals, classes, gazetteer first words). `split` checks the filter of each
  /// branch before taking it, so alternatives that cannot start at this token cost nothing.
  private mutating func addBranchFilters() {
    let n = program.instructions.count
    program.filters = [Int32](repeating: -1, count: n)
    var targets = Set<Int>()
    for ins in program.instructions {
      if case .split(let a, let b) = ins { targets.insert(a); targets.insert(b) }
    }
    for pc in targets.sorted() where pc < n {
      var set = TokenSet()
      var closed = true
      var seen = Set<Int>()
      var work = [pc]
      while let p = work.popLast(), closed {
        guard p < n, seen.insert(p).inserted else { continue }
        switch program.instructions[p] {
        case .split(let a, let b): work.append(b); work.append(a)
        case .jump(let a): work.append(a)
        case .save: work.append(p + 1)
        case .glue, .match: closed = false
        case .atom(let k):
          switch program.atoms[k] {
          case .literal(let first, _, let mode):
            let piece = program.pieces[Int(first)]
            if mode == .diacriticInsensitive {
              TokenSet.set(&set.foldBits, piece.fold)
            } else {
              TokenSet.set(&set.lowerBits, piece.lower)
            }
          case .tokenClass(let bit): set.classMask |= bit.mask
          case .oneOf(let s):
            let inner = program.tokenSets[Int(s)]
            set.classMask |= inner.classMask
            for (w, word) in inner.lowerBits.enumerated() where word != 0 {
              for b in 0..<64 where word & (1 << UInt64(b)) != 0 { TokenSet.set(&set.lowerBits, Int32(w * 64 + b)) }
            }
            for (w, word) in inner.foldBits.enumerated() where word != 0 {
              for b in 0..<64 where word & (1 << UInt64(b)) != 0 { TokenSet.set(&set.foldBits, Int32(w * 64 + b)) }
            }
            for k in inner.exact.keys { TokenSet.set(&set.lowerBits, k) }
          case .gazetteer(let g):
            if g < gazetteerFirstKeys.count {
              for k in gazetteerFirstKeys[g] { TokenSet.set(&set.lowerBits, k) }
            } else {
              closed = false
            }
          case .any, .not, .code: closed = false
          }
        }
      }
      guard closed else { continue }
      program.filters[pc] = program.add(set)
    }
  }

  // MARK: Code generation; each function returns the most tokens the element can span.

  private mutating func emit(_ e: PatternElement, glued: Bool) -> Int {
    switch e.kind {
    case .literal(let text, let mode):
      let split = pieces(text)
      if split.isEmpty { return 0 }
      let first = Int32(program.pieces.count)
      for p in split { addPiece(p, mode: mode, glued: glued) }
      addAtom(.literal(first: first, count: Int32(split.count), mode), e)
      return split.count
    case .tokenClass(let name):
      if name == "CODE" {
        addAtom(.code, e)
        return PatternCompiler.codeMaxTokens
      }
      guard let bit = ClassBit(name: name) else { return 1 }  // reported by the parser
      addAtom(bit == .any ? .any : .tokenClass(bit), e)
      return 1
    case .anyToken:
      addAtom(.any, e)
      return 1
    case .gazetteer(let name):
      guard let g = gazetteerIndex[name] else {
        report(.missingGazetteer, "gazetteer file '\(name).txt' not found under the rules folder", e)
        return 1
      }
      addAtom(.gazetteer(g), e)
      return gazetteerMaxLength[g]
    case .macro(let name):
      guard let m = macros[name] else {
        let hint = macros.keys.sorted().min { editDistance($0, name) < editDistance($1, name) }
          .flatMap { editDistance($0, name) <= 2 ? "; did you mean '%\($0)'?" : nil } ?? ""
        report(.unknownMacro, "unknown macro '%\(name)'" + hint, e)
        return 1
      }
      if macroStack.contains(name) {
        report(.unknownMacro, "macro '%\(name)' uses itself (\((macroStack + [name]).joined(separator: " → ")))", e)
        return 1
      }
      guard let body = m.pattern.element else { return 1 }
      let saved = source
      macroStack.append(name)
      source = m.pattern
      let span = emit(body, glued: glued)
      source = saved
      macroStack.removeLast()
      return span
    case .sequence(let xs):
      var span = 0
      for (k, x) in xs.enumerated() {
        if glued && k > 0 { program.instructions.append(.glue) }
        span += emit(x, glued: glued)
      }
      return span
    case .alternatives(let xs) where xs.count > 2 && isSingleTokenChoice(e):
      // `(="Nguyễn" | ="Trần" | …)`: one set lookup instead of a chain of a hundred tries.
      var atoms: [Atom] = []
      collectSingleTokenAtoms(e, into: &atoms)
      addAtom(.oneOf(set: makeTokenSet(atoms)), e)
      return 1
    case .alternatives(let written):
      // Adjacent one-token alternatives become one set lookup: each takes exactly one token
      // and goes on to the same place, so their order among themselves decides nothing.
      // (`("ông" | "bà" | "đồng chí" | …)`: `"ông" | "bà"` is one step.)
      var xs: [PatternElement] = []
      var run: [PatternElement] = []
      func flush() {
        if run.count >= 2, let first = run.first, let last = run.last {
          xs.append(PatternElement(.alternatives(run), offset: first.offset, length: last.offset + last.length - first.offset))
        } else {
          xs += run
        }
        run = []
      }
      for x in written {
        if isSingleTokenChoice(x) {
          run.append(x)
        } else {
          flush()
          xs.append(x)
        }
      }
      flush()
      if xs.count == 1, case .alternatives = xs[0].kind, xs[0] != e {
        var atoms: [Atom] = []
        collectSingleTokenAtoms(xs[0], into: &atoms)
        addAtom(.oneOf(set: makeTokenSet(atoms)), e)
        return 1
      }
      // split L1, next; L1: a; jump end; next: split L2, next2; ... last: z; end:
      var jumps: [Int] = []
      var span = 0
      for (k, x) in xs.enumerated() {
        if k < xs.count - 1 {
          let split = program.instructions.count
          program.instructions.append(.split(split + 1, -1))
          span = max(span, emitChoice(x, glued: glued))
          jumps.append(program.instructions.count)
          program.instructions.append(.jump(-1))
          program.instructions[split] = .split(split + 1, program.instructions.count)
        } else {
          span = max(span, emitChoice(x, glued: glued))
        }
      }
      let end = program.instructions.count
      for j in jumps { program.instructions[j] = .jump(end) }
      return span
    case .repetition(let body, let minCount, let maxCount, let lazyWritten):
      let upper = maxCount ?? max(minCount, 1)
      guard upper >= minCount, upper > 0 else { return 0 }  // reported by the parser
      // Gaps (`[]{m,n}`, `ANY{m,n}`) are lazy: the closest match wins.
      let lazy = lazyWritten || body.kind == .anyToken || body.kind == .tokenClass("ANY")
      var span = 0
      var iteration = 0
      for _ in 0..<minCount {
        if glued && iteration > 0 { program.instructions.append(.glue) }
        span += emit(body, glued: glued)
        iteration += 1
      }
      var exits: [Int] = []
      for _ in minCount..<upper {
        exits.append(program.instructions.count)
        program.instructions.append(.split(-1, -1))
        if glued && iteration > 0 { program.instructions.append(.glue) }
        span += emit(body, glued: glued)
        iteration += 1
      }
      let end = program.instructions.count
      for x in exits {
        program.instructions[x] = lazy ? .split(end, x + 1) : .split(x + 1, end)
      }
      return span
    case .capture(let name, let inner):
      let slot: Int
      if let k = captureNames.firstIndex(of: name) {
        slot = k
      } else {
        slot = captureNames.count
        captureNames.append(name)
        captureGazetteer.append(nil)
        captureTypedClass.append(nil)
      }
      switch inner.kind {
      case .gazetteer(let g): captureGazetteer[slot] = gazetteerIndex[g]
      case .tokenClass(let c):
        if let bit = ClassBit(name: c), bit.isTyped { captureTypedClass[slot] = bit }
      default: break
      }
      program.instructions.append(.save(2 * slot))
      let span = emit(inner, glued: glued)
      program.instructions.append(.save(2 * slot + 1))
      return span
    case .negation(let inner):
      var atoms: [Atom] = []
      collectSingleTokenAtoms(inner, into: &atoms)
      addAtom(.not(set: makeTokenSet(atoms)), e)
      return 1
    case .glued(let inner):
      return emit(inner, glued: true)
    }
  }

  /// One alternative: a run of one-token alternatives (see `.alternatives` in `emit`) as one
  /// set lookup, anything else as written.
  private mutating func emitChoice(_ x: PatternElement, glued: Bool) -> Int {
    if case .alternatives(let run) = x.kind, run.count >= 2, isSingleTokenChoice(x) {
      var atoms: [Atom] = []
      collectSingleTokenAtoms(x, into: &atoms)
      addAtom(.oneOf(set: makeTokenSet(atoms)), x)
      return 1
    }
    return emit(x, glued: glued)
  }

  private mutating func collectSingleTokenAtoms(_ e: PatternElement, into atoms: inout [Atom]) {
    switch e.kind {
    case .literal(let text, let mode):
      guard let p = pieces(text).first else { return }
      let first = Int32(program.pieces.count)
      addPiece(p, mode: mode, glued: false)
      atoms.append(.literal(first: first, count: 1, mode))
    case .tokenClass(let name):
      if let bit = ClassBit(name: name) { atoms.append(bit == .any ? .any : .tokenClass(bit)) }
    case .anyToken: atoms.append(.any)
    case .alternatives(let xs): for x in xs { collectSingleTokenAtoms(x, into: &atoms) }
    case .capture(_, let x): collectSingleTokenAtoms(x, into: &atoms)
    case .macro(let name):
      guard let m = macros[name], let body = m.pattern.element, !macroStack.contains(name) else {
        report(.unknownMacro, "unknown macro '%\(name)'", e)
        return
      }
      macroStack.append(name)
      let saved = source
      source = m.pattern
      collectSingleTokenAtoms(body, into: &atoms)
      source = saved
      macroStack.removeLast()
    default: break  // reported by the parser
    }
  }

  /// True for an element that is always exactly one token from a fixed set: a one-syllable
  /// literal, a one-token class, or alternatives (and macros) of those, without captures.
  private func isSingleTokenChoice(_ e: PatternElement, depth: Int = 0) -> Bool {
    guard depth < 32 else { return false }
    switch e.kind {
    case .literal(let text, _):
      return pieces(text).count == 1
    case .tokenClass(let name): return name != "CODE" && ClassBit(name: name) != nil
    case .anyToken: return true
    case .alternatives(let xs): return xs.allSatisfy { isSingleTokenChoice($0, depth: depth + 1) }
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return false }
      return isSingleTokenChoice(body, depth: depth + 1)
    default: return false
    }
  }

  private mutating func makeTokenSet(_ atoms: [Atom]) -> Int32 {
    var set = TokenSet()
    for a in atoms {
      switch a {
      case .literal(let first, _, let mode):
        let piece = program.pieces[Int(first)]
        switch mode {
        case .caseInsensitive: TokenSet.set(&set.lowerBits, piece.lower)
        case .diacriticInsensitive: TokenSet.set(&set.foldBits, piece.fold)
        case .caseSensitive: set.exact[piece.lower, default: []].append(program.exact[Int(first)])
        }
      case .tokenClass(let bit): set.classMask |= bit.mask
      case .any: set.classMask |= ClassBit.any.mask
      default: break
      }
    }
    return program.add(set)
  }

  /// What every match of `e` must contain: literal syllables (by key id) and token classes.
  /// A document that lacks one of them cannot match, so the rule is skipped for it.
  mutating func requirements(of e: PatternElement, depth: Int = 0) -> [Requirement] {
    guard depth < 32 else { return [] }
    switch e.kind {
    case .literal(let text, let mode):
      return pieces(text).map { p in
        let scalars = p.text.unicodeScalars.map(\.value)
        return mode == .diacriticInsensitive
          ? .fold(keys.intern(KeyTable.foldKey(scalars))) : .lower(keys.intern(KeyTable.lowerKey(scalars)))
      }
    case .tokenClass(let name):
      guard let bit = ClassBit(name: name), bit != .any else { return [] }
      return [.classBit(bit)]
    case .sequence(let xs): return xs.flatMap { requirements(of: $0, depth: depth + 1) }
    case .capture(_, let x), .glued(let x): return requirements(of: x, depth: depth + 1)
    case .repetition(let x, let minCount, _, _):
      return minCount >= 1 ? requirements(of: x, depth: depth + 1) : []
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return [] }
      return requirements(of: body, depth: depth + 1)
    case .alternatives(let xs):
      var firsts: [Requirement] = []
      for x in xs {
        guard let first = requirements(of: x, depth: depth + 1).first else { return [] }
        firsts.append(first)
      }
      return [.anyOf(firsts)]
    case .gazetteer(let name):
      guard let g = gazetteerIndex[name], g < gazetteerFirstKeys.count, !gazetteerFirstKeys[g].isEmpty
      else { return [] }
      return [.anyOf(gazetteerFirstKeys[g].map { .lower($0) })]
    default: return []
    }
  }

  private mutating func addPiece(_ p: LiteralSplitter.Piece, mode: LiteralMode, glued: Bool) {
    let scalars = p.text.unicodeScalars.map(\.value)
    let lower = keys.intern(KeyTable.lowerKey(scalars))
    var fold: Int32 = -1
    if mode == .diacriticInsensitive {
      fold = keys.intern(KeyTable.foldKey(scalars))
      usesFold = true
    }
    program.pieces.append(LiteralPiece(lower: lower, fold: fold, glued: p.glued || glued))
    program.exact.append(scalars)
  }

  private mutating func addAtom(_ atom: Atom, _ e: PatternElement) {
    let text = Array(source.text.unicodeScalars)
    let lo = min(e.offset, text.count), hi = min(e.offset + e.length, text.count)
    let label = String(String.UnicodeScalarView(text[lo..<hi]))
    program.atoms.append(atom)
    program.atomInfo.append(
      AtomInfo(
        label: label, location: source.location(ofOffset: e.offset),
        column: e.offset + 1, macro: macroStack.last))
    program.instructions.append(.atom(program.atoms.count - 1))
  }

  private mutating func report(_ code: DiagnosticCode, _ message: String, _ e: PatternElement) {
    diagnostics.append(Diagnostic(code, message, at: source.location(ofOffset: e.offset)))
  }
}

/// Literals normalized and split into token pieces, memoized. While a rule set compiles, the
/// same literal is measured many times over (a macro's alternatives are expanded in every rule
/// that uses it, and the length, span, first-token and anchor passes each walk the pattern), and
/// normalizing and splitting it each time was most of the loading time.
final class LiteralPieces {
  private var known: [String: [LiteralSplitter.Piece]] = [:]
  private let normalizer = Normalizer()

  /// The pieces of literal `text`, normalized as documents are.
  func callAsFunction(_ text: String) -> [LiteralSplitter.Piece] {
    if let p = known[text] { return p }
    let p = LiteralSplitter.split(normalizer.normalize(text).string)
    known[text] = p
    return p
  }
}
