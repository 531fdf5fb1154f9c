import RuleLanguage
import VNText

/// A gazetteer file compiled into a trie keyed by token (lower-case key ids).
///
/// A class so that the matcher shares it without copying; it is filled while the rule set is
/// loaded and never changed afterwards, hence `@unchecked Sendable`.
final class Gazetteer: @unchecked Sendable {
  /// The name used in patterns (`@provinces` → `provinces`).
  var name: String
  /// The file it came from.
  var path: String
  /// Trie nodes: children by token key id.
  var children: [[Int32: Int32]] = [[:]]
  /// For each node, the canonical form of the entry ending there (index into `canonical`), or -1.
  var terminal: [Int32] = [-1]
  /// Written only while loading, read by matching threads: no dynamic exclusivity check.
  @exclusivity(unchecked) var canonical: [String] = []
  /// The longest entry in tokens.
  var maxLength = 0
  var entryCount = 0

  /// The trie's edges in one open-addressing table, filled by `freeze()`:
  /// key `node << 32 | token key id` → child node. Empty slots hold key `UInt64.max`.
  private var edgeKeys = UnmanagedBuffer.make([UInt64.max])
  private var edgeValues = UnmanagedBuffer.make([Int32(0)])
  private var edgeMask = 0
  private var terminalPointer = UnmanagedBuffer.make([Int32(-1)])

  /// The edge table as plain data, for the matcher (valid while this gazetteer lives).
  var frozen: FrozenGazetteer {
    FrozenGazetteer(edgeKeys: edgeKeys, edgeValues: edgeValues, edgeMask: edgeMask, terminal: terminalPointer)
  }

  init(name: String, path: String) {
    self.name = name
    self.path = path
  }

  deinit {
    UnmanagedBuffer.free(edgeKeys)
    UnmanagedBuffer.free(edgeValues)
    UnmanagedBuffer.free(terminalPointer)
  }

  /// Builds the flat edge table once all entries are in.
  func freeze() {
    var edges: [(UInt64, Int32)] = []
    for (node, map) in children.enumerated() {
      for (id, child) in map { edges.append((UInt64(node) << 32 | UInt64(UInt32(bitPattern: id)), child)) }
    }
    var size = 16
    while size < edges.count * 2 { size *= 2 }
    var keys = [UInt64](repeating: .max, count: size)
    var values = [Int32](repeating: 0, count: size)
    for (k, v) in edges {
      var i = Gazetteer.slot(k, size - 1)
      while keys[i] != .max { i = (i + 1) & (size - 1) }
      keys[i] = k
      values[i] = v
    }
    UnmanagedBuffer.free(edgeKeys)
    UnmanagedBuffer.free(edgeValues)
    UnmanagedBuffer.free(terminalPointer)
    edgeKeys = UnmanagedBuffer.make(keys)
    edgeValues = UnmanagedBuffer.make(values)
    edgeMask = size - 1
    terminalPointer = UnmanagedBuffer.make(terminal)
  }

  @inline(__always) private static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// The child of `node` along token key `id`, or -1.
  @inline(__always) private func child(_ node: Int32, _ id: Int32) -> Int32 {
    let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
    var i = Gazetteer.slot(key, edgeMask)
    while true {
      let k = edgeKeys[i]
      if k == key { return edgeValues[i] }
      if k == .max { return -1 }
      i = (i + 1) & edgeMask
    }
  }

