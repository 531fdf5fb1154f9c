import RuleLanguage

/// Window anchors: an element every match of a rule contains, no further from the match's
/// start than a known number of tokens. At a start token where none of an anchor's tokens
/// occurs in that window, the rule cannot match and is not tried (see `RuleSet.run`).
///
/// Unlike the index (which looks at the first token only) and the document prefilter (which
/// looks at the whole document), this rejects the places where a common first token is far from
/// the rare element the rule also needs (`(NL | "," | "và" | …) p:="Thái Bình"` after every
/// comma; `"ông" … %NAME` where no surname follows).
struct Anchor: Sendable {
  /// The tokens the element can begin with.
  var set: TokenSet
  /// The most tokens between the match's start and the element's first token.
  var maxOffset: Int
  /// True when no token from the match's start to the element's first token can be a line
  /// break (nothing before the element can match `NL`, nor can its first token): the window
  /// then also ends at the next line break.
  var inLine: Bool
}

extension PatternCompiler {
  /// Classes too common to make an anchor worth checking.
  static let commonClasses: UInt32 =
    ClassBit.word.mask | ClassBit.cap.mask | ClassBit.upper.mask | ClassBit.punct.mask
    | ClassBit.number.mask | ClassBit.any.mask | ClassBit.other.mask

  /// The anchors worth checking for a pattern (at most `limit`), most selective first.
  mutating func anchors(of root: PatternElement, limit: Int = 3) -> [Anchor] {
    var found: [Anchor] = []
    collectAnchors(root, offset: 0, inLine: true, into: &found, depth: 0)
    var useful: [Anchor] = []
    // One element seen at several levels (a capture of a macro of alternatives) gives the same
    // set more than once: keep it once, with its smallest window.
    var seen: [AnchorSeenKey: Int] = [:]
    for a in found where a.maxOffset > 0 && a.set.classMask & PatternCompiler.commonClasses == 0
      && (a.set.classMask != 0 || a.set.lowerBits.contains { $0 != 0 } || a.set.foldBits.contains { $0 != 0 }
        || a.set.capitalizedLowerBits.contains { $0 != 0 })
    {
      let key = AnchorSeenKey(set: AnchorKey(a.set), inLine: a.inLine)
      if let k = seen[key] {
        useful[k].maxOffset = min(useful[k].maxOffset, a.maxOffset)
      } else {
        seen[key] = useful.count
        useful.append(a)
      }
    }
    func keyCount(_ a: Anchor) -> Int {
      (a.set.lowerBits + a.set.foldBits).reduce(0) { $0 + $1.nonzeroBitCount }
        + a.set.capitalizedLowerBits.reduce(0) { $0 + $1.nonzeroBitCount } / 2
        + (a.set.classMask != 0 ? 1000 : 0)
    }
    useful.sort { (keyCount($0), $0.maxOffset) < (keyCount($1), $1.maxOffset) }
    return Array(useful.prefix(limit))
  }

  /// `inLine`: nothing before `e` in a match can be a line break.
  private mutating func collectAnchors(
    _ e: PatternElement, offset: Int, inLine: Bool, into out: inout [Anchor], depth: Int
  ) {
    guard depth < 32 else { return }
    if minLength(e) >= 1, let set = firstSet(e, depth: depth) {
      let firstIsNoBreak = set.classMask & ClassBit.newline.mask == 0
      out.append(Anchor(set: set, maxOffset: offset, inLine: inLine && firstIsNoBreak))
    }
    switch e.kind {
    case .sequence(let xs):
      var off = offset
      var line = inLine
      for x in xs {
        collectAnchors(x, offset: off, inLine: line, into: &out, depth: depth + 1)
        off += maxSpan(x)
        line = line && !canMatchLineBreak(x)
      }
    case .capture(_, let x), .glued(let x):
      collectAnchors(x, offset: offset, inLine: inLine, into: &out, depth: depth + 1)
    case .repetition(let x, let minCount, _, _) where minCount >= 1:
      collectAnchors(x, offset: offset, inLine: inLine, into: &out, depth: depth + 1)
    case .macro(let name):
      if let body = macros[name]?.pattern.element {
        collectAnchors(body, offset: offset, inLine: inLine, into: &out, depth: depth + 1)
      }
    default: break
    }
  }

