import Tokenization
import VNText

/// One document's tokens with everything matching needs, computed once per document: each
/// token's lower-case and diacritic-free key ids and its class mask.
///
/// A class with manually allocated buffers: the matcher reads them without reference counting
/// or copy-on-write checks. One view serves one `annotate` call on one thread.
final class DocumentView {
  let text: NormalizedText
  let tokens: [Token]
  let count: Int
  /// Lower-case key id per token (-1 when no rule mentions that key).
  let lowerIDs: UnsafeMutableBufferPointer<Int32>
  /// Diacritic-free key id per token (-1 when unknown or not needed).
  let foldIDs: UnsafeMutableBufferPointer<Int32>
  /// `ClassBit` mask per token.
  let classMasks: UnsafeMutableBufferPointer<UInt32>
  /// Token starts and ends, for glue checks without copying tokens.
  let starts: UnsafeMutableBufferPointer<Int32>
  let ends: UnsafeMutableBufferPointer<Int32>
  /// Which key ids and classes occur anywhere in the document.
  let presentLower: [UInt64]
  let presentFold: [UInt64]
  let presentClasses: UInt32
  /// Per token, the first line break at or after it (`count` when none; one more entry, for
  /// `count`): a line-bound anchor's window ends before it (`Anchor.inLine`).
  let nextBreak: UnsafeMutablePointer<Int32>
  /// Where each distinct anchor set (`AnchorMasks`) occurs: bit t % 64 of word
  /// `(t / 64) * anchorSetCount + s` is set when token t belongs to set s (per block of 64
  /// tokens one word per set, so that marking a token touches one block). Whether a set
  /// occurs in a window is then a test of a few words, in any order of queries.
  let anchorBits: UnsafeMutablePointer<UInt64>
  /// The number of distinct anchor sets.
  let anchorSetCount: Int
  /// The anchor sets that occur anywhere in the document (`AnchorMasks.wordCount` words).
  let presentAnchors: UnsafeMutablePointer<UInt64>

  /// True when the document contains `r`.
  func has(_ r: Requirement) -> Bool {
    switch r {
    case .lower(let id): return TokenSet.test(presentLower, id)
    case .fold(let id): return TokenSet.test(presentFold, id)
    case .classBit(let bit): return presentClasses & bit.mask != 0
    case .anyOf(let options): return options.contains(where: has)
    }
  }

  deinit {
    // `lowerIDs` starts the block that holds every per-token column (see `init`).
    lowerIDs.baseAddress!.deallocate()
    anchorBits.deallocate()
  }

  /// A bit of `classMasks` beyond the classes: the token's first scalar is upper case and no
  /// other is (see `Anchor`).
  static let capitalizedShape: UInt32 = 1 << 24

  /// True when `scalars` have the capitalized shape.
  static func isCapitalizedShape(_ scalars: [UInt32]) -> Bool {
    guard let first = scalars.first, ScalarCase.upper(first) else { return false }
    return !scalars.dropFirst().contains(where: ScalarCase.upper)
  }

  /// The class mask of a token of `kind` with the word shape `shape` (`CAP`, `UPPER` and
  /// `capitalizedShape` bits): `ANY`, the kind's class and, for a word, its shape classes; the
  /// shape bit for any token.
  @inline(__always) static func classMask(_ kind: TokenKind, shape: UInt32) -> UInt32 {
    let m: UInt32
    switch kind {
    case .word: return ClassBit.any.mask | ClassBit.word.mask | shape
    case .punctuation: m = ClassBit.punct.mask
    case .newline: return ClassBit.newline.mask
    case .number: m = ClassBit.number.mask
    case .money: m = ClassBit.money.mask
    case .count: m = ClassBit.count.mask
    case .percent: m = ClassBit.percent.mask
    case .area: m = ClassBit.area.mask
    case .date: m = ClassBit.date.mask
    case .time: m = ClassBit.time.mask
    case .period: m = ClassBit.period.mask
    case .other: m = ClassBit.other.mask
    }
    return ClassBit.any.mask | m | shape & capitalizedShape
  }

  /// Tokens longer than this (in scalars) get no key: no literal is that long.
  static let maxKeyLength = 48

