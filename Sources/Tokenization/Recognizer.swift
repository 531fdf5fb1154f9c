/// The second pass: reads typed tokens off the lexemes, left to right, longest first.
struct Recognizer {
  let s: UnsafeBufferPointer<UInt32>
  let lx: [Lexeme]
  let options: Tokenizer.Options
  var out: [Token] = []

  init(s: UnsafeBufferPointer<UInt32>, lx: [Lexeme], options: Tokenizer.Options) {
    self.s = s
    self.lx = lx
    self.options = options
    out.reserveCapacity(lx.count)
  }

  mutating func run() -> [Token] {
    var i = 0
    while i < lx.count {
      if let next = recognize(at: i) {
        i = next
        continue
      }
      emitPlain(i)
      i += 1
    }
    return out
  }

  /// Tries every typed reading starting at lexeme `i`; on success appends the token(s) and
  /// returns the index after them.
  mutating func recognize(at i: Int) -> Int? {
    nil
  }

  mutating func emitPlain(_ i: Int) {
    let l = lx[i]
    switch l.kind {
    case .word: out.append(Token(kind: .word, start: l.start, end: l.end))
    case .punctuation: out.append(Token(kind: .punctuation, start: l.start, end: l.end))
    case .newline: out.append(Token(kind: .newline, start: l.start, end: l.end))
    case .numeral: out.append(Token(kind: .number, start: l.start, end: l.end, value: .number(l.number)))
    }
  }
}
