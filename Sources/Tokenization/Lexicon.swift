/// The words the recognizers care about, each with a small integer id, found from a word's
/// scalars without building a `String`.
///
/// Every lower-case letter that occurs in some lexicon spelling gets a 7-bit code (1…126, the
/// lexicon's alphabet). A word of at most `maxWordLength` letters packs its codes into one
/// `UInt64` key, 7 bits a letter, which the lexer builds while it reads the letters (a shift and
/// an or each). The key *is* the lower-cased spelling, so a hit in the open-addressing table
/// needs no confirmation, and a word with a letter outside the alphabet (code 127,
/// `outsideAlphabet`) can never match. Several spellings may share one id (`tỷ`/`tỉ`,
/// `nghìn`/`ngàn`).
struct Lexicon: Sendable {
  /// Longer words are never looked up (no entry is longer; 8 × 7 bits fit a key).
  static let maxWordLength = 8
  /// Bits of a letter code in a key.
  static let codeBits: UInt64 = 7
  /// The code of a letter that no lexicon spelling contains.
  static let outsideAlphabet: UInt8 = 127
  /// In `letterClass`: the letter is upper case.
  static let upperBit: UInt8 = 0x80
  /// `letterClass` covers U+0000…U+1FFF (Latin with all Vietnamese letters); the lexer
  /// classifies the rare scalars above with `Lexer.isLetter`/`Lexer.isUpper`.
  static let classified = 0x2000

  static let shared = Lexicon(Vocabulary.entries)

  /// For each scalar below `classified`: 0 when it is no letter; else its lower case's code
  /// (`outsideAlphabet` for letters outside the alphabet), with `upperBit` for upper case.
  /// One read tells the lexer "letter?", "capital?" and what to put in the key.
  private(set) var letterClass: [UInt8]
  /// `letterClass` without `upperBit`: what the lexer reads for the letters after a word's
  /// first, whose case does not matter.
  private(set) var letterCode: [UInt8]
  /// Open addressing on the key (0: empty slot); `slotID` holds the id of the key's word.
  private var slotKey: [UInt64]
  private var slotID: [UInt16]
  private let shift: UInt64
  /// Canonical word → id, for building tables (not for the hot path).
  private(set) var ids: [String: UInt16] = [:]
  /// id → canonical spelling.
  private(set) var names: [String] = [""]

  /// `fixed` words get exactly their given ids (which must be 1, 2, 3 … in order); every
  /// other canonical word of `entries` gets the next free id.
  init(_ entries: [(spelling: String, canonical: String)], fixed: [(String, UInt16)] = Vocabulary.fixed) {
    for (word, id) in fixed {
      precondition(Int(id) == names.count, "fixed ids must be 1, 2, 3 … in order: \(word)")
      names.append(word)
      ids[word] = id
    }
    // The alphabet: every lower-cased scalar of every spelling, in order of appearance.
    // (Indexed by scalar, not a dictionary: these tables are built at startup, on the clock.)
    var code = [UInt8](repeating: 0, count: Lexicon.classified)
    var alphabet: UInt8 = 0
    for (spelling, _) in entries {
      for scalar in spelling.unicodeScalars {
        let c = Int(Lexer.lower(scalar.value))
        precondition(c < Lexicon.classified && Lexer.isLetter(UInt32(c)), "lexicon spellings are letters: \(spelling)")
        if code[c] == 0 {
          alphabet += 1
          precondition(alphabet < Lexicon.outsideAlphabet, "the lexicon alphabet needs more than 7 bits")
          code[c] = alphabet
        }
      }
    }
    letterClass = (0..<UInt32(Lexicon.classified)).map { c in
      guard Lexer.isLetter(c) else { return 0 }
      let lower = Lexer.lower(c)
      let letter = code[Int(lower)]
      return (letter == 0 ? Lexicon.outsideAlphabet : letter) | (lower != c ? Lexicon.upperBit : 0)
    }
    letterCode = letterClass.map { $0 & ~Lexicon.upperBit }
    var capacity = 64
    while capacity < entries.count * 4 { capacity *= 2 }
    shift = UInt64(64 - capacity.trailingZeroBitCount)
    slotKey = Array(repeating: 0, count: capacity)
    slotID = Array(repeating: 0, count: capacity)
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
      precondition(spelling.unicodeScalars.count <= Lexicon.maxWordLength, "lexicon word too long: \(spelling)")
      var key: UInt64 = 0
      for scalar in spelling.unicodeScalars {
        key = Lexicon.append(key, code[Int(Lexer.lower(scalar.value))])
      }
      var slot = slotOf(key)
      while slotKey[slot] != 0 && slotKey[slot] != key { slot = (slot + 1) & (capacity - 1) }
      // A spelling listed twice keeps its first id.
      if slotKey[slot] == key { continue }
      slotKey[slot] = key
      slotID[slot] = id
    }
  }

  /// The key of a word with one more letter, whose code is `code` (no `upperBit`).
  @inline(__always)
  static func append(_ key: UInt64, _ code: UInt8) -> UInt64 {
    key << codeBits | UInt64(code)
  }

  /// Fibonacci hashing: the key times 2^64/φ, top bits.
  static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

  private func slotOf(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* Lexicon.multiplier) &>> shift)
  }

  /// The id of a canonical word or spelling; traps on a word missing from the vocabulary
  /// (a programming error in the tables).
  func id(_ word: String) -> UInt16 {
    guard let id = ids[word] else { preconditionFailure("not in the vocabulary: \(word)") }
    return id
  }

  /// Calls `body` with the tables as unsafe buffers, for the lexer's loop (no bounds checks,
  /// no reference counting per scalar).
  func withProbe<R>(_ body: (Probe) -> R) -> R {
    letterClass.withUnsafeBufferPointer { classes in
      letterCode.withUnsafeBufferPointer { codes in
        slotKey.withUnsafeBufferPointer { keys in
          slotID.withUnsafeBufferPointer { ids in
            body(Probe(letterClass: classes, letterCode: codes, keys: keys, ids: ids, shift: shift))
          }
        }
      }
    }
  }

  /// The lexicon's tables, valid inside `withProbe`.
  struct Probe {
    let letterClass: UnsafeBufferPointer<UInt8>
    let letterCode: UnsafeBufferPointer<UInt8>
    let keys: UnsafeBufferPointer<UInt64>
    let ids: UnsafeBufferPointer<UInt16>
    let shift: UInt64

    /// The class of any scalar, as `Lexicon.letterClass` gives it below `classified`.
    @inline(__always)
    func letterClass(_ c: UInt32) -> UInt8 {
      if c < Lexicon.classified { return letterClass[Int(c)] }
      guard Lexer.isLetter(c) else { return 0 }
      return Lexicon.outsideAlphabet | (Lexer.isUpper(c) ? Lexicon.upperBit : 0)
    }

    /// The code of any scalar, as `Lexicon.letterCode` gives it below `classified`.
    @inline(__always)
    func letterCode(_ c: UInt32) -> UInt8 {
      if c < Lexicon.classified { return letterCode[Int(c)] }
      return Lexer.isLetter(c) ? Lexicon.outsideAlphabet : 0
    }

    /// The id of the word whose key is `key`; 0 when unknown.
    @inline(__always)
    func lookup(key: UInt64) -> UInt16 {
      let mask = keys.count &- 1
      var slot = Int(truncatingIfNeeded: (key &* Lexicon.multiplier) &>> shift)
      while true {
        let k = keys[slot]
        if k == key { return ids[slot] }
        if k == 0 { return 0 }
        slot = (slot &+ 1) & mask
      }
    }
  }
}
