import Foundation
import RuleLanguage
import Tokenization
import VNText

/// A compiled, indexed set of rules: load once per run, then annotate any number of documents
/// from any number of threads.
///
/// `@unchecked Sendable`: the index tables live in unmanaged memory that is written once in
/// `init` and only read afterwards (and freed in `deinit`).
public final class RuleSet: @unchecked Sendable {
  let rules: [CompiledRule]
  let gazetteers: [Gazetteer]
  let keys: KeyTable
  let usesFold: Bool
  /// Rules that can start at any token.
  let always: [Int32]
  // The index for the scan, as compressed rows (see `RuleIndexTable`): rules by the lower-case
  // or diacritic-free key id, or the class, of a possible first token; a rule that starts with
  // a short left context by the token after it. A token's rules by key or class come in one
  // row each, the rules that start at the token and those found
  // through the token after their context together: entries are `rule × 4 + L` (L = 0 for the
  // rules that start at the token), so the scan reads three rows per token, not six.
  let startLowerRows: RuleIndexTable
  /// Rules by a lower-case key their first token (or the token after their context) has only
  /// in capitalized shape (`="Nguyễn"`), entries as above: read only at tokens of that shape.
  let startCapitalizedRows: RuleIndexTable
  let startFoldRows: RuleIndexTable
  let startClassRows: RuleIndexTable
  /// The classes with a row in `startClassRows`.
  let startClassMask: UInt32
  let alwaysRows: RuleIndexTable
  /// Rules that start with a literal of two or more syllables, by the key ids of their first
  /// two tokens (the second level of the literal trie).
  let pairRows: PairIndexTable
  /// Rules that start with a one-token class followed by keys only, by the class (as
  /// `-1 - ClassBit.rawValue`) and the key of the token after it.
  let classPairRows: PairIndexTable
  /// The classes with rows in `classPairRows`.
  let classPairMask: UInt32
  /// Every rule's anchors (see `Anchor`): rule r owns `ruleAnchorStarts[r] ..< ruleAnchorStarts[r + 1]`
  /// of `ruleAnchorIDs` (distinct anchor sets) and `ruleAnchorOffsets` (its window).
  let ruleAnchorStarts: UnsafeMutableBufferPointer<Int32>
  let ruleAnchorIDs: UnsafeMutableBufferPointer<Int32>
  let ruleAnchorOffsets: UnsafeMutableBufferPointer<Int32>
  /// Whether the window of each rule anchor also ends at the next line break (`Anchor.inLine`).
  let ruleAnchorInLine: UnsafeMutableBufferPointer<Bool>
  /// Which anchor sets each key and class belongs to: a document view marks where each set
  /// occurs (`DocumentView.anchorBits`).
  let anchorMasks: AnchorMasks
  /// Per distinct anchor set, the rules with an anchor of that set (none is tried in a document
  /// without the set).
  let anchorSetRules: RuleIndexTable
  /// Per lower-case key id, where its rows begin and end in `startLowerRows` and
  /// `startCapitalizedRows` and whether it begins a pair key: what the scan needs of a token's
  /// key in one load.
  let keyRows: UnsafeMutableBufferPointer<KeyRow>
  /// The document prefilter (`CompiledRule.requirements`) as bit masks (see `RequirementMasks`).
  let requirements: RequirementMasks
  /// `keys` in unmanaged memory, for building document views.
  let frozenKeys: FrozenKeys
  /// Per rule, what the scan needs, without reference counting.
  struct RuleRef {
    let program: Unmanaged<Program>
    let captureCount: Int
  }
  let ruleRefs: UnsafeMutableBufferPointer<RuleRef>
  /// The gazetteers' tries as plain data (see `FrozenGazetteer`).
  let gazetteerTable: UnsafeMutableBufferPointer<FrozenGazetteer>
  /// Working memory for the matcher, reused across documents and threads.
  let scratchPool = ScratchPool()

  /// `sha256:<hex>` over every rule and gazetteer file (sorted relative paths and contents).
  public let fingerprint: String
  /// Files read, relative to the rules folder.
  public let files: [String]

  /// The number of rules.
  public var ruleCount: Int { rules.count }

