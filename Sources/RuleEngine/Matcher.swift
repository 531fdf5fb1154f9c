#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RuleLanguage
import Tokenization

/// One match of a rule: token range and capture slots (token indices, -1 when unset).
///
/// The slots of up to `inlineSlots / 2` captures are kept inline, so that a match allocates
/// nothing (most rules have one to four captures); a rule with more keeps them all in an array.
struct RuleMatch: Sendable {
  var start: Int
  var end: Int
  private var inline: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32) = (-1, -1, -1, -1, -1, -1, -1, -1)
  private var more: [Int]?
  static let inlineSlots = 8

  init(start: Int, end: Int, slots: UnsafeBufferPointer<Int>) {
    self.start = start
    self.end = end
    if slots.count > RuleMatch.inlineSlots {
      more = Array(slots)
    } else {
      withUnsafeMutableBytes(of: &inline) { raw in
        let p = raw.bindMemory(to: Int32.self)
        for k in 0..<slots.count { p[k] = Int32(truncatingIfNeeded: slots[k]) }
      }
    }
  }

  /// Slot `k` (token index, or -1).
  func slot(_ k: Int) -> Int {
    if let more { return more[k] }
    precondition(k >= 0 && k < RuleMatch.inlineSlots)
    return withUnsafeBytes(of: inline) { Int($0.load(fromByteOffset: 4 * k, as: Int32.self)) }
  }

  func capture(_ k: Int) -> Range<Int>? {
    let a = slot(2 * k), b = slot(2 * k + 1)
    guard a >= 0, b >= a else { return nil }
    return a..<b
  }
}

/// How far a failed attempt got: the farthest token reached and the atoms that failed there.
struct MatchTrace {
  var farthest = -1
  var failedAtoms: [Int] = []
  var glueFailed = false

  mutating func fail(atom: Int, at pos: Int) {
    if pos > farthest {
      farthest = pos
      failedAtoms = [atom]
      glueFailed = false
    } else if pos == farthest, !failedAtoms.contains(atom) {
      failedAtoms.append(atom)
    }
  }

  mutating func failGlue(at pos: Int) {
    if pos > farthest {
      farthest = pos
      failedAtoms = []
      glueFailed = true
    } else if pos == farthest {
      glueFailed = true
    }
  }
}

/// Working memory for `Matcher`: the visited set, capture slots and backtracking stack, in
/// unmanaged buffers that grow as needed. Used by one thread at a time (see `ScratchPool`).
final class MatchScratch: @unchecked Sendable {
  /// A backtracking frame, 8 bytes: `a >= 0` resumes at instruction `a`, token `b`; `a < 0`
  /// restores capture slot `-1 - a` to `b`.
  struct Frame {
    var a: Int32
    var b: Int32
  }

  var stamps: UnsafeMutablePointer<UInt32>
  var stampCapacity = 1024
  var generation: UInt32 = 0
  var slots: UnsafeMutablePointer<Int>
  var slotCapacity = 64
  var stack: UnsafeMutablePointer<Frame>
  var stackCapacity = 256
  /// Matcher steps (instructions executed) since the counter was last reset, for
  /// `MatchCounters`.
  var steps = 0

  init() {
    stamps = MatchScratch.zeroedStamps(stampCapacity)
    slots = .allocate(capacity: slotCapacity)
    stack = .allocate(capacity: stackCapacity)
  }

  deinit {
    free(stamps)
    slots.deallocate()
    stack.deallocate()
    scanMemory?.deallocate()
    keyMemo?.deallocate()
  }

  /// Makes room for `count` stamps; new room is zeroed and the generation restarts.
  func reserveStamps(_ count: Int) {
    guard count > stampCapacity else { return }
    free(stamps)
    stampCapacity = max(count, stampCapacity * 2)
    stamps = MatchScratch.zeroedStamps(stampCapacity)
    generation = 0
  }

  /// `count` zeroed stamps from `calloc`: a large program's visited set spans megabytes, of
  /// which an attempt touches only the offsets near its start, so the pages are left for the
  /// system to zero when first touched instead of being cleared up front.
  private static func zeroedStamps(_ count: Int) -> UnsafeMutablePointer<UInt32> {
    guard let raw = calloc(count, MemoryLayout<UInt32>.stride) else { fatalError("out of memory") }
    return raw.bindMemory(to: UInt32.self, capacity: count)
  }