  /// Whether `e` can match a line break token. Only `NL` can: a line break has no key, so no
  /// literal or gazetteer matches it, and `[]`, `ANY`, `!x` and `CODE` exclude it.
  func canMatchLineBreak(_ e: PatternElement, depth: Int = 0) -> Bool {
    guard depth < 32 else { return true }
    switch e.kind {
    case .tokenClass(let name): return ClassBit(name: name) == .newline
    case .literal, .gazetteer, .anyToken, .negation: return false
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return true }
      return canMatchLineBreak(body, depth: depth + 1)
    case .sequence(let xs), .alternatives(let xs): return xs.contains { canMatchLineBreak($0, depth: depth + 1) }
    case .repetition(let x, _, _, _), .capture(_, let x), .glued(let x): return canMatchLineBreak(x, depth: depth + 1)
    }
  }

  /// The fewest tokens a match of `e` covers.
  func minLength(_ e: PatternElement, depth: Int = 0) -> Int {
    guard depth < 32 else { return 0 }
    switch e.kind {
    case .literal(let text, _): return pieces(text).count
    case .tokenClass, .anyToken, .negation: return 1
    case .gazetteer(let name):
      guard let g = gazetteerIndex[name], g < gazetteerFirstKeys.count, !gazetteerFirstKeys[g].isEmpty else { return 0 }
      return 1
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return 0 }
      return minLength(body, depth: depth + 1)
    case .sequence(let xs): return xs.reduce(0) { $0 + minLength($1, depth: depth + 1) }
    case .alternatives(let xs): return xs.map { minLength($0, depth: depth + 1) }.min() ?? 0
    case .repetition(let x, let minCount, _, _): return minCount * minLength(x, depth: depth + 1)
    case .capture(_, let x), .glued(let x): return minLength(x, depth: depth + 1)
    }
  }

  /// The most tokens a match of `e` covers (as the program's `maxSpan` counts them).
  func maxSpan(_ e: PatternElement, depth: Int = 0) -> Int {
    guard depth < 32 else { return PatternCompiler.codeMaxTokens * 64 }
    switch e.kind {
    case .literal(let text, _): return pieces(text).count
    case .tokenClass(let name): return name == "CODE" ? PatternCompiler.codeMaxTokens : 1
    case .anyToken, .negation: return 1
    case .gazetteer(let name):
      guard let g = gazetteerIndex[name] else { return 1 }
      return gazetteerMaxLength[g]
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return 1 }
      return maxSpan(body, depth: depth + 1)
    case .sequence(let xs): return xs.reduce(0) { $0 + maxSpan($1, depth: depth + 1) }
    case .alternatives(let xs): return xs.map { maxSpan($0, depth: depth + 1) }.max() ?? 0
    case .repetition(let x, let minCount, let maxCount, _):
      return max(minCount, maxCount ?? max(minCount, 1)) * maxSpan(x, depth: depth + 1)
    case .capture(_, let x), .glued(let x): return maxSpan(x, depth: depth + 1)
    }
  }

  /// The tokens every non-empty match of `e` begins with, or nil when that is not a closed set.
  private mutating func firstSet(_ e: PatternElement, depth: Int) -> TokenSet? {
    guard depth < 32 else { return nil }
    switch e.kind {
    case .literal(let text, let mode):
      var set = TokenSet()
      guard let p = pieces(text).first else { return set }
      let scalars = p.text.unicodeScalars.map(\.value)
      if mode == .diacriticInsensitive {
        TokenSet.set(&set.foldBits, keys.intern(KeyTable.foldKey(scalars)))
      } else if mode == .caseSensitive && DocumentView.isCapitalizedShape(scalars) {
        TokenSet.set(&set.capitalizedLowerBits, keys.intern(KeyTable.lowerKey(scalars)))
      } else {
        TokenSet.set(&set.lowerBits, keys.intern(KeyTable.lowerKey(scalars)))
      }
      return set
    case .tokenClass(let name):
      guard name != "CODE", let bit = ClassBit(name: name), bit != .any else { return nil }
      var set = TokenSet()
      set.classMask = bit.mask
      return set
    case .anyToken, .negation: return nil
    case .gazetteer(let name):
      guard let g = gazetteerIndex[name], g < gazetteerFirstKeys.count, !gazetteerFirstKeys[g].isEmpty
      else { return nil }
      var set = TokenSet()
      for k in gazetteerFirstKeys[g] { TokenSet.set(&set.lowerBits, k) }
      return set
    case .macro(let name):
      guard let body = macros[name]?.pattern.element else { return nil }
      return firstSet(body, depth: depth + 1)
    case .capture(_, let x), .glued(let x), .repetition(let x, _, _, _):
      return firstSet(x, depth: depth + 1)
    case .alternatives(let xs):
      var set = TokenSet()
      for x in xs {
        guard let s = firstSet(x, depth: depth + 1) else { return nil }
        set.formUnion(s)
      }
      return set
    case .sequence(let xs):
      // The first element that cannot be empty, and every optional one before it.
      var set = TokenSet()
      for x in xs {
        guard let s = firstSet(x, depth: depth + 1) else { return nil }
        set.formUnion(s)
        if minLength(x) >= 1 { return set }
      }
      return set
    }
  }
}

