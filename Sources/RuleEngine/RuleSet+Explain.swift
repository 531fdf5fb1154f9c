import RuleLanguage
import Tokenization
import VNText

/// One attempt of a rule at one start token, with how far it got.
struct RuleAttempt {
  var start: Int
  var match: RuleMatch?
  var trace: MatchTrace
}

extension RuleSet {
  /// A human-readable trace: normalized text, tokens, every match with its captures and
  /// emissions, the candidates that lost a conflict and to which rule, and the result. With
  /// `rule`, also every place that rule was tried and which pattern element failed there.
  public func explain(_ text: NormalizedText, tokens: [Token], rule: String?) -> String {
    let run = self.run(text, tokens: tokens, allFields: true)
    let doc = run.doc
    var out: [String] = []
    out.append("== normalized text (\(text.scalars.count) characters)")
    out.append(text.string)
    out.append("")
    out.append("== tokens (\(tokens.count))")
    for (i, t) in tokens.enumerated() {
      out.append(
        pad(String(i), 5) + "  " + pad(t.kind.rawValue, 12, left: false) + pad("\(t.start)..<\(t.end)", 12, left: false)
          + quote(t.kind == .newline ? "\\n" : text.string(t.range)) + describe(t.value))
    }
    out.append("")
    out.append("== matches (\(Set(run.candidates.map { "\($0.ruleIndex)/\($0.match.start)" }).count))")
    var shown = Set<String>()
    let winners = Set(run.winners)
    for (i, c) in run.candidates.enumerated() {
      let r = rules[c.ruleIndex]
      let key = "\(c.ruleIndex)/\(c.match.start)"
      if shown.insert(key).inserted {
        out.append("\(r.id)  (\(location(r)))  tokens \(c.match.start)..<\(c.match.end)  \(quote(doc.string(tokens: c.match.start..<c.match.end)))")
        for (k, name) in r.captureNames.enumerated() {
          guard let cr = c.match.capture(k) else {
            out.append("    \(name) = (not matched)")
            continue
          }
          let value = captureValue(r, k, match: c.match, doc: doc)?.string ?? ""
          let textOf = doc.string(tokens: cr)
          out.append("    \(name) = \(quote(textOf))" + (value != textOf ? " → \(quote(value))" : "") + "  tokens \(cr.lowerBound)..<\(cr.upperBound)")
        }
      }
      let verdict: String
      if winners.contains(i) {
        verdict = "kept"
      } else if let w = run.lostTo(i) {
        verdict = "LOST to \(rules[run.candidates[w].ruleIndex].id)"
      } else {
        verdict = "dropped"
      }
      out.append("    → \(show(run.annotations[i], text))  [\(verdict)]")
    }
    out.append("")
    let losers = run.losers
    out.append("== conflicts (\(losers.count) lost)")
    for l in losers {
      let w = run.lostTo(l)!
      let loser = run.candidates[l], winner = run.candidates[w]
      out.append("\(rules[loser.ruleIndex].id): \(show(run.annotations[l], text))")
      out.append(
        "    lost to \(rules[winner.ruleIndex].id): \(show(run.annotations[w], text))  (\(reason(loser, winner, run.annotations[l], run.annotations[w])))")
    }
    out.append("")
    out.append("== annotations (\(run.winners.count))")
    for w in run.winners {
      out.append("\(show(run.annotations[w], text))  by \(run.annotations[w].rule)")
    }
    if let id = rule {
      out.append("")
      guard let r = rules.firstIndex(where: { $0.id == id }) else {
        out.append("== rule \(id): no such rule")
        return out.joined(separator: "\n")
      }
      out.append("== rule \(id)  (\(location(rules[r])))")
      out.append("pattern: \(rules[r].syntax.pattern.text)")
      let attempts = trace(r, doc: doc)
      if attempts.isEmpty {
        let firsts = RuleSet.firstAtoms(rules[r].program).atoms.map { rules[r].program.atomInfo[$0].label }
        out.append("never tried: no token can start it (it starts with \(firsts.joined(separator: " or ")))")
      }
      for a in attempts.prefix(200) {
        out.append(describeFailure(r, a, doc: doc))
      }
      if attempts.count > 200 { out.append("… \(attempts.count - 200) more places") }
    }
    return out.joined(separator: "\n")
  }