  func reserveSlots(_ count: Int) {
    guard count > slotCapacity else { return }
    slots.deallocate()
    slotCapacity = max(count, slotCapacity * 2)
    slots = .allocate(capacity: slotCapacity)
  }

  /// Doubles the stack, keeping its first `depth` frames.
  @inline(never)
  func growStack(keeping depth: Int) {
    let bigger = UnsafeMutablePointer<Frame>.allocate(capacity: stackCapacity * 2)
    bigger.moveInitialize(from: stack, count: depth)
    stack.deallocate()
    stack = bigger
    stackCapacity *= 2
  }

  /// The scan's arrays of `RuleSet.run`, kept with the rest of the scratch so that a document
  /// allocates none of them: per rule, whether it is active and the last four starts tried;
  /// and room for the (rule, start) pairs of one token, four per rule.
  struct ScanBuffers {
    var active: UnsafeMutableBufferPointer<Bool>
    var tried: UnsafeMutableBufferPointer<Int32>
    var batchRule: UnsafeMutablePointer<Int32>
    var batchStart: UnsafeMutablePointer<Int32>
  }

  private var scanMemory: UnsafeMutableRawPointer?
  private var scanRules = -1
  private var keyMemo: UnsafeMutablePointer<KeyMemo.Slot>?

  /// The key memo of the documents this scratch serves (`KeyMemo`), made on first use. The
  /// scratch belongs to one rule set's pool, so the ids it remembers stay that rule set's.
  func keyMemoSlots() -> UnsafeMutablePointer<KeyMemo.Slot> {
    if let keyMemo { return keyMemo }
    let slots = UnsafeMutablePointer<KeyMemo.Slot>.allocate(capacity: KeyMemo.size)
    slots.initialize(repeating: KeyMemo.Slot(low: 0, high: 0, lowerID: -1, foldID: -1, shape: 0), count: KeyMemo.size)
    keyMemo = slots
    return slots
  }

  /// `ScanBuffers` for `ruleCount` rules (contents left from the last document).
  func scanBuffers(ruleCount: Int) -> ScanBuffers {
    let rules = max(1, ruleCount), quads = 4 * rules
    // Three lists of `quads` words, then a flag per rule.
    let flagOffset = 3 * quads * MemoryLayout<Int32>.stride
    if ruleCount != scanRules {
      scanMemory?.deallocate()
      let memory = UnsafeMutableRawPointer.allocate(
        byteCount: flagOffset + rules, alignment: MemoryLayout<Int32>.alignment)
      // Initialized once, so that each document may simply overwrite what it uses.
      memory.initializeMemory(as: UInt8.self, repeating: 0, count: flagOffset + rules)
      scanMemory = memory
      scanRules = ruleCount
    }
    let words = scanMemory!.bindMemory(to: Int32.self, capacity: 3 * quads)
    let flags = (scanMemory! + flagOffset).bindMemory(to: Bool.self, capacity: rules)
    return ScanBuffers(
      active: UnsafeMutableBufferPointer(start: flags, count: rules),
      tried: UnsafeMutableBufferPointer(start: words, count: quads), batchRule: words + quads,
      batchStart: words + 2 * quads)
  }
}

/// Runs a `Program` at one start token: backtracking in the pattern's preference order, with
/// a visited set over (instruction, token) so that no state is explored twice — the work is
/// bounded by instructions × span, never exponential.
///
/// Whether a state can still lead to a match depends only on (instruction, token), never on the
/// captures so far; so a state seen before has failed, and skipping it (or a branch whose first
/// token cannot be this one) changes nothing about which path matches first.
enum Matcher {
  /// The first match of `program` at token `start`, or nil.
  ///
  /// Most attempts fail on their first token (a title head's first word that begins no title
  /// head here): when the program lists its first atoms, they are tried here, inlined into the
  /// caller, and the attempt ends without setting up the visited set, slots and stack if none
  /// matches. (Such an attempt counts one step.) `explain`'s traces always take the full run.
  @inline(__always)
  static func run(
    _ program: Program, captureCount: Int, gazetteers: UnsafeMutableBufferPointer<FrozenGazetteer>, doc: DocumentView,
    start: Int, scratch: MatchScratch, trace: UnsafeMutablePointer<MatchTrace>? = nil
  ) -> RuleMatch? {
    if trace == nil, program.firstOps.count > 0, !canStart(program, gazetteers: gazetteers, doc: doc, at: start) {
      scratch.steps &+= 1
      return nil
    }
    return execute(
      program, captureCount: captureCount, gazetteers: gazetteers, doc: doc, start: start, scratch: scratch,
      trace: trace)
  }

