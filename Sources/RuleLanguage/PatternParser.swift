/// Parses the compact token-pattern language (see `rules/README.md`) into `PatternElement`s.
///
/// The parser never throws: it returns its best tree and every problem it found, each with a
/// character offset into the pattern string.
public struct PatternParser {
  /// The token classes the language knows.
  public static let tokenClasses: Set<String> = [
    "MONEY", "COUNT", "PERCENT", "AREA", "DATE", "PERIOD", "NUMBER", "TIME", "WORD", "CAP",
    "UPPER", "PUNCT", "NL", "ANY", "OTHER", "CODE",
  ]

  /// The largest bound a repetition may have.
  public static let maxRepetition = 50

  private let s: [Unicode.Scalar]
  private var i = 0
  private var problems: [PatternProblem] = []

  private init(_ text: String) { s = Array(text.unicodeScalars) }

  /// Parses `text`; the result is nil only when nothing usable could be parsed.
  public static func parse(_ text: String) -> (PatternElement?, [PatternProblem]) {
    var p = PatternParser(text)
    p.skipSpace()
    if p.i == p.s.count {
      p.problems.append(PatternProblem(.neverMatches, "empty pattern: it can never match", offset: 0))
      return (nil, p.problems)
    }
    let e = p.parseAlternatives()
    p.skipSpace()
    while p.i < p.s.count {
      p.fail("unexpected '\(p.s[p.i])'", at: p.i)
      p.i += 1
      _ = p.parseAlternatives()
      p.skipSpace()
    }
    return (e, p.problems)
  }

  // MARK: Grammar

  private mutating func parseAlternatives() -> PatternElement {
    let start = i
    var alts = [parseSequence()]
    skipSpace()
    while peek == "|" {
      i += 1
      let a = parseSequence()
      if case .sequence(let xs) = a.kind, xs.isEmpty {
        fail("empty alternative after '|'", at: a.offset)
      }
      alts.append(a)
      skipSpace()
    }
    if alts.count == 1 { return alts[0] }
    return PatternElement(.alternatives(alts), offset: start, length: i - start)
  }

  private mutating func parseSequence() -> PatternElement {
    skipSpace()
    let start = i
    var items: [PatternElement] = []
    while let c = peek, c != "|", c != ")", c != ">" {
      let before = i
      if let e = parseItem() { items.append(e) }
      if i == before { fail("unexpected '\(c)'", at: i); i += 1 }
      skipSpace()
    }
    if items.count == 1 { return items[0] }
    return PatternElement(.sequence(items), offset: start, length: i - start)
  }

  /// `name:x`, `!x`, or a postfix element.
  private mutating func parseItem() -> PatternElement? {
    let start = i
    if let c = peek, isIdentStart(c) {
      var j = i
      while j < s.count, isIdentChar(s[j]) { j += 1 }
      if j < s.count, s[j] == ":" {
        let name = String(String.UnicodeScalarView(s[i..<j]))
        i = j + 1
        skipSpace()
        guard let inner = parsePrefixed() else {
          fail("capture '\(name)' has nothing to capture", at: start)
          return nil
        }
        return PatternElement(.capture(name, inner), offset: start, length: i - start)
      }
    }
    return parsePrefixed()
  }

  private mutating func parsePrefixed() -> PatternElement? {
    let start = i
    if peek == "!" {
      i += 1
      skipSpace()
      guard let inner = parsePostfix() else {
        fail("'!' needs an element after it", at: start)
        return nil
      }
      checkOneToken(inner)
      return PatternElement(.negation(inner), offset: start, length: i - start)
    }
    return parsePostfix()
  }

  /// Reports elements that are not a single token inside `!`.
  private mutating func checkOneToken(_ e: PatternElement) {
    switch e.kind {
    case .literal(let text, _):
      let pieces = LiteralSplitter.split(text)
      if pieces.count > 1 {
        problems.append(
          PatternProblem(
            .multiTokenLiteralInSingleSlot,
            "literal \"\(text)\" has \(pieces.count) tokens but '!' takes exactly one token",
            offset: e.offset))
      }
    case .tokenClass(let name) where name == "CODE":
      fail("CODE can cover several tokens; '!' takes exactly one token", at: e.offset)
    case .tokenClass, .anyToken, .macro: break
    case .alternatives(let xs): for x in xs { checkOneToken(x) }
    case .capture(_, let x): checkOneToken(x)
    default:
      fail("'!' takes one token: a one-syllable literal, a class, or alternatives of those",
           at: e.offset)
    }
  }

