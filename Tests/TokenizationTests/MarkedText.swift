import Foundation
import Testing
import VNText
@testable import Tokenization

/// Marked-text cases: `⟦` and `⟧` surround the span a typed token must cover exactly, in raw
/// scalar offsets of the text without the markers.
struct Marked: CustomTestStringConvertible, Sendable {
  var text: String
  var kind: TokenKind
  /// The value as `tokenLine` prints it (`46237000000 VND (more_than)`, `2023-01-16`).
  var value: String

  init(_ text: String, _ kind: TokenKind, _ value: String) {
    self.text = text
    self.kind = kind
    self.value = value
  }

  var testDescription: String { "\(kind.rawValue): \(text)" }
}

/// Kinds that are typed tokens with a value (plain `number` is not counted as "typed" for
/// negative cases: `cấp 4` still has the number 4).
let quantityAndDateKinds: Set<TokenKind> = [.money, .count, .percent, .area, .date, .period, .time]

/// Removes the markers; returns the plain text and the marked span in scalars.
func unmark(_ marked: String) -> (String, Range<Int>) {
  var scalars = String.UnicodeScalarView()
  var start = -1, end = -1
  var n = 0
  for c in marked.unicodeScalars {
    if c == "⟦" { start = n; continue }
    if c == "⟧" { end = n; continue }
    scalars.append(c)
    n += 1
  }
  precondition(start >= 0 && end >= start, "no markers in \(marked)")
  return (String(scalars), start..<end)
}

/// Canonical decomposition (NFD), to feed the tokenizer decomposed input.
func nfd(_ s: String) -> String { s.decomposedStringWithCanonicalMapping }

func tokenize(_ s: String) -> (NormalizedText, [Token]) {
  let text = Normalizer().normalize(s)
  return (text, Tokenizer().tokenize(text))
}

/// Checks one marked case: exactly one token covers the marked raw span, of the kind and value
/// expected, and no other typed token overlaps it.
func check(_ c: Marked, decomposed: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
  let (plain, span) = unmark(decomposed ? nfd(c.text) : c.text)
  let (text, tokens) = tokenize(plain)
  let overlapping = tokens.filter { t in
    let r = text.rawRange(t.range)
    return r.overlaps(span) && (t.value != nil || t.kind == .other)
  }
  let dump = tokens.filter { $0.value != nil }.map { tokenLine($0, in: text) }.joined(separator: "\n")
  #expect(overlapping.count == 1, "expected one typed token over \(span), got:\n\(dump)", sourceLocation: sourceLocation)
  guard let t = overlapping.first else { return }
  #expect(text.rawRange(t.range) == span, "span \(text.rawRange(t.range)) != \(span):\n\(dump)", sourceLocation: sourceLocation)
  #expect(t.kind == c.kind, "kind \(t.kind) != \(c.kind)", sourceLocation: sourceLocation)
  if let v = t.value {
    #expect(plainValue(v, kind: t.kind) == c.value, sourceLocation: sourceLocation)
  }
}

/// Checks that no token of `kinds` appears anywhere in `text`.
func checkNone(_ s: String, _ kinds: Set<TokenKind> = quantityAndDateKinds, sourceLocation: SourceLocation = #_sourceLocation) {
  let (text, tokens) = tokenize(s)
  let found = tokens.filter { kinds.contains($0.kind) }.map { tokenLine($0, in: text) }
  #expect(found.isEmpty, "unexpected: \(found)", sourceLocation: sourceLocation)
}