  /// Whether one of the program's first atoms (`Program.firstOps`) matches at `pos`.
  @inline(__always)
  static func canStart(
    _ program: Program, gazetteers: UnsafeMutableBufferPointer<FrozenGazetteer>, doc: DocumentView, at pos: Int
  ) -> Bool {
    guard pos < doc.count else { return false }
    let first = program.firstOps
    let lower = doc.lowerIDs[pos], mask = doc.classMasks[pos]
    for k in 0..<first.count {
      let op = first.baseAddress! + k
      let a = op.pointee.a
      switch op.pointee.code {
      case .lower: if lower == a { return true }
      case .fold: if doc.foldIDs[pos] == a { return true }
      case .classes: if mask & UInt32(bitPattern: a) != 0 { return true }
      case .any: if mask & ClassBit.newline.mask == 0 { return true }
      case .oneOf, .not:
        let inside = FrozenTokenSet.contains(
          UnsafePointer(program.setPointer.baseAddress! + Int(a)), mask: mask, lower: lower, fold: doc.foldIDs[pos],
          doc, pos, program)
        if inside == (op.pointee.code == .oneOf) && (inside || mask & ClassBit.newline.mask == 0) { return true }
      case .gazetteer:
        if gazetteers[Int(a)].hasEntry(doc.lowerIDs, count: doc.count, from: pos) { return true }
      case .literal:
        if lower == op.pointee.b && matchAtom(program.atomPointer[Int(a)], program: program, doc: doc, at: pos) >= 0 {
          return true
        }
      case .foldLiteral:
        if doc.foldIDs[pos] == op.pointee.b
          && matchAtom(program.atomPointer[Int(a)], program: program, doc: doc, at: pos) >= 0
        {
          return true
        }
      case .code:
        if matchAtom(program.atomPointer[Int(a)], program: program, doc: doc, at: pos) >= 0 { return true }
      case .match, .split, .save, .glue, .jump:
        return true
      }
    }
    return false
  }