  private mutating func parsePostfix() -> PatternElement? {
    let start = i
    guard var e = parsePrimary() else { return nil }
    while true {
      guard let c = peek else { break }
      if c == "?" {
        i += 1
        let lazy = peek == "?"
        if lazy { i += 1 }
        e = PatternElement(.repetition(e, min: 0, max: 1, lazy: lazy), offset: start, length: i - start)
      } else if c == "*" || c == "+" {
        problems.append(
          PatternProblem(
            .unboundedRepetition,
            "unbounded repetition '\(c)' is not allowed; write a bound such as {\(c == "*" ? 0 : 1),5}",
            offset: i))
        i += 1
        e = PatternElement(
          .repetition(e, min: c == "*" ? 0 : 1, max: nil, lazy: false), offset: start, length: i - start)
      } else if c == "{" {
        let braceAt = i
        i += 1
        skipSpace()
        guard let m = parseInt() else {
          fail("expected a number after '{'", at: i)
          skipPast("}")
          continue
        }
        skipSpace()
        var n: Int? = m
        if peek == "," {
          i += 1
          skipSpace()
          n = parseInt()
          if n == nil {
            problems.append(
              PatternProblem(
                .unboundedRepetition,
                "unbounded repetition {\(m),} is not allowed; give an upper bound", offset: braceAt))
          }
          skipSpace()
        }
        if peek == "}" { i += 1 } else { fail("expected '}'", at: i); skipPast("}") }
        if let n {
          if n < m {
            problems.append(
              PatternProblem(
                .neverMatches, "repetition {\(m),\(n)} can never match: the minimum is above the maximum",
                offset: braceAt))
          } else if n > PatternParser.maxRepetition {
            problems.append(
              PatternProblem(
                .unboundedRepetition,
                "repetition bound \(n) is above the limit of \(PatternParser.maxRepetition)",
                offset: braceAt))
          } else if n == 0 {
            problems.append(
              PatternProblem(.neverMatches, "repetition {\(m),0} matches nothing", offset: braceAt))
          }
        }
        let lazy = peek == "?"
        if lazy { i += 1 }
        e = PatternElement(.repetition(e, min: m, max: n, lazy: lazy), offset: start, length: i - start)
      } else {
        break
      }
    }
    return e
  }

  private mutating func parsePrimary() -> PatternElement? {
    let start = i
    guard let c = peek else { return nil }
    switch c {
    case "\"":
      return parseString(mode: .caseInsensitive, start: start)
    case "~", "=":
      i += 1
      guard peek == "\"" else {
        fail("'\(c)' must be followed by a quoted literal", at: start)
        return nil
      }
      return parseString(mode: c == "~" ? .diacriticInsensitive : .caseSensitive, start: start)
    case "(":
      i += 1
      let inner = parseAlternatives()
      skipSpace()
      if peek == ")" { i += 1 } else { fail("missing ')' for the '(' at column offset \(start + 1)", at: start) }
      if case .sequence(let xs) = inner.kind, xs.isEmpty {
        problems.append(PatternProblem(.neverMatches, "empty group '()'", offset: start))
      }
      return PatternElement(inner.kind, offset: start, length: i - start)
    case "<":
      i += 1
      let inner = parseAlternatives()
      skipSpace()
      if peek == ">" { i += 1 } else { fail("missing '>' for the '<'", at: start) }
      return PatternElement(.glued(inner), offset: start, length: i - start)
    case "[":
      i += 1
      skipSpace()
      if peek == "]" {
        i += 1
        return PatternElement(.anyToken, offset: start, length: i - start)
      }
      fail("only '[]' (any token) is supported between brackets", at: start)
      skipPast("]")
      return PatternElement(.anyToken, offset: start, length: i - start)
    case "@", "%":
      i += 1
      let nameStart = i
      while let d = peek, isIdentChar(d) || d == "-" { i += 1 }
      if i == nameStart {
        fail("'\(c)' must be followed by a name", at: start)
        return nil
      }
      let name = String(String.UnicodeScalarView(s[nameStart..<i]))
      return PatternElement(c == "@" ? .gazetteer(name) : .macro(name), offset: start, length: i - start)
    default:
      if isIdentStart(c) {
        while let d = peek, isIdentChar(d) || d.properties.isAlphabetic { i += 1 }
        let name = String(String.UnicodeScalarView(s[start..<i]))
        if !PatternParser.tokenClasses.contains(name) {
          if name.uppercased() == name {
            problems.append(
              PatternProblem(
                .unknownClass,
                "unknown token class '\(name)'" + suggestion(for: name), offset: start))
          } else {
            fail(
              "bare word '\(name)': quote literals (\"\(name)\"), classes are upper case, captures are name:element",
              at: start)
          }
        }
        return PatternElement(.tokenClass(name), offset: start, length: i - start)
      }
      if c.properties.isAlphabetic {
        while let d = peek, d.properties.isAlphabetic { i += 1 }
        let word = String(String.UnicodeScalarView(s[start..<i]))
        fail("bare word '\(word)': quote literals (\"\(word)\")", at: start)
        return PatternElement(.literal(word, .caseInsensitive), offset: start, length: i - start)
      }
      return nil
    }
  }

