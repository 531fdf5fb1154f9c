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
    // The short keys by their scalars packed into two words (see `FrozenKeys.lookup(low:high:)`).
    var packedShift = 60
    while 1 << (64 - packedShift) < keys.count * 2 { packedShift -= 1 }
    let packedSize = 1 << (64 - packedShift)
    var packed = [FrozenKeys.PackedSlot](repeating: FrozenKeys.PackedSlot(low: 0, high: 0, id: -1), count: packedSize)
    for (k, key) in keys.enumerated() {
      guard let (low, high) = FrozenKeys.pack(key) else { continue }
      var i = FrozenKeys.packedSlot(low, high, packedShift)
      while packed[i].id >= 0 { i = (i + 1) & (packedSize - 1) }
      packed[i] = FrozenKeys.PackedSlot(low: low, high: high, id: Int32(k))
    }
    return FrozenKeys(
      slots: UnmanagedBuffer.make(zip(hashes, ids).map { FrozenKeys.Slot(hash: $0, id: $1) }), mask: ids.count - 1,
      packed: UnmanagedBuffer.make(packed), packedMask: packedSize - 1, packedShift: packedShift,
      longest: keys.map(\.count).max() ?? 0,
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
  /// A slot of the table of short keys: the key's scalars packed (`pack`), so that a probe
  /// compares the key itself and needs no check of the scalars after it.
  struct PackedSlot {
    var low: UInt64
    var high: UInt64
    /// -1 for an empty slot.
    var id: Int32
  }

  /// Every key of at most `maxPackedLength` scalars below U+10000, by its packed scalars.
  let packed: UnsafeMutableBufferPointer<PackedSlot>
  let packedMask: Int
  /// 64 minus the base-2 logarithm of the packed table's size (see `packedSlot`).
  let packedShift: Int
  /// The most scalars of any key.
  let longest: Int
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
    UnmanagedBuffer.free(packed)
    UnmanagedBuffer.free(scalars)
    UnmanagedBuffer.free(starts)
  }

  /// The most scalars of a packed key.
  static let maxPackedLength = 7

  /// `scalars` in two words, 16 bits each, the last scalar lowest, and their number in the top
  /// 16 bits of `high`: equal keys and only equal keys pack the same. Nil for keys longer than
  /// `maxPackedLength` or with a scalar from U+10000 up.
  static func pack(_ scalars: [UInt32]) -> (low: UInt64, high: UInt64)? {
    guard scalars.count <= maxPackedLength, scalars.allSatisfy({ $0 < 0x10000 }) else { return nil }
    var low: UInt64 = 0, high: UInt64 = 0
    for c in scalars { push(c, &low, &high) }
    return (low, high | UInt64(scalars.count) << 48)
  }

  /// Appends scalar `c` (below U+10000) to a packed key (see `pack`).
  @inline(__always) static func push(_ c: UInt32, _ low: inout UInt64, _ high: inout UInt64) {
    high = high << 16 | low >> 48
    low = low << 16 | UInt64(c)
  }

  /// The first slot to probe for a packed key: the top bits of a multiplicative hash.
  @inline(__always) static func packedSlot(_ low: UInt64, _ high: UInt64, _ shift: Int) -> Int {
    Int(truncatingIfNeeded: ((low ^ high) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
  }

  /// The id of the key packed as `low`, `high` (see `pack`), or -1.
  @inline(__always) func lookup(low: UInt64, high: UInt64) -> Int32 {
    var i = FrozenKeys.packedSlot(low, high, packedShift)
    while true {
      let slot = packed[i]
      if slot.id < 0 || slot.low == low && slot.high == high { return slot.id }
      i = (i &+ 1) & packedMask
    }
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

/// What a document view found for short tokens, kept across the documents one thread reads:
/// a token of at most `FrozenKeys.maxPackedLength` scalars is known by its scalars packed as
/// they are (`FrozenKeys.pack`), and its lower-case and diacritic-free key ids and its word
/// shape are functions of them. News repeats a few thousand syllables, so most tokens are
/// found here with one probe, instead of a case-table lookup per scalar, a key lookup, a pass
/// over the folded scalars and a hash lookup.
///
/// Direct-mapped, like a processor's cache: a slot holds the last packed key that hashed to it,
/// so the memo's size is fixed however much text goes by.
enum KeyMemo {
  struct Slot {
    /// The packed key (`FrozenKeys.pack`); an empty slot has `high == 0`, which no key packs
    /// to (the length is in its top bits).
    var low: UInt64
    var high: UInt64
    var lowerID: Int32
    var foldID: Int32
    /// The token's word shape (see `DocumentView.classMask(_:shape:)`).
    var shape: UInt32
  }

  /// Slots in a memo: 2^13 = 8 192 of 32 bytes, a quarter of a 1 MiB second-level cache.
  static let sizeBits = 13
  static let size = 1 << sizeBits

  /// The slot of the packed key `low`, `high`.
  @inline(__always) static func slot(_ low: UInt64, _ high: UInt64) -> Int {
    FrozenKeys.packedSlot(low, high, 64 - sizeBits)
  }
}
