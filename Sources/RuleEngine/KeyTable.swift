/// Interned token keys: every syllable a rule or gazetteer mentions gets a small integer id, so
/// that matching compares integers. Built while compiling, then read-only.
///
/// An open-addressing table over the keys' 64-bit FNV-1a hashes: a document's tokens are looked
/// up without building strings or arrays, and without `Hasher`.
struct KeyTable: Sendable {
  private(set) var keys: [[UInt32]] = []
  private var hashes: [UInt64] = [UInt64](repeating: 0, count: 16)
  private var ids: [Int32] = [Int32](repeating: -1, count: 16)

  /// The number of interned keys.
  var count: Int { keys.count }

  /// The id of `key`, interning it.
  mutating func intern(_ key: [UInt32]) -> Int32 {
    let h = KeyTable.hash(key)
    let found = lookup(hash: h)
    if found >= 0 && keys[Int(found)] == key { return found }
    let id = Int32(keys.count)
    keys.append(key)
    if (keys.count) * 2 > ids.count { grow() }
    insert(h, id)
    return id
  }

  /// The id stored for `hash` (the first key with that hash), or -1.
  @inline(__always) func lookup(hash: UInt64) -> Int32 {
    let mask = ids.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let id = ids[i]
      if id < 0 { return -1 }
      if hashes[i] == hash { return id }
      i = (i + 1) & mask
    }
  }

  private mutating func insert(_ h: UInt64, _ id: Int32) {
    let mask = ids.count - 1
    var i = Int(truncatingIfNeeded: h) & mask
    while ids[i] >= 0 {
      if hashes[i] == h { return }  // same hash: keep the first; the scalar check rejects the other
      i = (i + 1) & mask
    }
    ids[i] = id
    hashes[i] = h
  }

  private mutating func grow() {
    let n = ids.count * 2
    hashes = [UInt64](repeating: 0, count: n)
    ids = [Int32](repeating: -1, count: n)
    for (k, key) in keys.enumerated() { insert(KeyTable.hash(key), Int32(k)) }
  }

  /// The table as plain data for the per-document key lookups (freed by the owner).
  func freeze() -> FrozenKeys {
    var flat: [UInt32] = []
    var starts: [Int32] = [0]
    for k in keys {
      flat += k
      starts.append(Int32(flat.count))
    }
    return FrozenKeys(
      slots: UnmanagedBuffer.make(zip(hashes, ids).map { FrozenKeys.Slot(hash: $0, id: $1) }), mask: ids.count - 1,
      scalars: UnmanagedBuffer.make(flat), starts: UnmanagedBuffer.make(starts),
      foldOfKey: UnmanagedBuffer.make(keys.map(foldID)))
  }

  /// The id of `key`'s diacritic-free form, found as a document token's would be (hash, then
  /// scalars), or -1.
  func foldID(of key: [UInt32]) -> Int32 {
    let folded = key.map(ScalarCase.fold).filter { $0 != 0 }
    let id = lookup(hash: KeyTable.hash(folded))
    return id >= 0 && keys[Int(id)] == folded ? id : -1
  }

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

/// A `KeyTable` in unmanaged memory: looking a token up touches no reference counts.
struct FrozenKeys {
  /// A table slot: hash and id side by side, so that a probe reads one cache line (a document
  /// looks up most of its tokens, at places all over the table).
  struct Slot {
    var hash: UInt64
    var id: Int32
  }

  let slots: UnsafeMutableBufferPointer<Slot>
  let mask: Int
  /// Every key's scalars, key k at `scalars[starts[k] ..< starts[k + 1]]`.
  let scalars: UnsafeMutableBufferPointer<UInt32>
  let starts: UnsafeMutableBufferPointer<Int32>
  /// Per key, the id of its diacritic-free form or -1 (`KeyTable.foldID(of:)`). Folding a
  /// scalar and folding its lower case agree (`ScalarCase.folded` is defined through `lower`),
  /// so this is also the fold key of every token whose lower-case key is that key: a document
  /// view hashes the folded scalars only of tokens that are not keys.
  let foldOfKey: UnsafeMutableBufferPointer<Int32>

  func free() {
    UnmanagedBuffer.free(foldOfKey)
    UnmanagedBuffer.free(slots)
    UnmanagedBuffer.free(scalars)
    UnmanagedBuffer.free(starts)
  }

  /// As `KeyTable.lookup(hash:)`.
  @inline(__always) func lookup(hash: UInt64) -> Int32 {
    var i = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[i]
      if slot.id < 0 { return -1 }
      if slot.hash == hash { return slot.id }
      i = (i + 1) & mask
    }
  }
}
