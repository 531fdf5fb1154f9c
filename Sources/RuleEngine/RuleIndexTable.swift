/// Rule lists by key in compressed rows (one array of rule indices, one array of row starts),
/// in unmanaged memory: looking up the rules for a token touches two buffers and no reference
/// counts. Freed by the `RuleSet` that owns it.
struct RuleIndexTable {
  let starts: UnsafeMutableBufferPointer<Int32>
  let rules: UnsafeMutableBufferPointer<Int32>

  init(_ lists: [[Int32]]) {
    var s: [Int32] = [0]
    var r: [Int32] = []
    for list in lists {
      r += list
      s.append(Int32(r.count))
    }
    starts = UnmanagedBuffer.make(s)
    rules = UnmanagedBuffer.make(r)
  }

  func free() {
    UnmanagedBuffer.free(starts)
    UnmanagedBuffer.free(rules)
  }

  /// The row of `key` (empty for keys out of range).
  @inline(__always) func row(_ key: Int) -> Range<Int> {
    guard key >= 0, key + 1 < starts.count else { return 0..<0 }
    return Int(starts[key])..<Int(starts[key + 1])
  }
}

/// Rows keyed by a pair of token key ids, in an open-addressing table (for rules that start
/// with a literal of two or more syllables).
struct PairIndexTable {
  let keys: UnsafeMutableBufferPointer<UInt64>
  let rows: UnsafeMutableBufferPointer<Int32>
  let table: RuleIndexTable
  let mask: Int
  let isEmpty: Bool

  init(_ pairs: [Int64: [Int32]]) {
    var size = 16
    while size < pairs.count * 2 { size *= 2 }
    var k = [UInt64](repeating: .max, count: size)
    var v = [Int32](repeating: -1, count: size)
    var lists: [[Int32]] = []
    for (key, list) in pairs.sorted(by: { $0.key < $1.key }) {
      var i = PairIndexTable.slot(UInt64(bitPattern: key), size - 1)
      while k[i] != .max { i = (i + 1) & (size - 1) }
      k[i] = UInt64(bitPattern: key)
      v[i] = Int32(lists.count)
      lists.append(list)
    }
    keys = UnmanagedBuffer.make(k)
    rows = UnmanagedBuffer.make(v)
    table = RuleIndexTable(lists)
    mask = size - 1
    isEmpty = pairs.isEmpty
  }

  func free() {
    UnmanagedBuffer.free(keys)
    UnmanagedBuffer.free(rows)
    table.free()
  }

  @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  @inline(__always) func row(_ key: Int64) -> Range<Int> {
    let k = UInt64(bitPattern: key)
    var i = PairIndexTable.slot(k, mask)
    while true {
      let found = keys[i]
      if found == k { return table.row(Int(rows[i])) }
      if found == .max { return 0..<0 }
      i = (i + 1) & mask
    }
  }
}
