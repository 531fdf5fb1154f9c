/// Interned token keys: every syllable a rule or gazetteer mentions gets a small integer id, so
/// that matching compares integers. Built while compiling, then read-only.
struct KeyTable: Sendable {
  private var ids: [UInt64: Int32] = [:]
  private var keys: [[UInt32]] = []

  /// The number of interned keys.
  var count: Int { keys.count }

  /// The id of `key`, interning it.
  mutating func intern(_ key: [UInt32]) -> Int32 {
    let h = KeyTable.hash(key)
    if let id = ids[h] { return id }
    let id = Int32(keys.count)
    keys.append(key)
    ids[h] = id
    return id
  }

  /// The id of a key given by its hash and a check of its scalars; -1 when unknown.
  @inline(__always) func lookup(hash: UInt64, matches: ([UInt32]) -> Bool) -> Int32 {
    guard let id = ids[hash] else { return -1 }
    return matches(keys[Int(id)]) ? id : -1
  }

  func key(_ id: Int32) -> [UInt32] { keys[Int(id)] }

  /// FNV-1a over scalars.
  @inline(__always) static func hash<S: Sequence>(_ key: S) -> UInt64 where S.Element == UInt32 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for c in key {
      h ^= UInt64(c)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  static func lowerKey<S: Sequence>(_ s: S) -> [UInt32] where S.Element == UInt32 {
    s.map(ScalarCase.lowercase)
  }

  static func foldKey<S: Sequence>(_ s: S) -> [UInt32] where S.Element == UInt32 {
    s.map(ScalarCase.fold).filter { $0 != 0 }
  }
}

