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
  /// The normalized text.
  let scalars: UnsafeMutableBufferPointer<UInt32>
  /// Which key ids and classes occur anywhere in the document.
  let presentLower: [UInt64]
  let presentFold: [UInt64]
  let presentClasses: UInt32

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
    UnmanagedBuffer.free(lowerIDs)
    UnmanagedBuffer.free(foldIDs)
    UnmanagedBuffer.free(classMasks)
    UnmanagedBuffer.free(starts)
    UnmanagedBuffer.free(ends)
    UnmanagedBuffer.free(scalars)
  }

  /// A bit of `classMasks` beyond the classes: the token's first scalar is upper case and no
  /// other is (see `Anchor`).
  static let capitalizedShape: UInt32 = 1 << 24

  /// True when `scalars` have the capitalized shape.
  static func isCapitalizedShape(_ scalars: [UInt32]) -> Bool {
    guard let first = scalars.first, ScalarCase.upper(first) else { return false }
    return !scalars.dropFirst().contains(where: ScalarCase.upper)
  }

  /// Tokens longer than this (in scalars) get no key: no literal is that long.
  static let maxKeyLength = 48

  init(text: NormalizedText, tokens: [Token], keys: FrozenKeys, keyCount: Int, needFold: Bool) {
    self.text = text
    self.tokens = tokens
    let n = tokens.count
    count = n
    let lowerIDs = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, n))
    let foldIDs = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, n))
    let classMasks = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(1, n))
    let starts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, n))
    let ends = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, n))
    lowerIDs.initialize(repeating: -1)
    foldIDs.initialize(repeating: -1)
    classMasks.initialize(repeating: 0)
    starts.initialize(repeating: 0)
    ends.initialize(repeating: 0)
    var presentLower = [UInt64](repeating: 0, count: keyCount / 64 + 1)
    var presentFold = needFold ? presentLower : []
    var presentClasses: UInt32 = 0
    let lowerTable = ScalarCase.lower
    let foldTable = ScalarCase.folded
    let upperTable = ScalarCase.isUpper
    let size = UInt32(ScalarCase.tableSize)
    let keyScalars = keys.scalars, keyStarts = keys.starts
    text.scalars.withUnsafeBufferPointer { s in
      tokens.withUnsafeBufferPointer { toks in
        lowerTable.withUnsafeBufferPointer { lowerT in
          foldTable.withUnsafeBufferPointer { foldT in
            upperTable.withUnsafeBufferPointer { upperT in
              presentLower.withUnsafeMutableBufferPointer { presentL in
                presentFold.withUnsafeMutableBufferPointer { presentF in
              @inline(__always) func lower(_ c: UInt32) -> UInt32 { c < size ? lowerT[Int(c)] : c }
              @inline(__always) func fold(_ c: UInt32) -> UInt32 { c < size ? foldT[Int(c)] : c }
              for i in 0..<n {
                let kind = toks[i].kind
                let start = toks[i].start, end = toks[i].end
                starts[i] = Int32(start)
                ends[i] = Int32(end)
                guard start >= 0, end <= s.count, start < end else { continue }
                // Class mask.
                var m: UInt32 = ClassBit.any.mask
                switch kind {
                case .word:
                  m |= ClassBit.word.mask
                  var letters = 0, uppers = 0
                  var firstUpper = false, laterUpper = false
                  for k in start..<end {
                    let c = s[k]
                    let up = c < size && upperT[Int(c)]
                    if up || lower(c) != c || (c >= 0x61 && c <= 0x7A) || (c >= 0xC0 && fold(c) != c) {
                      letters += 1
                    }
                    if up {
                      uppers += 1
                      if k == start { firstUpper = true } else { laterUpper = true }
                    }
                  }
                  if firstUpper && !laterUpper { m |= ClassBit.cap.mask }
                  if letters >= 2 && uppers == letters { m |= ClassBit.upper.mask }
                case .punctuation: m |= ClassBit.punct.mask
                case .newline: m = ClassBit.newline.mask
                case .number: m |= ClassBit.number.mask
                case .money: m |= ClassBit.money.mask
                case .count: m |= ClassBit.count.mask
                case .percent: m |= ClassBit.percent.mask
                case .area: m |= ClassBit.area.mask
                case .date: m |= ClassBit.date.mask
                case .time: m |= ClassBit.time.mask
                case .period: m |= ClassBit.period.mask
                case .other: m |= ClassBit.other.mask
                }
                // Shape bit (not a class): first scalar upper case, no other; a function of the
                // scalars alone, so a case-sensitive literal's shape tells which tokens it can be.
                if kind != .newline, start < end, s[start] < size, upperT[Int(s[start])] {
                  var later = false
                  for k in (start + 1)..<end where s[k] < size && upperT[Int(s[k])] {
                    later = true
                    break
                  }
                  if !later { m |= DocumentView.capitalizedShape }
                }
                classMasks[i] = m
                presentClasses |= m
                guard kind != .newline, end - start <= DocumentView.maxKeyLength else { continue }
                // Lower-case key.
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for k in start..<end {
                  h ^= UInt64(lower(s[k]))
                  h = h &* 0x100_0000_01b3
                }
                let id = keys.lookup(hash: h)
                if id >= 0 {
                  let ks = Int(keyStarts[Int(id)]), ke = Int(keyStarts[Int(id) + 1])
                  var same = ke - ks == end - start
                  if same {
                    for k in 0..<(ke - ks) where keyScalars[ks + k] != lower(s[start + k]) {
                      same = false
                      break
                    }
                  }
                  if same {
                    lowerIDs[i] = id
                    presentL[Int(id) >> 6] |= 1 << UInt64(Int(id) & 63)
                  }
                }
                guard needFold else { continue }
                var hf: UInt64 = 0xcbf2_9ce4_8422_2325
                var len = 0
                for k in start..<end {
                  let f = fold(s[k])
                  if f == 0 { continue }
                  hf ^= UInt64(f)
                  hf = hf &* 0x100_0000_01b3
                  len += 1
                }
                let fid = keys.lookup(hash: hf)
                if fid >= 0 {
                  let ks = Int(keyStarts[Int(fid)]), ke = Int(keyStarts[Int(fid) + 1])
                  var same = ke - ks == len
                  if same {
                    var j = ks
                    for k in start..<end {
                      let f = fold(s[k])
                      if f == 0 { continue }
                      if keyScalars[j] != f { same = false; break }
                      j += 1
                    }
                  }
                  if same {
                    foldIDs[i] = fid
                    presentF[Int(fid) >> 6] |= 1 << UInt64(Int(fid) & 63)
                  }
                }
              }
                }
              }
            }
          }
        }
      }
    }
    self.presentLower = presentLower
    self.presentFold = presentFold
    self.presentClasses = presentClasses
    self.lowerIDs = UnsafeMutableBufferPointer(start: lowerIDs.baseAddress, count: n)
    self.foldIDs = UnsafeMutableBufferPointer(start: foldIDs.baseAddress, count: n)
    self.classMasks = UnsafeMutableBufferPointer(start: classMasks.baseAddress, count: n)
    self.starts = UnsafeMutableBufferPointer(start: starts.baseAddress, count: n)
    self.ends = UnsafeMutableBufferPointer(start: ends.baseAddress, count: n)
    self.scalars = UnmanagedBuffer.make(text.scalars)
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
