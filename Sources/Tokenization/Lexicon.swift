/// The words the recognizers care about, each with a small integer id, found from a word's
/// scalars without building a `String`.
///
/// The lexer hashes a word's lower-cased scalars while it reads them; a hit in this
/// open-addressing table is confirmed scalar by scalar, so a hash collision can never turn an
/// unknown word into a known one. Several spellings may share one id (`tỷ`/`tỉ`, `nghìn`/`ngàn`).
struct Lexicon: Sendable {
  static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325
  /// Longer words are never looked up (no entry is longer).
  static let maxWordLength = 8

  @inline(__always)
  static func mix(_ h: UInt64, _ c: UInt32) -> UInt64 { (h ^ UInt64(c)) &* 0x0000_0100_0000_01B3 }

  static let shared = Lexicon(Vocabulary.entries)

  private var slotHash: [UInt64]
  private var slotID: [UInt16]
  /// Where a slot's spelling starts in `flat` (-1: empty slot), and its length.
  private var slotSpelling: [Int32]
  private var slotLength: [Int32]
  /// All spellings, lower-cased, one after the other (no nested arrays in the hot path).
  private var flat: [UInt32]
  private let mask: Int
  /// Canonical word → id, for building tables (not for the hot path).
  private(set) var ids: [String: UInt16] = [:]
  /// id → canonical spelling.
  private(set) var names: [String] = [""]

  /// `fixed` words get exactly their given ids (which must be 1, 2, 3 … in order); every
  /// other canonical word of `entries` gets the next free id.
  init(_ entries: [(spelling: String, canonical: String)], fixed: [(String, UInt16)] = Vocabulary.fixed) {
    var capacity = 64
    while capacity < entries.count * 4 { capacity *= 2 }
    mask = capacity - 1
    slotHash = Array(repeating: 0, count: capacity)
    slotID = Array(repeating: 0, count: capacity)
    slotSpelling = Array(repeating: -1, count: capacity)
    slotLength = Array(repeating: 0, count: capacity)
    flat = []
    for (word, id) in fixed {
      precondition(Int(id) == names.count, "fixed ids must be 1, 2, 3 … in order: \(word)")
      names.append(word)
      ids[word] = id
    }
    for (spelling, canonical) in entries {
      let id: UInt16
      if let known = ids[canonical] {
        id = known
      } else {
        id = UInt16(names.count)
        names.append(canonical)
        ids[canonical] = id
      }
      ids[spelling] = id
      let scalars = spelling.unicodeScalars.map { Lexer.lower($0.value) }
      precondition(scalars.count <= Lexicon.maxWordLength, "lexicon word too long: \(spelling)")
      var h = Lexicon.hashSeed
      for c in scalars { h = Lexicon.mix(h, c) }
      var slot = Int(truncatingIfNeeded: h) & mask
      var duplicate = false
      while slotSpelling[slot] >= 0 {
        let start = Int(slotSpelling[slot])
        if Array(flat[start..<(start + Int(slotLength[slot]))]) == scalars { duplicate = true; break }
        slot = (slot + 1) & mask
      }
      if duplicate { continue }
      slotHash[slot] = h
      slotID[slot] = id
      slotSpelling[slot] = Int32(flat.count)
      slotLength[slot] = Int32(scalars.count)
      flat.append(contentsOf: scalars)
    }
  }

  /// The id of a canonical word or spelling; traps on a word missing from the vocabulary
  /// (a programming error in the tables).
  func id(_ word: String) -> UInt16 {
    guard let id = ids[word] else { preconditionFailure("not in the vocabulary: \(word)") }
    return id
  }

  /// The id of the word `s[start..<end]` whose lower-cased hash is `hash`; 0 when unknown.
  @inline(__always)
  func lookup(hash: UInt64, _ s: UnsafeBufferPointer<UInt32>, _ start: Int, _ end: Int) -> UInt16 {
    var slot = Int(truncatingIfNeeded: hash) & mask
    let length = end - start
    while true {
      let offset = slotSpelling[slot]
      if offset < 0 { return 0 }
      if slotHash[slot] == hash && Int(slotLength[slot]) == length {
        let base = Int(offset)
        var k = 0
        while k < length && flat[base + k] == Lexer.lower(s[start + k]) { k += 1 }
        if k == length { return slotID[slot] }
      }
      slot = (slot + 1) & mask
    }
  }
}