  @inline(never)
  static func execute(
    _ program: Program, captureCount: Int, gazetteers: UnsafeMutableBufferPointer<FrozenGazetteer>, doc: DocumentView,
    start: Int, scratch: MatchScratch, trace: UnsafeMutablePointer<MatchTrace>?
  ) -> RuleMatch? {
    let ops = program.opPointer.baseAddress!
    let pcCount = program.opPointer.count
    let sets = UnsafePointer(program.setPointer.baseAddress!)
    let width = program.maxSpan + 1
    if pcCount * width > scratch.stampCapacity { scratch.reserveStamps(pcCount * width) }
    scratch.generation &+= 1
    if scratch.generation == 0 {
      scratch.stamps.update(repeating: 0, count: scratch.stampCapacity)
      scratch.generation = 1
    }
    let gen = scratch.generation
    let classMasks = doc.classMasks.baseAddress!, lowerIDs = doc.lowerIDs.baseAddress!
    let foldIDs = doc.foldIDs.baseAddress!, docCount = doc.count
    let stamps = scratch.stamps
    let slotCount = 2 * captureCount
    if slotCount > scratch.slotCapacity { scratch.reserveSlots(slotCount) }
    let slots = scratch.slots
    for k in 0..<slotCount { slots[k] = -1 }
    // The stack lives in locals; `scratch` only hears of it when it must grow.
    var stack = scratch.stack, capacity = scratch.stackCapacity, depth = 0
    @inline(__always) func push(_ a: Int32, _ b: Int) {
      if depth == capacity {
        scratch.growStack(keeping: depth)
        stack = scratch.stack
        capacity = scratch.stackCapacity
      }
      stack[depth] = MatchScratch.Frame(a: a, b: Int32(truncatingIfNeeded: b))
      depth += 1
    }
    /// Whether token set `f` holds the token with class mask `m` and keys `l`, `fo` at `pos`:
    /// the class and lower-case bits here, the rare diacritic-free and case-sensitive members
    /// in `FrozenTokenSet.contains`.
    func admits(_ f: Int32, _ m: UInt32, _ l: Int32, _ fo: Int32, _ pos: Int) -> Bool {
      let set = sets + Int(f)
      switch FrozenTokenSet.quickContains(set, mask: m, lower: l) {
      case .yes: return true
      case .no: return false
      case .ask: return FrozenTokenSet.contains(set, mask: m, lower: l, fold: fo, doc, pos, program)
      }
    }
    @inline(__always) func fail(_ pc: Int, _ pos: Int) {
      if let trace, case .atom(let a) = program.instructions[pc] { trace.pointee.fail(atom: a, at: pos) }
    }
    push(Int32(program.startPC), start)
    var steps = 0
    var result: RuleMatch? = nil
    run: while depth > 0 {
      depth -= 1
      let frame = stack[depth]
      if frame.a < 0 {
        slots[Int(-1 - frame.a)] = Int(frame.b)
        continue
      }
      var pc = Int(frame.a)
      var pos = Int(frame.b)
      thread: while true {
        let op = ops + pc
        if op.pointee.checked {
          let offset = pos - start
          if offset >= width { break thread }
          // Offset-major: an attempt touches a few offsets near its start, so its stamps stay
          // in a few cache lines however large the program.
          let key = offset &* pcCount &+ pc
          if stamps[key] == gen { break thread }
          stamps[key] = gen
        }
        steps &+= 1
        switch op.pointee.code {
        case .match:
          result = RuleMatch(start: start, end: pos, slots: UnsafeBufferPointer(start: slots, count: slotCount))
          break run
        case .jump:
          pc = Int(op.pointee.next)
        case .split:
          // Skip a branch whose first token cannot be this one (see `addBranchFilters`).
          let f1 = op.pointee.filterA, f2 = op.pointee.filterB
          var take1 = f1 < 0, take2 = f2 < 0
          if (!take1 || !take2) && pos < docCount {
            let m = classMasks[pos], l = lowerIDs[pos], f = foldIDs[pos]
            if !take1 { take1 = admits(f1, m, l, f, pos) }
            if !take2 { take2 = admits(f2, m, l, f, pos) }
          }
          if let trace {
            let ins = program.instructions[pc]
            if case .split(let first, let second) = ins {
              if !take1 { recordFilterFailure(program, from: first, at: pos, trace: trace) }
              if !take2 { recordFilterFailure(program, from: second, at: pos, trace: trace) }
            }
          }
          if take1 {
            if take2 { push(op.pointee.b, pos) }
            pc = Int(op.pointee.a)
          } else if take2 {
            // Only the second branch: go on with it here rather than push it and pop it again.
            pc = Int(op.pointee.b)
          } else {
            break thread
          }
        case .save:
          let slot = Int(op.pointee.a)
          push(-1 - op.pointee.a, slots[slot])
          slots[slot] = pos
          pc = Int(op.pointee.next)
        case .glue:
          guard pos < docCount && doc.touchesPrevious(pos) else {
            trace?.pointee.failGlue(at: pos)
            break thread
          }
          pc = Int(op.pointee.next)
        case .lower:
          guard pos < docCount && lowerIDs[pos] == op.pointee.a else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .fold:
          guard pos < docCount && foldIDs[pos] == op.pointee.a else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .classes:
          guard pos < docCount && classMasks[pos] & UInt32(bitPattern: op.pointee.a) != 0 else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .any:
          guard pos < docCount && classMasks[pos] & ClassBit.newline.mask == 0 else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .not:
          guard pos < docCount && classMasks[pos] & ClassBit.newline.mask == 0,
            !admits(op.pointee.a, classMasks[pos], lowerIDs[pos], foldIDs[pos], pos)
          else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .oneOf:
          guard pos < docCount, admits(op.pointee.a, classMasks[pos], lowerIDs[pos], foldIDs[pos], pos) else {
            fail(pc, pos)
            break thread
          }
          pos += 1
          pc = Int(op.pointee.next)
        case .gazetteer:
          // Every entry ending here: push the shorter ones, continue with the longest.
          let next = op.pointee.next
          let longest = gazetteers[Int(op.pointee.a)].walk(doc.lowerIDs, count: docCount, from: pos) { shorter in
            push(next, shorter)
          }
          guard longest >= 0 else {
            fail(pc, pos)
            break thread
          }
          pos = longest
          pc = Int(next)
        case .literal, .foldLiteral, .code:
          let code = op.pointee.code
          guard code == .code || pos < docCount && (code == .literal ? lowerIDs : foldIDs)[pos] == op.pointee.b else {
            fail(pc, pos)
            break thread
          }
          let end = matchAtom(program.atomPointer[Int(op.pointee.a)], program: program, doc: doc, at: pos)
          guard end >= 0 else {
            fail(pc, pos)
            break thread
          }
          pos = end
          pc = Int(op.pointee.next)
        }
      }
    }
    scratch.steps &+= steps
    return result
  }

