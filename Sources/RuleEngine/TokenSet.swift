import Tokenization

/// A set of one-token elements, for `!( … )`: tested with a class-mask check and a bit lookup
/// by key id, so a negation over a hundred surnames costs the same as over one.
struct TokenSet: Sendable, Hashable {
  /// Classes in the set (`ClassBit` mask; `ANY` means every non-newline token).
  var classMask: UInt32 = 0
  /// Case-insensitive literals: bits by lower-case key id.
  var lowerBits: [UInt64] = []
  /// Diacritic-insensitive literals: bits by diacritic-free key id.
  var foldBits: [UInt64] = []
  /// Case-sensitive literals: exact scalars by lower-case key id.
  var exact: [Int32: [[UInt32]]] = [:]
  /// For anchors only: lower-case key ids that count only on a token of capitalized shape
  /// (`DocumentView.capitalizedShape`): the keys of case-sensitive literals written `="Nguyễn"`.
  var capitalizedLowerBits: [UInt64] = []

  static func set(_ bits: inout [UInt64], _ id: Int32) {
    let word = Int(id) >> 6
    if bits.count <= word { bits += [UInt64](repeating: 0, count: word + 1 - bits.count) }
    bits[word] |= 1 << UInt64(Int(id) & 63)
  }

  @inline(__always) static func test(_ bits: [UInt64], _ id: Int32) -> Bool {
    guard id >= 0 else { return false }
    let word = Int(id) >> 6
    return word < bits.count && bits[word] & (1 << UInt64(Int(id) & 63)) != 0
  }

}

/// A `TokenSet` in unmanaged memory, for the matcher (freed by its `Program`). Plain data:
/// reading it copies no reference-counted storage; the rare case-sensitive candidates live in
/// the program's `exactTables`, consulted only when the token's key is one of them.
struct FrozenTokenSet {
  let classMask: UInt32
  let lowerBits: UnsafeMutableBufferPointer<UInt64>
  let foldBits: UnsafeMutableBufferPointer<UInt64>
  /// Lower-case ids that have case-sensitive candidates (a quick filter before `exact`).
  let exactBits: UnsafeMutableBufferPointer<UInt64>
  /// Index into the program's `exactTables`, or -1.
  let exactIndex: Int32

  init(_ set: TokenSet, exactIndex: Int32) {
    classMask = set.classMask
    lowerBits = UnmanagedBuffer.make(set.lowerBits)
    foldBits = UnmanagedBuffer.make(set.foldBits)
    var e: [UInt64] = []
    for k in set.exact.keys { TokenSet.set(&e, k) }
    exactBits = UnmanagedBuffer.make(e)
    self.exactIndex = exactIndex
  }

  func deallocate() {
    UnmanagedBuffer.free(lowerBits)
    UnmanagedBuffer.free(foldBits)
    UnmanagedBuffer.free(exactBits)
  }

  @inline(__always) static func test(_ bits: UnsafeMutableBufferPointer<UInt64>, _ id: Int32) -> Bool {
    guard id >= 0 else { return false }
    let word = Int(id) >> 6
    return word < bits.count && bits[word] & (1 << UInt64(Int(id) & 63)) != 0
  }

  /// True when the token at `pos` is in the set.
  @inline(__always)
  func contains(_ doc: DocumentView, _ pos: Int, _ program: Program) -> Bool {
    if doc.classMasks[pos] & classMask != 0 { return true }
    let lower = doc.lowerIDs[pos]
    if FrozenTokenSet.test(lowerBits, lower) { return true }
    if foldBits.count > 0 && FrozenTokenSet.test(foldBits, doc.foldIDs[pos]) { return true }
    if exactBits.count > 0 && FrozenTokenSet.test(exactBits, lower) {
      return exactContains(doc, pos, lower, program)
    }
    return false
  }

  /// `contains` for a token given by its class mask and key ids.
  @inline(__always)
  func contains(mask: UInt32, lower: Int32, fold: Int32, _ doc: DocumentView, _ pos: Int, _ program: Program) -> Bool {
    if mask & classMask != 0 { return true }
    if FrozenTokenSet.test(lowerBits, lower) { return true }
    if foldBits.count > 0 && FrozenTokenSet.test(foldBits, fold) { return true }
    if exactBits.count > 0 && FrozenTokenSet.test(exactBits, lower) {
      return exactContains(doc, pos, lower, program)
    }
    return false
  }

  enum Answer { case yes, no, ask }

  /// `contains` as far as the class mask and the lower-case bits tell (all most sets hold):
  /// `.ask` when the set also has diacritic-free or case-sensitive members to look at.
  @inline(__always)
  static func quickContains(_ set: UnsafePointer<FrozenTokenSet>, mask: UInt32, lower: Int32) -> Answer {
    if mask & set.pointee.classMask != 0 { return .yes }
    if lower >= 0 {
      let bits = set.pointee.lowerBits, word = Int(lower) >> 6
      if word < bits.count && bits.baseAddress![word] & (1 << UInt64(Int(lower) & 63)) != 0 { return .yes }
    }
    return set.pointee.foldBits.count | set.pointee.exactBits.count == 0 ? .no : .ask
  }

  /// `contains` for a set given by its address (no copy of the set) and a token given by its
  /// class mask and key ids.
  @inline(never)
  static func contains(
    _ set: UnsafePointer<FrozenTokenSet>, mask: UInt32, lower: Int32, fold: Int32, _ doc: DocumentView, _ pos: Int,
    _ program: Program
  ) -> Bool {
    if mask & set.pointee.classMask != 0 { return true }
    if test(set.pointee.lowerBits, lower) { return true }
    if set.pointee.foldBits.count > 0 && test(set.pointee.foldBits, fold) { return true }
    if set.pointee.exactBits.count > 0 && test(set.pointee.exactBits, lower) {
      return set.pointee.exactContains(doc, pos, lower, program)
    }
    return false
  }

  @inline(never)
  func exactContains(_ doc: DocumentView, _ pos: Int, _ lower: Int32, _ program: Program) -> Bool {
    FrozenTokenSet.exactMatch(doc, pos, program.exactTables[Int(exactIndex)][lower] ?? [])
  }

  static func exactMatch(_ doc: DocumentView, _ pos: Int, _ candidates: [[UInt32]]) -> Bool {
    let s = Int(doc.starts[pos]), e = Int(doc.ends[pos])
    for c in candidates where c.count == e - s {
      var same = true
      for j in 0..<c.count where doc.scalar(s + j) != c[j] {
        same = false
        break
      }
      if same { return true }
    }
    return false
  }
}