  /// Every annotation type a rule can give (the token kinds a role can target, the entity
  /// types of the emissions), sorted: candidates carry a type's index here, so that comparing
  /// two indices orders them as their names would.
  let typeNames: [String]
  /// The index in `typeNames` of each token kind, by `TokenKind.ordinal`.
  let kindTypeIndex: [Int32]
  /// Per rule, per emission: the index in `typeNames` of an entity emission's type (-1 for a
  /// role, whose type is that of the token it targets).
  let emissionTypeIndex: [[Int32]]
  /// Per rule, what the conflict policy compares: priority, file order, and the rank of its id
  /// among the ids sorted (equal ids, equal ranks: ordering by rank orders by id). Plain
  /// numbers, read without touching the rule objects.
  let ruleKeys: [ConflictResolver.RuleKey]

  /// The ids of all rules, in file order.
  public var ruleIDs: [String] { rules.map(\.id) }

  init(
    rules: [CompiledRule], gazetteers: [Gazetteer], keys: KeyTable, usesFold: Bool,
    fingerprint: String, files: [String]
  ) {
    self.rules = rules
    self.gazetteers = gazetteers
    self.keys = keys
    self.usesFold = usesFold
    self.fingerprint = fingerprint
    self.files = files
    let entityTypes = rules.flatMap { $0.emissions.map(\.entityType) }.filter { !$0.isEmpty }
    typeNames = Array(Set(TokenKind.allCases.map(\.rawValue) + entityTypes)).sorted()
    let typeIndex = Dictionary(uniqueKeysWithValues: typeNames.enumerated().map { ($1, Int32($0)) })
    precondition(TokenKind.ordinalsAreCasePositions, "TokenKind is no longer a plain one-byte enum")
    kindTypeIndex = TokenKind.allCases.map { typeIndex[$0.rawValue]! }
    emissionTypeIndex = rules.map { rule in rule.emissions.map { $0.entityType.isEmpty ? -1 : typeIndex[$0.entityType]! } }
    let ids = Array(Set(rules.map(\.id))).sorted()
    let idRank = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, Int32($0)) })
    ruleKeys = rules.map {
      ConflictResolver.RuleKey(
        priority: Int32(clamping: $0.priority), order: Int32(clamping: $0.order), idRank: idRank[$0.id]!)
    }
    var byLower = [[Int32]](repeating: [], count: keys.count)
    var byCapitalized = [[Int32]](repeating: [], count: keys.count)
    var byFold = [[Int32]](repeating: [], count: keys.count)
    var byClass = [[Int32]](repeating: [], count: ClassBit.allCases.count)
    var always: [Int32] = []
    var byLowerPair: [Int64: [Int32]] = [:]
    var byClassPair: [Int64: [Int32]] = [:]
    var byLowerNext = [[Int32]](repeating: [], count: keys.count)
    var byCapitalizedNext = [[Int32]](repeating: [], count: keys.count)
    var byFoldNext = [[Int32]](repeating: [], count: keys.count)
    var byClassNext = [[Int32]](repeating: [], count: ClassBit.allCases.count)
    for (r, rule) in rules.enumerated() {
      let ri = Int32(r)
      let firsts = RuleSet.firstAtoms(rule.program).atoms
      if firsts.count == 1, case .literal(let first, let count, let mode) = rule.program.atoms[firsts[0]],
        mode != .diacriticInsensitive, count >= 2
      {
        let p = rule.program.pieces
        byLowerPair[RuleSet.pairKey(p[Int(first)].lower, p[Int(first) + 1].lower), default: []].append(ri)
        continue
      }
      let keys = RuleSet.startKeys(firsts, rule.program, gazetteers)
      // A short left context (`(NL | !"Thái") p:="Bình Dương"`, `("," | "tại" | …) p:…`): when
      // what follows it is the more selective (no classes, and fewer keys or a context that can
      // be a line break: `(NL | %PROVINCE_LEFT) p:@provinces_namelike` is found through the few
      // province names, not at every line break and preceding word), or the context can be any
      // token, index the rule by the token after the context and start that much earlier.
      // (Counted on the bench corpus: `n:COUNT ("," | "đã" …)` is better found through COUNT,
      // as the words after it are common, so a class other than NL does not count as less
      // selective.)
      if let seconds = RuleSet.secondAtoms(firsts, rule.program) {
        let keyed = seconds.map { (RuleSet.startKeys($0.atoms, rule.program, gazetteers), $0.offset) }
        let closed = !keyed.contains(where: { $0.0.anywhere })
        let nextKeyCount = keyed.reduce(0) { $0 + $1.0.lower.count + $1.0.fold.count }
        let nextHasClasses = keyed.contains { !$0.0.classes.isEmpty }
        let firstKeyCount = keys.lower.count + keys.fold.count
        let afterLineBreak = keys.classes.contains(ClassBit.newline.rawValue)
        if closed && (keys.anywhere || (!nextHasClasses && (nextKeyCount < firstKeyCount || afterLineBreak))) {
          for (next, offset) in keyed {
            // Entry: rule × 4 + how many tokens the context before the anchor covers.
            let entry = ri * 4 + Int32(offset)
            for k in next.lower {
              if next.capitalizedOnly.contains(k) {
                if !byCapitalizedNext[Int(k)].contains(entry) { byCapitalizedNext[Int(k)].append(entry) }
              } else if !byLowerNext[Int(k)].contains(entry) {
                byLowerNext[Int(k)].append(entry)
              }
            }
            for k in next.fold where !byFoldNext[Int(k)].contains(entry) { byFoldNext[Int(k)].append(entry) }
            for c in next.classes where !byClassNext[c].contains(entry) { byClassNext[c].append(entry) }
          }
          continue
        }
        // A one-token class followed by keys only (`n:COUNT ("theo kế hoạch" | "đột xuất" | …)`):
        // by the class and the next token's key together, not at every token of the class.
        let classes = firsts.compactMap { a -> Int? in
          if case .tokenClass(let bit) = rule.program.atoms[a] { return bit.rawValue }
          return nil
        }
        if classes.count == firsts.count && seconds.allSatisfy({ $0.offset == 1 })
          && keyed.allSatisfy({ !$0.0.anywhere && $0.0.classes.isEmpty && $0.0.fold.isEmpty })
        {
          for (c, (next, _)) in zip(classes, keyed) {
            for k in next.lower {
              let key = RuleSet.pairKey(Int32(-1 - c), k)
              if byClassPair[key]?.last != ri { byClassPair[key, default: []].append(ri) }
            }
          }
          continue
        }
      }
      if !keys.anywhere {
        // First atoms that are literals of two or more syllables are indexed by their first two
        // tokens (`("Công an" | "UBND" | …)` is not tried at every "công"), gazetteers likewise
        // but for their one-token entries (@organizations not at every "bộ" and "thanh"); the
        // others by their first token.
        var single: [Int] = []
        var pairs: [Int64] = []
        var gazetteerSingles = Set<Int32>()
        for a in firsts {
          if case .literal(let first, let count, let mode) = rule.program.atoms[a], mode != .diacriticInsensitive,
            count >= 2
          {
            let p = rule.program.pieces
            pairs.append(RuleSet.pairKey(p[Int(first)].lower, p[Int(first) + 1].lower))
          } else if case .gazetteer(let g) = rule.program.atoms[a] {
            let starts = RuleSet.gazetteerStarts(gazetteers[g])
            gazetteerSingles.formUnion(starts.singles)
            pairs += starts.pairs
          } else {
            single.append(a)
          }
        }
        let singleKeys = RuleSet.startKeys(single, rule.program, gazetteers)
        for k in Set(pairs) { byLowerPair[k, default: []].append(ri) }
        for k in singleKeys.lower.union(gazetteerSingles) {
          if singleKeys.capitalizedOnly.contains(k) && !gazetteerSingles.contains(k) {
            byCapitalized[Int(k)].append(ri)
          } else {
            byLower[Int(k)].append(ri)
          }
        }
        for k in singleKeys.fold { byFold[Int(k)].append(ri) }
        for c in singleKeys.classes { byClass[c].append(ri) }
        continue
      }
      always.append(ri)
    }
    /// One key's or class's row: the rules starting there (L = 0), then those after a context.
    func merged(_ starting: [[Int32]], _ next: [[Int32]]) -> [[Int32]] {
      zip(starting, next).map { a, b in a.map { $0 * 4 } + b }
    }
    startLowerRows = RuleIndexTable(merged(byLower, byLowerNext))
    startCapitalizedRows = RuleIndexTable(merged(byCapitalized, byCapitalizedNext))
    startFoldRows = RuleIndexTable(merged(byFold, byFoldNext))
    let classRows = merged(byClass, byClassNext)
    startClassRows = RuleIndexTable(classRows)
    var classMask: UInt32 = 0
    for (bit, row) in classRows.enumerated() where !row.isEmpty { classMask |= 1 << UInt32(bit) }
    startClassMask = classMask
    alwaysRows = RuleIndexTable([always])
    pairRows = PairIndexTable(byLowerPair)
    classPairRows = PairIndexTable(byClassPair)
    var classPairMask: UInt32 = 0
    for key in byClassPair.keys { classPairMask |= 1 << UInt32(-1 - (key >> 32)) }
    self.classPairMask = classPairMask
    // Lower-case key ids that begin some pair key, as bits (`KeyRow.beginsPair`): most tokens
    // begin none, and skip the hash probe.
    var pairFirsts = [UInt64](repeating: 0, count: keys.count / 64 + 1)
    for key in byLowerPair.keys { pairFirsts[Int(key >> 32) >> 6] |= 1 << UInt64((key >> 32) & 63) }
    self.always = always
    var ruleAnchorStarts: [Int32] = [0]
    var ruleAnchorIDs: [Int32] = []
    var ruleAnchorOffsets: [Int32] = []
    var ruleAnchorInLine: [Bool] = []
    var distinct: [AnchorKey: Int32] = [:]
    var anchorLower = [[Int32]](repeating: [], count: keys.count)
    var anchorFold = [[Int32]](repeating: [], count: keys.count)
    var anchorClass = [[Int32]](repeating: [], count: ClassBit.allCases.count)
    var anchorCapitalized = [[Int32]](repeating: [], count: keys.count)
    for rule in rules {
      for a in rule.anchors {
        let key = AnchorKey(a.set)
        let id: Int32
        if let known = distinct[key] {
          id = known
        } else {
          id = Int32(distinct.count)
          distinct[key] = id
          for (w, word) in a.set.lowerBits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 && w * 64 + b < keys.count {
              anchorLower[w * 64 + b].append(id)
            }
          }
          for (w, word) in a.set.foldBits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 && w * 64 + b < keys.count {
              anchorFold[w * 64 + b].append(id)
            }
          }
          for (w, word) in a.set.capitalizedLowerBits.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 && w * 64 + b < keys.count {
              // Already counted on any token with this key: no need to count it again.
              if !TokenSet.test(a.set.lowerBits, Int32(w * 64 + b)) { anchorCapitalized[w * 64 + b].append(id) }
            }
          }
          for bit in ClassBit.allCases where a.set.classMask & bit.mask != 0 {
            anchorClass[bit.rawValue].append(id)
          }
        }
        ruleAnchorIDs.append(id)
        ruleAnchorOffsets.append(Int32(a.maxOffset))
        ruleAnchorInLine.append(a.inLine)
      }
      ruleAnchorStarts.append(Int32(ruleAnchorIDs.count))
    }
    self.ruleAnchorStarts = UnmanagedBuffer.make(ruleAnchorStarts)
    self.ruleAnchorIDs = UnmanagedBuffer.make(ruleAnchorIDs)
    self.ruleAnchorOffsets = UnmanagedBuffer.make(ruleAnchorOffsets)
    self.ruleAnchorInLine = UnmanagedBuffer.make(ruleAnchorInLine)
    anchorMasks = AnchorMasks(
      setCount: distinct.count, lower: anchorLower, capitalized: anchorCapitalized, fold: anchorFold,
      classes: anchorClass)
    var rulesBySet = [[Int32]](repeating: [], count: distinct.count)
    for r in rules.indices {
      let ids = ruleAnchorIDs[Int(ruleAnchorStarts[r])..<Int(ruleAnchorStarts[r + 1])]
      for id in ids where rulesBySet[Int(id)].last != Int32(r) { rulesBySet[Int(id)].append(Int32(r)) }
    }
    anchorSetRules = RuleIndexTable(rulesBySet)
    var rows: [KeyRow] = []
    for k in 0..<keys.count {
      rows.append(
        KeyRow(
          start: startLowerRows.row(k), capitalized: startCapitalizedRows.row(k),
          beginsPair: pairFirsts[k >> 6] & (1 << UInt64(k & 63)) != 0))
    }
    keyRows = UnmanagedBuffer.make(rows)
    requirements = RequirementMasks(rules: rules)
    frozenKeys = keys.freeze()
    ruleRefs = UnmanagedBuffer.make(rules.map { RuleRef(program: .passUnretained($0.program), captureCount: $0.captureNames.count) })
    gazetteerTable = UnmanagedBuffer.make(gazetteers.map(\.frozen))
  }

  deinit {
    startLowerRows.free()
    startCapitalizedRows.free()
    startFoldRows.free()
    startClassRows.free()
    alwaysRows.free()
    pairRows.free()
    classPairRows.free()
    UnmanagedBuffer.free(keyRows)
    UnmanagedBuffer.free(ruleAnchorInLine)
    UnmanagedBuffer.free(ruleAnchorStarts)
    UnmanagedBuffer.free(ruleAnchorIDs)
    UnmanagedBuffer.free(ruleAnchorOffsets)
    anchorMasks.free()
    anchorSetRules.free()
    UnmanagedBuffer.free(ruleRefs)
    frozenKeys.free()
    requirements.free()
    UnmanagedBuffer.free(gazetteerTable)
  }

  /// The keys, classes (and whether any token at all) that the atoms `atoms` can start with,
  /// and which of the keys count only on a token of capitalized shape
  /// (`DocumentView.capitalizedShape`): those of case-sensitive literals written `="Nguyễn"`.
  static func startKeys(_ atoms: [Int], _ program: Program, _ gazetteers: [Gazetteer])
    -> (lower: Set<Int32>, fold: Set<Int32>, classes: Set<Int>, anywhere: Bool, capitalizedOnly: Set<Int32>)
  {
    var lower = Set<Int32>(), fold = Set<Int32>(), classes = Set<Int>(), capitalized = Set<Int32>()
    var anywhere = false
    for a in atoms {
      switch program.atoms[a] {
      case .literal(let first, _, let mode):
        let p = program.pieces[Int(first)]
        switch mode {
        case .diacriticInsensitive: fold.insert(p.fold)
        case .caseSensitive where DocumentView.isCapitalizedShape(program.exact[Int(first)]):
          capitalized.insert(p.lower)
        default: lower.insert(p.lower)
        }
      case .tokenClass(let bit): classes.insert(bit.rawValue)
      case .gazetteer(let g): lower.formUnion(gazetteers[g].firstKeys)
      case .oneOf(let k):
        let set = program.tokenSets[Int(k)]
        for (w, word) in set.lowerBits.enumerated() where word != 0 {
          for b in 0..<64 where word & (1 << UInt64(b)) != 0 { lower.insert(Int32(w * 64 + b)) }
        }
        for (w, word) in set.foldBits.enumerated() where word != 0 {
          for b in 0..<64 where word & (1 << UInt64(b)) != 0 { fold.insert(Int32(w * 64 + b)) }
        }
        for (key, candidates) in set.exact {
          if candidates.allSatisfy(DocumentView.isCapitalizedShape) {
            capitalized.insert(key)
          } else {
            lower.insert(key)
          }
        }
        if set.classMask & ClassBit.any.mask != 0 { anywhere = true }
        for bit in ClassBit.allCases where set.classMask & bit.mask != 0 { classes.insert(bit.rawValue) }
      case .any, .not, .code: anywhere = true
      }
    }
    return (lower.union(capitalized), fold, classes, anywhere, capitalized.subtracting(lower))
  }

  /// When every first atom covers a fixed number of tokens (at most 3), the atoms that can
  /// come right after each of them, with that number: the rule can then be found through the
  /// token after its left context. Nil when that does not hold or the pattern could end there.
  static func secondAtoms(_ firsts: [Int], _ program: Program) -> [(atoms: [Int], offset: Int)]? {
    var result: [(atoms: [Int], offset: Int)] = []
    for a in firsts {
      let length: Int
      switch program.atoms[a] {
      case .tokenClass, .any, .not, .oneOf: length = 1
      case .literal(_, let count, _) where count <= 3: length = Int(count)
      default: return nil
      }
      guard let pc = program.instructions.firstIndex(of: .atom(a)) else { return nil }
      let (atoms, nullable) = firstAtoms(program, from: pc + 1)
      if nullable || atoms.isEmpty { return nil }
      result.append((atoms, length))
    }
    return result
  }

  /// Where a gazetteer's entries can start, for the index: the first keys of its one-token
  /// entries (a match can be that token alone) and the first two keys of the others.
  static func gazetteerStarts(_ g: Gazetteer) -> (singles: [Int32], pairs: [Int64]) {
    var singles: [Int32] = [], pairs: [Int64] = []
    for (first, node) in g.children[0] {
      if g.terminal[Int(node)] >= 0 {
        singles.append(first)
      } else {
        for second in g.children[Int(node)].keys { pairs.append(pairKey(first, second)) }
      }
    }
    return (singles, pairs)
  }

  @inline(__always) static func pairKey(_ a: Int32, _ b: Int32) -> Int64 {
    Int64(a) << 32 | Int64(UInt32(bitPattern: b))
  }

  /// The atoms a program can start with, and whether it can match without consuming a token.
  static func firstAtoms(_ program: Program, from start: Int = 0) -> (atoms: [Int], nullable: Bool) {
    var seen = Set<Int>()
    var atoms: [Int] = []
    var nullable = false
    var work = [start]
    while let pc = work.popLast() {
      guard pc < program.instructions.count, seen.insert(pc).inserted else { continue }
      switch program.instructions[pc] {
      case .atom(let a): atoms.append(a)
      case .split(let x, let y): work.append(y); work.append(x)
      case .jump(let x): work.append(x)
      case .save, .glue: work.append(pc + 1)
      case .match: nullable = true
      }
    }
    return (atoms, nullable)
  }
}