  /// Tries rule `r` at every token where it can start, recording how far it got.
  func trace(_ r: Int, doc: DocumentView) -> [RuleAttempt] {
    let rule = rules[r]
    let firsts = RuleSet.firstAtoms(rule.program).atoms
    let scratch = MatchScratch()
    var attempts: [RuleAttempt] = []
    for pos in 0..<doc.count {
      let canStart = firsts.contains { a in
        let atom = rule.program.atoms[a]
        if case .gazetteer(let g) = atom { return !gazetteers[g].ends(in: doc, at: pos).isEmpty }
        return Matcher.matchAtom(atom, program: rule.program, doc: doc, at: pos) >= 0
      }
      guard canStart else { continue }
      var t = MatchTrace()
      let m = withUnsafeMutablePointer(to: &t) { p in
        Matcher.run(
          rule.program, captureCount: rule.captureNames.count, gazetteers: gazetteerTable, doc: doc,
          start: pos, scratch: scratch, trace: p)
      }
      attempts.append(RuleAttempt(start: pos, match: m, trace: t))
    }
    return attempts
  }

  func describeFailure(_ r: Int, _ a: RuleAttempt, doc: DocumentView) -> String {
    let rule = rules[r]
    let startText = quote(doc.string(tokens: a.start..<(a.start + 1)))
    if let m = a.match {
      return "at token \(a.start) \(startText): matched tokens \(a.start)..<\(m.end) \(quote(doc.string(tokens: m.start..<m.end)))"
    }
    let far = a.trace.farthest
    let got = far > a.start ? "matched \(quote(doc.string(tokens: a.start..<far))), then " : ""
    let seen = far < doc.count ? "token \(far) \(quote(doc.tokens[far].kind == .newline ? "\\n" : doc.string(tokens: far..<(far + 1))))" : "the end of the text"
    var expected = a.trace.failedAtoms.prefix(8).map { k -> String in
      let info = rule.program.atomInfo[k]
      let place = info.macro.map { "in macro %\($0), " } ?? ""
      let label = info.label.count > 60 ? String(info.label.prefix(57)) + "…" : info.label
      return "\(label) (\(place)\(info.location.file):\(info.location.line):\(info.location.column))"
    }
    if a.trace.failedAtoms.count > 8 { expected.append("\(a.trace.failedAtoms.count - 8) more") }
    if a.trace.glueFailed { expected.append("no space before it (< … >)") }
    return "at token \(a.start) \(startText): \(got)failed at \(seen): expected \(expected.joined(separator: " or "))"
  }

  private func location(_ r: CompiledRule) -> String {
    "\(r.syntax.location.file):\(r.syntax.location.line)"
  }

  private func reason(_ loser: Candidate, _ winner: Candidate, _ l: Annotation, _ w: Annotation) -> String {
    if loser.isRole {
      if l.priority != w.priority { return "higher priority" }
      if loser.matchLength != winner.matchLength { return "closer context: \(winner.matchLength) tokens against \(loser.matchLength)" }
      return "same target; earlier in file order"
    }
    let ll = l.end - l.start, wl = w.end - w.start
    if ll != wl { return "overlapping \(w.type); longer span" }
    if l.priority != w.priority { return "overlapping; higher priority" }
    return "overlapping; earlier in file order"
  }

  private func show(_ a: Annotation, _ text: NormalizedText) -> String {
    let fields = a.fields.keys.sorted().map { "\($0): \(a.fields[$0]!)" }.joined(separator: ", ")
    return "\(a.type) \(a.start)..<\(a.end) \(quote(text.string(a.start..<a.end))) {\(fields)}"
  }

  private func describe(_ value: TokenValue?) -> String {
    guard let value else { return "" }
    switch value {
    case .number(let n): return "  = \(n)"
    case .quantity(let q):
      var s = "  = \(q.value) \(q.unit)"
      if q.qualifier != .exact { s += " (\(q.qualifier.rawValue))" }
      if let of = q.of { s += " of \(of)" }
      if let per = q.per { s += " per \(per)" }
      return s
    case .date(let d): return "  = \(d.iso)"
    case .period(let a, let b): return "  = \(a.iso) … \(b.iso)"
    }
  }

  private func quote(_ s: String) -> String { "\"" + s + "\"" }

  private func pad(_ s: String, _ n: Int, left: Bool = true) -> String {
    let fill = String(repeating: " ", count: max(0, n - s.count))
    return left ? fill + s : s + fill
  }
}