  /// Keys and classifies every token, marks where each anchor set of `anchors` occurs and
  /// where the lines end, in one pass over the tokens. Short tokens are looked up in `memo`
  /// first and remembered there (`KeyMemo`); it must only ever have seen these `keys`.
  init(
    text: NormalizedText, tokens: [Token], keys: FrozenKeys, keyCount: Int, needFold: Bool, anchors: AnchorMasks,
    memo: UnsafeMutablePointer<KeyMemo.Slot>? = nil
  ) {
    self.text = text
    self.tokens = tokens
    let n = tokens.count
    count = n
    // One block for the six per-token columns and the extra `nextBreak` entry (freed through
    // `lowerIDs` in `deinit`); every token's entries are written below, so the block is not
    // cleared first.
    let block = UnsafeMutableRawPointer.allocate(
      byteCount: (6 * n + 1) * MemoryLayout<Int32>.stride, alignment: MemoryLayout<Int32>.alignment)
    let lowerIDs = UnsafeMutableBufferPointer(start: block.bindMemory(to: Int32.self, capacity: 6 * n + 1), count: n)
    let foldIDs = UnsafeMutableBufferPointer(start: lowerIDs.baseAddress! + n, count: n)
    let starts = UnsafeMutableBufferPointer(start: lowerIDs.baseAddress! + 2 * n, count: n)
    let ends = UnsafeMutableBufferPointer(start: lowerIDs.baseAddress! + 3 * n, count: n)
    let nextBreak = lowerIDs.baseAddress! + 5 * n
    let classMasks = UnsafeMutableBufferPointer(
      start: UnsafeMutableRawPointer(lowerIDs.baseAddress! + 4 * n).bindMemory(to: UInt32.self, capacity: n), count: n)
    // The anchor bitsets, then the document's anchor sets, cleared.
    let bitCount = anchors.setCount * ((n + 63) >> 6) + anchors.wordCount
    let anchorBits = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, bitCount))
    anchorBits.initialize(repeating: 0, count: bitCount)
    let presentAnchors = anchorBits + (bitCount - anchors.wordCount)
    var presentLower = [UInt64](repeating: 0, count: keyCount / 64 + 1)
    var presentFold = needFold ? presentLower : []
    var presentClasses: UInt32 = 0
    let caseTable = ScalarCase.packed
    let size = UInt32(ScalarCase.tableSize)
    let keyScalars = keys.scalars, keyStarts = keys.starts
    let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325, fnvPrime: UInt64 = 0x100_0000_01b3
    // Token offsets are stored as Int32: any that fits the text does.
    precondition(text.scalars.count <= Int(Int32.max), "text too long")
    // The first token of the current line: the tokens from it on get `nextBreak` at the next break.
    var lineStart = 0
    text.scalars.withUnsafeBufferPointer { s in
      tokens.withUnsafeBufferPointer { toks in
        caseTable.withUnsafeBufferPointer { table in
          presentLower.withUnsafeMutableBufferPointer { presentL in
            presentFold.withUnsafeMutableBufferPointer { presentF in
              /// The packed case entry of `c` (see `ScalarCase.packed`).
              @inline(__always) func entry(_ c: UInt32) -> UInt64 {
                c < size ? table[Int(c)] : UInt64(c) | UInt64(c) << ScalarCase.foldShift
              }
              /// Notes that key `id` occurs in the document (nothing for -1).
              @inline(__always) func mark(_ present: UnsafeMutableBufferPointer<UInt64>, _ id: Int32) {
                if id >= 0 { present[Int(id) >> 6] |= 1 << UInt64(Int(id) & 63) }
              }
              for i in 0..<n {
                let kind = toks[i].kind
                let start = toks[i].start, end = toks[i].end
                starts[i] = Int32(truncatingIfNeeded: start)
                ends[i] = Int32(truncatingIfNeeded: end)
                var lowerID: Int32 = -1, foldID: Int32 = -1
                var m: UInt32 = 0
                // A short token is first looked up in the memo by its scalars as they are; when
                // it is not there, `fill` is the slot to remember what is found below.
                var fill: UnsafeMutablePointer<KeyMemo.Slot>? = nil
                var rawLow: UInt64 = 0, rawHigh: UInt64 = 0
                var shape: UInt32 = 0
                keying: do {
                  guard start >= 0, end <= s.count, start < end else { break keying }
                  if kind == .newline {
                    m = ClassBit.newline.mask
                    for t in lineStart...i { nextBreak[t] = Int32(i) }
                    lineStart = i &+ 1
                    break keying
                  }
                  let length = end &- start
                  if let memo, length <= FrozenKeys.maxPackedLength {
                    var rawBits: UInt32 = 0
                    for k in start..<end {
                      let c = s[k]
                      rawBits |= c
                      FrozenKeys.push(c, &rawLow, &rawHigh)
                    }
                    if rawBits < 0x10000 {
                      rawHigh |= UInt64(length) << 48
                      let slot = memo + KeyMemo.slot(rawLow, rawHigh)
                      if slot.pointee.low == rawLow && slot.pointee.high == rawHigh {
                        lowerID = slot.pointee.lowerID
                        foldID = slot.pointee.foldID
                        m = DocumentView.classMask(kind, shape: slot.pointee.shape)
                        mark(presentL, lowerID)
                        mark(presentF, foldID)
                        break keying
                      }
                      fill = slot
                    }
                  }
                  // One pass over the scalars: letters and capitals for the class mask, and the
                  // lower-case scalars packed (`FrozenKeys.pack`), with all their bits OR-ed.
                  var letters = 0, uppers = 0
                  var firstUpper = false, laterUpper = false
                  var low: UInt64 = 0, high: UInt64 = 0, bits: UInt64 = 0
                  for k in start..<end {
                    let e = entry(s[k])
                    if e & ScalarCase.letterBit != 0 { letters &+= 1 }
                    if e & ScalarCase.upperBit != 0 {
                      uppers &+= 1
                      if k == start { firstUpper = true } else { laterUpper = true }
                    }
                    let c = e & ScalarCase.valueMask
                    bits |= c
                    FrozenKeys.push(UInt32(truncatingIfNeeded: c), &low, &high)
                  }
                  // The word shape: first scalar upper case and no other (CAP for a word, and the
                  // shape bit for any token, which tells which tokens a case-sensitive literal can
                  // be), or two or more letters all upper case (UPPER for a word).
                  if firstUpper && !laterUpper { shape |= ClassBit.cap.mask | DocumentView.capitalizedShape }
                  if letters >= 2 && uppers == letters { shape |= ClassBit.upper.mask }
                  m = DocumentView.classMask(kind, shape: shape)
                  guard length <= DocumentView.maxKeyLength else { break keying }
                  // Lower-case key: a short one found by its packed scalars; a longer one (no
                  // longer than the longest key) by its hash, confirmed by its scalars.
                  if length <= FrozenKeys.maxPackedLength && bits < 0x10000 {
                    lowerID = keys.lookup(low: low, high: high | UInt64(length) << 48)
                  } else if length <= keys.longest {
                    var hl = fnvBasis
                    for k in start..<end { hl = (hl ^ (entry(s[k]) & ScalarCase.valueMask)) &* fnvPrime }
                    let id = keys.lookup(hash: hl)
                    if id >= 0 {
                      let ks = Int(keyStarts[Int(id)]), ke = Int(keyStarts[Int(id) + 1])
                      var same = ke - ks == length
                      if same {
                        for k in 0..<(ke - ks)
                        where UInt64(keyScalars[ks + k]) != entry(s[start + k]) & ScalarCase.valueMask {
                          same = false
                          break
                        }
                      }
                      if same { lowerID = id }
                    }
                  }
                  mark(presentL, lowerID)
                  guard needFold else { break keying }
                  // The diacritic-free key: known from the lower-case key when there is one.
                  if lowerID >= 0 {
                    foldID = keys.foldOfKey[Int(lowerID)]
                    mark(presentF, foldID)
                    break keying
                  }
                  var hf = fnvBasis
                  var foldLength = 0
                  for k in start..<end {
                    let f = (entry(s[k]) >> ScalarCase.foldShift) & ScalarCase.valueMask
                    if f != 0 {
                      hf = (hf ^ f) &* fnvPrime
                      foldLength &+= 1
                    }
                  }
                  let fid = keys.lookup(hash: hf)
                  if fid >= 0 {
                    let ks = Int(keyStarts[Int(fid)]), ke = Int(keyStarts[Int(fid) + 1])
                    var same = ke - ks == foldLength
                    if same {
                      var j = ks
                      for k in start..<end {
                        let f = (entry(s[k]) >> ScalarCase.foldShift) & ScalarCase.valueMask
                        if f == 0 { continue }
                        if UInt64(keyScalars[j]) != f { same = false; break }
                        j += 1
                      }
                    }
                    if same {
                      foldID = fid
                      mark(presentF, fid)
                    }
                  }
                }
                if let fill {
                  fill.pointee = KeyMemo.Slot(low: rawLow, high: rawHigh, lowerID: lowerID, foldID: foldID, shape: shape)
                }
                lowerIDs[i] = lowerID
                foldIDs[i] = foldID
                classMasks[i] = m
                presentClasses |= m
              }
            }
          }
        }
      }
    }
    for t in lineStart...n { nextBreak[t] = Int32(n) }
    DocumentView.markAnchors(
      anchors, count: n, lowerIDs: lowerIDs.baseAddress!, foldIDs: foldIDs.baseAddress!,
      classMasks: classMasks.baseAddress!, bits: anchorBits, present: presentAnchors)
    self.presentLower = presentLower
    self.presentFold = presentFold
    self.presentClasses = presentClasses
    self.lowerIDs = lowerIDs
    self.foldIDs = foldIDs
    self.classMasks = classMasks
    self.starts = starts
    self.ends = ends
    self.nextBreak = nextBreak
    self.anchorSetCount = anchors.setCount
    self.anchorBits = anchorBits
    self.presentAnchors = presentAnchors
  }

  /// Scalar `k` of the normalized text. Read from the text itself: only case-sensitive
  /// literals, exact token-set entries and document numbers look at scalars, too rarely to pay
  /// for a copy of the text in unmanaged memory per document.
  @inline(__always) func scalar(_ k: Int) -> UInt32 { text.scalars[k] }

  /// Sets the bit of every token in the bitsets of the anchor sets it belongs to, and the
  /// sets that occur in `present`. A pass (and a function) of its own after keying: in the
  /// keying loop the extra state would not fit in registers.
  @inline(never)
  private static func markAnchors(
    _ anchors: AnchorMasks, count n: Int, lowerIDs: UnsafePointer<Int32>, foldIDs: UnsafePointer<Int32>,
    classMasks: UnsafePointer<UInt32>, bits: UnsafeMutablePointer<UInt64>, present: UnsafeMutablePointer<UInt64>
  ) {
    let maskWords = anchors.wordCount, setCount = anchors.setCount
    let lower = anchors.lower.baseAddress!, fold = anchors.fold.baseAddress!, classes = anchors.classes.baseAddress!
    let classMask = anchors.classMask
    /// Word `w` of token `i`'s mask, marked.
    @inline(__always) func mark(_ i: Int, _ w: Int) {
      let lowerID = Int(lowerIDs[i]), foldID = Int(foldIDs[i]), m = classMasks[i]
      var a: UInt64 = 0
      if lowerID >= 0 {
        let k = lowerID &* 2 &* maskWords &+ w
        a = lower[k]
        if m & DocumentView.capitalizedShape != 0 { a |= lower[k &+ maskWords] }
      }
      if foldID >= 0 { a |= fold[foldID &* maskWords &+ w] }
      var c = m & classMask
      while c != 0 {
        a |= classes[c.trailingZeroBitCount &* maskWords &+ w]
        c &= c &- 1
      }
      present[w] |= a
      // The words of this token's 64-token block, one per set (see `anchorBits`).
      let block = bits + ((i >> 6) &* setCount &+ w &* 64)
      let bit: UInt64 = 1 << UInt64(i & 63)
      while a != 0 {
        block[a.trailingZeroBitCount] |= bit
        a &= a &- 1
      }
    }
    if maskWords == 1 {
      // The usual case, with the document's sets in a register and the diacritic-free keys
      // read only when there are any.
      let usesFold = anchors.usesFold
      var present0: UInt64 = 0
      for i in 0..<n {
        let lowerID = Int(lowerIDs[i]), m = classMasks[i]
        var a: UInt64 = 0
        if lowerID >= 0 {
          a = lower[2 &* lowerID]
          if m & DocumentView.capitalizedShape != 0 { a |= lower[2 &* lowerID &+ 1] }
        }
        if usesFold {
          let foldID = Int(foldIDs[i])
          if foldID >= 0 { a |= fold[foldID] }
        }
        var c = m & classMask
        while c != 0 {
          a |= classes[c.trailingZeroBitCount]
          c &= c &- 1
        }
        if a == 0 { continue }
        present0 |= a
        let block = bits + (i >> 6) &* setCount, bit: UInt64 = 1 << UInt64(i & 63)
        repeat {
          block[a.trailingZeroBitCount] |= bit
          a &= a &- 1
        } while a != 0
      }
      present[0] = present0
    } else {
      for i in 0..<n {
        for w in 0..<maskWords { mark(i, w) }
      }
    }
  }

  /// True when token `t` starts exactly where token `t - 1` ends.
  @inline(__always) func touchesPrevious(_ t: Int) -> Bool {
    t > 0 && t < count && starts[t] == ends[t - 1]
  }

  /// The normalized text from token `range.lowerBound`'s start to the last token's end.
  func string(tokens range: Range<Int>) -> String {
    guard !range.isEmpty else { return "" }
    return text.string(Int(starts[range.lowerBound])..<Int(ends[range.upperBound - 1]))
  }
}