/// The scan's rows for one lower-case key id (see `RuleSet.keyRows`).
struct KeyRow {
  var startBegin: Int32
  var startEnd: Int32
  var capitalizedBegin: Int32
  var capitalizedEnd: Int32
  /// 1 when the key begins a pair key of `RuleSet.pairRows`.
  var beginsPair: Int32

  init(start: Range<Int>, capitalized: Range<Int>, beginsPair: Bool) {
    startBegin = Int32(start.lowerBound)
    startEnd = Int32(start.upperBound)
    capitalizedBegin = Int32(capitalized.lowerBound)
    capitalizedEnd = Int32(capitalized.upperBound)
    self.beginsPair = beginsPair ? 1 : 0
  }

  var start: Range<Int> { Int(startBegin)..<Int(startEnd) }
  var capitalized: Range<Int> { Int(capitalizedBegin)..<Int(capitalizedEnd) }
}

/// The document prefilter as plain data: the distinct requirement groups (one
/// `CompiledRule.requirements` entry: met when the document has one of its classes or keys),
/// each checked once per document against the document's key bitsets a word at a time, and per
/// group the rules that need it: a group the document does not meet rules them out. In
/// unmanaged memory; freed by the `RuleSet` that owns it.
struct RequirementMasks {
  /// Some words of a key-id bitset.
  struct KeyWord {
    var word: Int
    var bits: UInt64
  }