  /// For `explain`: the atoms a filtered-out branch would have tried first, as failures.
  static func recordFilterFailure(
    _ program: Program, from pc: Int, at pos: Int, trace: UnsafeMutablePointer<MatchTrace>
  ) {
    var seen = Set<Int>()
    var work = [pc]
    while let p = work.popLast() {
      guard p < program.instructions.count, seen.insert(p).inserted else { continue }
      switch program.instructions[p] {
      case .split(let a, let b): work.append(b); work.append(a)
      case .jump(let a): work.append(a)
      case .save, .glue: work.append(p + 1)
      case .match: break
      case .atom(let k): trace.pointee.fail(atom: k, at: pos)
      }
    }
  }

  /// The end of a one-place atom at `pos`, or -1 (gazetteers: see `Gazetteer.ends`).
  @inline(__always)
  static func matchAtom(_ atom: Atom, program: Program, doc: DocumentView, at pos: Int) -> Int {
    guard pos < doc.count else { return -1 }
    switch atom {
    case .tokenClass(let bit):
      return doc.classMasks[pos] & bit.mask != 0 ? pos + 1 : -1
    case .any:
      return doc.classMasks[pos] & ClassBit.newline.mask == 0 ? pos + 1 : -1
    case .literal(let first, let count, let mode):
      return matchLiteral(program, Int(first), Int(count), mode, doc: doc, at: pos)
    case .code:
      return matchCode(doc: doc, at: pos)
    case .not(let set):
      if doc.classMasks[pos] & ClassBit.newline.mask != 0 { return -1 }
      return program.setPointer[Int(set)].contains(doc, pos, program) ? -1 : pos + 1
    case .oneOf(let set):
      return program.setPointer[Int(set)].contains(doc, pos, program) ? pos + 1 : -1
    case .gazetteer:
      return -1
    }
  }

  static func matchLiteral(
    _ program: Program, _ first: Int, _ count: Int, _ mode: LiteralMode, doc: DocumentView, at pos: Int
  ) -> Int {
    var t = pos
    for k in 0..<count {
      guard t < doc.count else { return -1 }
      let p = program.piecePointer[first + k]
      switch mode {
      case .caseInsensitive:
        if doc.lowerIDs[t] != p.lower { return -1 }
      case .diacriticInsensitive:
        if doc.foldIDs[t] != p.fold { return -1 }
      case .caseSensitive:
        if doc.lowerIDs[t] != p.lower { return -1 }
        let exact = program.exact[first + k]
        let s = Int(doc.starts[t]), e = Int(doc.ends[t])
        if e - s != exact.count { return -1 }
        for j in 0..<exact.count where doc.scalar(s + j) != exact[j] { return -1 }
      }
      if k > 0 && p.glued && !doc.touchesPrevious(t) { return -1 }
      t += 1
    }
    return t
  }

  /// A maximal run of glued tokens that looks like a document number (`65-NQ/BCSĐ`).
  static func matchCode(doc: DocumentView, at pos: Int) -> Int {
    func isJoiner(_ t: Int) -> Bool {
      let s = Int(doc.starts[t])
      guard doc.ends[t] - doc.starts[t] == 1 else { return false }
      switch doc.scalar(s) {
      case 0x2D, 0x2F, 0x2E, 0x5F, 0x26, 0x2013: return true  // - / . _ & –
      default: return false
      }
    }
    let punct = ClassBit.punct.mask, newline = ClassBit.newline.mask
    if doc.classMasks[pos] & (punct | newline) != 0 { return -1 }
    var t = pos
    let limit = min(doc.count, pos + PatternCompiler.codeMaxTokens)
    while t < limit {
      let m = doc.classMasks[t]
      if m & newline != 0 { break }
      if t > pos && !doc.touchesPrevious(t) { break }
      if m & punct != 0 && !isJoiner(t) { break }
      t += 1
    }
    // No trailing joiner: `65-NQ/BCSĐ.` ends before the full stop.
    while t > pos + 1 && doc.classMasks[t - 1] & punct != 0 { t -= 1 }
    // A code has a digit or a capital letter somewhere.
    for k in Int(doc.starts[pos])..<Int(doc.ends[t - 1]) {
      let c = doc.scalar(k)
      if (c >= 0x30 && c <= 0x39) || ScalarCase.upper(c) { return t }
    }
    return -1
  }
}