extension TokenSet {
  mutating func formUnion(_ other: TokenSet) {
    classMask |= other.classMask
    for (w, word) in other.lowerBits.enumerated() where word != 0 {
      if lowerBits.count <= w { lowerBits += [UInt64](repeating: 0, count: w + 1 - lowerBits.count) }
      lowerBits[w] |= word
    }
    for (w, word) in other.foldBits.enumerated() where word != 0 {
      if foldBits.count <= w { foldBits += [UInt64](repeating: 0, count: w + 1 - foldBits.count) }
      foldBits[w] |= word
    }
    for (w, word) in other.capitalizedLowerBits.enumerated() where word != 0 {
      if capitalizedLowerBits.count <= w {
        capitalizedLowerBits += [UInt64](repeating: 0, count: w + 1 - capitalizedLowerBits.count)
      }
      capitalizedLowerBits[w] |= word
    }
  }
}

/// A `TokenSet` as a dictionary key (trailing zero words ignored), to share equal anchors.
struct AnchorKey: Hashable {
  var classMask: UInt32
  var lower: [UInt64]
  var fold: [UInt64]
  var capitalized: [UInt64]

  init(_ set: TokenSet) {
    capitalized = set.capitalizedLowerBits
    while capitalized.last == 0 { capitalized.removeLast() }
    classMask = set.classMask
    lower = set.lowerBits
    while lower.last == 0 { lower.removeLast() }
    fold = set.foldBits
    while fold.last == 0 { fold.removeLast() }
  }
}

/// `anchors(of:)` keeps one anchor per set and line-boundedness.
private struct AnchorSeenKey: Hashable {
  var set: AnchorKey
  var inLine: Bool
}

/// Which distinct anchor sets (see `Anchor`) each token belongs to, as bit masks over the sets
/// (`wordCount` words per mask, set s at bit s % 64 of word s / 64), by the token's lower-case
/// key, diacritic-free key and class bits: a document view marks where every set occurs with
/// one load per key and word, not one list walk per set. In unmanaged memory; freed by the
/// `RuleSet` that owns it.
struct AnchorMasks {
  /// Words per mask: 0 when no rule has anchors.
  let wordCount: Int
  /// The number of distinct anchor sets.
  let setCount: Int
  /// Per lower-case key id k, `2 * wordCount` words from `2 * k * wordCount`: the sets that
  /// contain the key, then those that count it only on a token of capitalized shape
  /// (`DocumentView.capitalizedShape`); side by side, so one token's masks share a cache line.
  let lower: UnsafeMutableBufferPointer<UInt64>
  /// Per diacritic-free key id.
  let fold: UnsafeMutableBufferPointer<UInt64>
  /// Per `ClassBit` raw value.
  let classes: UnsafeMutableBufferPointer<UInt64>
  /// The classes some set contains.
  let classMask: UInt32
  /// Whether some set has a diacritic-free key.
  let usesFold: Bool

  /// Masks for the sets `lower[k]`, `capitalized[k]`, `fold[k]` (set ids by key id) and
  /// `classes[b]` (set ids by class bit).
  init(setCount: Int, lower: [[Int32]], capitalized: [[Int32]], fold: [[Int32]], classes: [[Int32]]) {
    let words = (setCount + 63) >> 6
    func masks(_ lists: [[Int32]]) -> [UInt64] {
      var m = [UInt64](repeating: 0, count: lists.count * words)
      for (k, list) in lists.enumerated() {
        for s in list { m[k * words + Int(s) >> 6] |= 1 << UInt64(s & 63) }
      }
      return m
    }
    wordCount = words
    self.setCount = setCount
    let l = masks(lower), c = masks(capitalized)
    var both: [UInt64] = []
    for k in lower.indices {
      both += l[k * words..<(k + 1) * words]
      both += c[k * words..<(k + 1) * words]
    }
    self.lower = UnmanagedBuffer.make(both)
    self.fold = UnmanagedBuffer.make(masks(fold))
    usesFold = fold.contains { !$0.isEmpty }
    self.classes = UnmanagedBuffer.make(masks(classes))
    var classMask: UInt32 = 0
    for (b, list) in classes.enumerated() where !list.isEmpty { classMask |= 1 << UInt32(b) }
    self.classMask = classMask
  }

  func free() {
    UnmanagedBuffer.free(lower)
    UnmanagedBuffer.free(fold)
    UnmanagedBuffer.free(classes)
  }
}