  /// Group g is met when the document has a class of `classes[g]`, a lower-case key of one of
  /// the words `keyWords[keyWordStarts[2g] ..< keyWordStarts[2g + 1]]` or a diacritic-free key
  /// of one of `keyWords[keyWordStarts[2g + 1] ..< keyWordStarts[2g + 2]]` (only words with
  /// keys are stored).
  let classes: UnsafeMutableBufferPointer<UInt32>
  let keyWordStarts: UnsafeMutableBufferPointer<Int32>
  let keyWords: UnsafeMutableBufferPointer<KeyWord>
  /// The rules that need group g: row g.
  let groupRules: RuleIndexTable

  init(rules: [CompiledRule]) {
    var groups: [Requirement: Int] = [:]
    var classes: [UInt32] = []
    var keyWordStarts: [Int32] = [0]
    var keyWords: [KeyWord] = []
    var needing: [[Int32]] = []
    func flatten(_ r: Requirement, _ classes: inout UInt32, _ lower: inout [UInt64], _ fold: inout [UInt64]) {
      switch r {
      case .lower(let id): TokenSet.set(&lower, id)
      case .fold(let id): TokenSet.set(&fold, id)
      case .classBit(let bit): classes |= bit.mask
      case .anyOf(let options): for o in options { flatten(o, &classes, &lower, &fold) }
      }
    }
    for (k, rule) in rules.enumerated() {
      for r in rule.requirements {
        if let g = groups[r] {
          if needing[g].last != Int32(k) { needing[g].append(Int32(k)) }
          continue
        }
        groups[r] = groups.count
        needing.append([Int32(k)])
        var c: UInt32 = 0
        var lower: [UInt64] = [], fold: [UInt64] = []
        flatten(r, &c, &lower, &fold)
        classes.append(c)
        for (w, bits) in lower.enumerated() where bits != 0 { keyWords.append(KeyWord(word: w, bits: bits)) }
        keyWordStarts.append(Int32(keyWords.count))
        for (w, bits) in fold.enumerated() where bits != 0 { keyWords.append(KeyWord(word: w, bits: bits)) }
        keyWordStarts.append(Int32(keyWords.count))
      }
    }
    groupRules = RuleIndexTable(needing)
    self.classes = UnmanagedBuffer.make(classes)
    self.keyWordStarts = UnmanagedBuffer.make(keyWordStarts)
    self.keyWords = UnmanagedBuffer.make(keyWords)
  }