  /// Adds the entries of a gazetteer file's text; problems are reported as diagnostics.
  func add(text: String, keys: inout KeyTable, normalizer: Normalizer) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      let parts = line.components(separatedByArrow: "=>")
      let entry = parts.0.trimmingSpaces
      guard !entry.isEmpty else { continue }
      let canon = (parts.1?.trimmingSpaces).flatMap { $0.isEmpty ? nil : $0 } ?? entry
      let normalized = normalizer.normalize(entry).string
      let pieces = LiteralSplitter.split(normalized)
      guard !pieces.isEmpty else {
        diagnostics.append(
          Diagnostic(.badValue, "gazetteer entry has no words",
                     at: SourceLocation(file: path, line: lineNumber, column: 1)))
        continue
      }
      var node: Int32 = 0
      for p in pieces {
        let id = keys.intern(KeyTable.lowerKey(p.text.unicodeScalars.map(\.value)))
        if let next = children[Int(node)][id] {
          node = next
        } else {
          let next = Int32(children.count)
          children.append([:])
          terminal.append(-1)
          children[Int(node)][id] = next
          node = next
        }
      }
      if terminal[Int(node)] < 0 {
        terminal[Int(node)] = Int32(canonical.count)
        canonical.append(normalizer.normalize(canon).string)
      }
      entryCount += 1
      maxLength = max(maxLength, pieces.count)
    }
    return diagnostics
  }

  /// Key ids of every entry's first token.
  var firstKeys: [Int32] { Array(children[0].keys) }

  /// Ends (exclusive token indices) of entries starting at `start`, longest first.
  func ends(in doc: DocumentView, at start: Int) -> [Int] {
    var out: [Int] = []
    var node: Int32 = 0
    var t = start
    while t < doc.count {
      let id = doc.lowerIDs[t]
      guard id >= 0, let next = children[Int(node)][id] else { break }
      node = next
      t += 1
      if terminal[Int(node)] >= 0 { out.append(t) }
    }
    return out.reversed()
  }

  /// The canonical form of the entry covering exactly `range` of tokens (walks the frozen
  /// edge table, so it hashes nothing; the rule set freezes every gazetteer when it loads).
  func canonicalForm(in doc: DocumentView, range: Range<Int>) -> String? {
    var node: Int32 = 0
    for t in range {
      let id = doc.lowerIDs[t]
      guard id >= 0 else { return nil }
      node = child(node, id)
      guard node >= 0 else { return nil }
    }
    let c = terminalPointer[Int(node)]
    return c >= 0 ? canonical[Int(c)] : nil
  }
}

/// A frozen gazetteer's trie as plain pointers (owned by its `Gazetteer`): walking it touches
/// no reference counts.
struct FrozenGazetteer {
  let edgeKeys: UnsafeMutableBufferPointer<UInt64>
  let edgeValues: UnsafeMutableBufferPointer<Int32>
  let edgeMask: Int
  let terminal: UnsafeMutableBufferPointer<Int32>

  /// The child of `node` along token key `id`, or -1.
  @inline(__always) func child(_ node: Int32, _ id: Int32) -> Int32 {
    let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & edgeMask
    while true {
      let k = edgeKeys[i]
      if k == key { return edgeValues[i] }
      if k == .max { return -1 }
      i = (i + 1) & edgeMask
    }
  }

  /// Whether some entry starts at `start` (the walk stops at the first one).
  @inline(__always)
  func hasEntry(_ lowerIDs: UnsafeMutableBufferPointer<Int32>, count: Int, from start: Int) -> Bool {
    var node: Int32 = 0
    var t = start
    while t < count {
      let id = lowerIDs[t]
      guard id >= 0 else { return false }
      node = child(node, id)
      guard node >= 0 else { return false }
      if terminal[Int(node)] >= 0 { return true }
      t += 1
    }
    return false
  }

  /// Walks the trie from `start`: returns the end of the longest entry (-1 if none) and calls
  /// `shorter` with the ends of the shorter ones, shortest first. Allocates nothing.
  @inline(__always)
  func walk(_ lowerIDs: UnsafeMutableBufferPointer<Int32>, count: Int, from start: Int, shorter: (Int) -> Void) -> Int {
    var node: Int32 = 0
    var t = start
    var best = -1
    while t < count {
      let id = lowerIDs[t]
      guard id >= 0 else { break }
      let next = child(node, id)
      guard next >= 0 else { break }
      node = next
      t += 1
      if terminal[Int(node)] >= 0 {
        if best >= 0 { shorter(best) }
        best = t
      }
    }
    return best
  }
}

extension Substring {
  fileprivate func components(separatedByArrow arrow: String) -> (Substring, Substring?) {
    guard let r = self.range(of: arrow) else { return (self, nil) }
    return (self[..<r.lowerBound], self[r.upperBound...])
  }

  fileprivate var trimmingSpaces: String {
    String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}

extension StringProtocol {
  fileprivate func range(of needle: String) -> Range<Index>? {
    var i = startIndex
    while i < endIndex {
      if self[i...].hasPrefix(needle) {
        return i..<index(i, offsetBy: needle.count)
      }
      i = index(after: i)
    }
    return nil
  }
}