  private mutating func parseString(mode: LiteralMode, start: Int) -> PatternElement? {
    // At the opening quote.
    i += 1
    var text = String.UnicodeScalarView()
    while let c = peek, c != "\"" {
      if c == "\\", i + 1 < s.count {
        text.append(s[i + 1])
        i += 2
      } else {
        text.append(c)
        i += 1
      }
    }
    if peek == "\"" {
      i += 1
    } else {
      fail("unterminated literal: missing closing '\"'", at: start)
    }
    let value = String(text)
    if LiteralSplitter.split(value).isEmpty {
      problems.append(PatternProblem(.neverMatches, "empty literal can never match", offset: start))
    }
    return PatternElement(.literal(value, mode), offset: start, length: i - start)
  }

  // MARK: Helpers

  private var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

  private mutating func skipSpace() {
    while let c = peek, c == " " || c == "\t" || c == "\n" || c == "\r" { i += 1 }
  }

  private mutating func skipPast(_ c: Unicode.Scalar) {
    while let d = peek, d != c { i += 1 }
    if peek == c { i += 1 }
  }

  private mutating func parseInt() -> Int? {
    let start = i
    var v = 0
    while let c = peek, c.value >= 48, c.value <= 57 {
      v = min(v * 10 + Int(c.value - 48), 1_000_000)
      i += 1
    }
    return i == start ? nil : v
  }

  private mutating func fail(_ message: String, at offset: Int) {
    problems.append(PatternProblem(.patternSyntax, message, offset: offset))
  }

  private func isIdentStart(_ c: Unicode.Scalar) -> Bool {
    c.isASCII && (c.properties.isAlphabetic || c == "_")
  }

  private func isIdentChar(_ c: Unicode.Scalar) -> Bool {
    c.isASCII && (c.properties.isAlphabetic || c == "_" || (c.value >= 48 && c.value <= 57))
  }

  private func suggestion(for name: String) -> String {
    let best = PatternParser.tokenClasses.sorted().min {
      editDistance($0, name) < editDistance($1, name)
    }
    guard let best, editDistance(best, name) <= 2 else { return "" }
    return "; did you mean '\(best)'?"
  }
}

/// Levenshtein distance, for "did you mean" hints (shared with the rule compiler).
public func editDistance(_ a: String, _ b: String) -> Int {
  let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
  if x.isEmpty { return y.count }
  if y.isEmpty { return x.count }
  var prev = Array(0...y.count)
  var cur = [Int](repeating: 0, count: y.count + 1)
  for i in 1...x.count {
    cur[0] = i
    for j in 1...y.count {
      cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
    }
    swap(&prev, &cur)
  }
  return prev[y.count]
}