  func free() {
    UnmanagedBuffer.free(classes)
    UnmanagedBuffer.free(keyWordStarts)
    UnmanagedBuffer.free(keyWords)
    groupRules.free()
  }

  /// Sets `active[r]` for each rule r whose groups the document meets: it has the key ids set in
  /// `presentLower` and `presentFold` and the classes of `presentClasses`.
  func markActive(
    _ active: UnsafeMutableBufferPointer<Bool>, presentLower: [UInt64], presentFold: [UInt64], presentClasses: UInt32
  ) {
    active.initialize(repeating: true)
    presentLower.withUnsafeBufferPointer { presentLower in
      presentFold.withUnsafeBufferPointer { presentFold in
        /// True when one of `keyWords[range]` has a key set in `present`.
        @inline(__always) func meets(_ present: UnsafeBufferPointer<UInt64>, _ begin: Int, _ end: Int) -> Bool {
          var k = begin
          while k < end {
            let w = keyWords[k].word
            if w < present.count && present[w] & keyWords[k].bits != 0 { return true }
            k &+= 1
          }
          return false
        }
        for g in 0..<classes.count {
          let lower = Int(keyWordStarts[2 &* g]), fold = Int(keyWordStarts[2 &* g &+ 1])
          let end = Int(keyWordStarts[2 &* g &+ 2])
          if classes[g] & presentClasses != 0 || meets(presentLower, lower, fold) || meets(presentFold, fold, end) {
            continue
          }
          for k in groupRules.row(g) { active[Int(groupRules.rules[k])] = false }
        }
      }
    }
  }
}

extension TokenKind {
  /// The case's position in `allCases` (declaration order): a plain enum is stored as that
  /// number, read here without hashing the raw value.
  @inline(__always) var ordinal: UInt8 { unsafeBitCast(self, to: UInt8.self) }

  /// Whether `ordinal` is each case's position in `allCases` (checked by the tests).
  static var ordinalsAreCasePositions: Bool {
    MemoryLayout<TokenKind>.size == 1 && allCases.enumerated().allSatisfy { Int($1.ordinal) == $0 }
  }
}
