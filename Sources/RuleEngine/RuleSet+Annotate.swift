import Tokenization
import VNText

/// A rule's emission before conflicts are resolved.
struct Candidate: Sendable {
  var annotation: Annotation
  var ruleIndex: Int
  var isRole: Bool
  /// Which of the rule's emissions.
  var emission: Int
  /// Whether `annotation.fields` is filled (`run` leaves it to the winners unless asked).
  var hasFields: Bool
  var match: RuleMatch
  /// Tokens covered by the whole match (smaller = cue closer to the target).
  var matchLength: Int { match.end - match.start }
}

/// Everything one run over a document produced, for `annotate` and `explain`.
struct AnnotationRun {
  var doc: DocumentView
  var candidates: [Candidate]
  /// Indices into `candidates` of the winners, in output order.
  var winners: [Int]
  /// Per candidate, the index of the winner it lost to, or -1.
  var loserWinner: [Int]

  /// The winner candidate `i` lost a conflict to, if it lost one.
  func lostTo(_ i: Int) -> Int? { loserWinner[i] >= 0 ? loserWinner[i] : nil }

  /// The candidates that lost a conflict, in candidate order.
  var losers: [Int] { loserWinner.indices.filter { loserWinner[$0] >= 0 } }
}

extension RuleSet {
  /// The annotations for one document after the conflict policy (see `rules/README.md`),
  /// sorted by start, end, type and rule. Thread-safe.
  public func annotate(_ text: NormalizedText, tokens: [Token]) -> [Annotation] {
    let run = self.run(text, tokens: tokens)
    return run.winners.map { run.candidates[$0].annotation }
  }

  /// The candidate's annotation with its fields (computed here if `run` left them out).
  func completed(_ c: Candidate, doc: DocumentView) -> Annotation {
    if c.hasFields { return c.annotation }
    var a = c.annotation
    a.fields = fields(rules[c.ruleIndex], emission: c.emission, match: c.match, doc: doc)
    return a
  }

  func view(_ text: NormalizedText, tokens: [Token]) -> DocumentView {
    DocumentView(
      text: text, tokens: tokens, keys: frozenKeys, keyCount: keys.count, needFold: usesFold, anchors: anchorMasks)
  }

  /// Runs every rule over the document and resolves conflicts. Only the winners' annotations
  /// get their fields unless `allFields` (for `explain`).
  func run(
    _ text: NormalizedText, tokens: [Token], counters: UnsafeMutablePointer<MatchCounters>? = nil,
    allFields: Bool = false
  ) -> AnnotationRun {
    let doc = view(text, tokens: tokens)
    let scratch = scratchPool.take()
    defer { scratchPool.give(scratch) }
    scratch.steps = 0
    var attempts = 0
    let perRule = counters?.pointee.perRule ?? false
    var ruleAttempts = perRule ? [Int](repeating: 0, count: rules.count) : []
    var ruleSteps = ruleAttempts, ruleMatches = ruleAttempts
    // Rules whose required syllables or classes are missing from the document are never tried.
    let ruleCount = rules.count
    let active = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(1, ruleCount))
    defer { active.deallocate() }
    requirements.markActive(
      active, presentLower: doc.presentLower, presentFold: doc.presentFold, presentClasses: doc.presentClasses)
    // The last starts tried per rule, by start mod 4: a rule is tried at most once per start,
    // whether it is found through its first token or through the token after its context.
    let tried = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(4, ruleCount * 4))
    defer { tried.deallocate() }
    tried.initialize(repeating: -1)
    // The (rule, start) pairs to try at one token, gathered from every index row that applies.
    let batchRule = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, ruleCount * 4))
    let batchStart = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(1, ruleCount * 4))
    defer {
      batchRule.deallocate()
      batchStart.deallocate()
    }
    // Window anchors: the document view marks where each distinct anchor set occurs.
    let ruleAnchorStarts = self.ruleAnchorStarts, ruleAnchorIDs = self.ruleAnchorIDs
    let ruleAnchorOffsets = self.ruleAnchorOffsets, ruleAnchorInLine = self.ruleAnchorInLine
    let anchorBits = doc.anchorBits, setCount = doc.anchorSetCount, nextBreak = doc.nextBreak
    // A rule whose anchor never occurs is not tried in this document.
    let presentAnchors = doc.presentAnchors
    for set in 0..<setCount where presentAnchors[set >> 6] & (1 << UInt64(set & 63)) == 0 {
      for k in anchorSetRules.row(set) { active[Int(anchorSetRules.rules[k])] = false }
    }
    let ruleRefs = self.ruleRefs, gazetteerTable = self.gazetteerTable
    let keyRows = self.keyRows
    /// True when the anchor set of rule anchor `k` occurs in the window of a match starting at
    /// `q`: tokens `q ... q + maxOffset`, and before the next line break for a line-bound anchor.
    @inline(__always) func anchorNear(_ k: Int, _ q: Int) -> Bool {
      let bits = anchorBits + Int(ruleAnchorIDs[k])
      let hi = min(ruleAnchorInLine[k] ? Int(nextBreak[q]) - 1 : doc.count - 1, q + Int(ruleAnchorOffsets[k]))
      guard q <= hi else { return false }
      var w = q >> 6
      let last = hi >> 6
      var found = bits[w &* setCount] & (~0 << UInt64(q & 63))
      while w < last {
        if found != 0 { return true }
        w += 1
        found = bits[w &* setCount]
      }
      return found & (~0 >> UInt64(63 - (hi & 63))) != 0
    }
    var candidates: [Candidate] = []
    candidates.reserveCapacity(min(1024, max(16, doc.count / 8)))  // about one per 8 tokens
    let startLowerRows = self.startLowerRows, startFoldRows = self.startFoldRows
    let startCapitalizedRows = self.startCapitalizedRows
    let startClassRows = self.startClassRows, startClassMask = self.startClassMask
    let alwaysRows = self.alwaysRows, pairRows = self.pairRows
    let classPairRows = self.classPairRows, classPairMask = self.classPairMask
    let usesFold = self.usesFold
    let lowerIDs = doc.lowerIDs, foldIDs = doc.foldIDs, classMasks = doc.classMasks
    let count = doc.count
    for pos in 0..<count {
      var n = 0
      @inline(__always) func add(_ r: Int, _ start: Int) {
        guard active[r] else { return }
        let slot = r * 4 + (start & 3)
        if tried[slot] == Int32(start) { return }
        tried[slot] = Int32(start)
        batchRule[n] = Int32(r)
        batchStart[n] = Int32(start)
        n += 1
      }
      /// A row of `rule × 4 + L` entries: each rule is tried L tokens before this one.
      @inline(__always) func gather(_ table: RuleIndexTable, _ row: Range<Int>) {
        for k in row {
          let entry = Int(table.rules[k])
          let start = pos - (entry & 3)
          if start >= 0 { add(entry >> 2, start) }
        }
      }
      /// A row of plain rule indices, tried at this token.
      @inline(__always) func gatherHere(_ table: RuleIndexTable, _ row: Range<Int>) {
        for k in row { add(Int(table.rules[k]), pos) }
      }
      let lower = lowerIDs[pos]
      if lower >= 0 {
        let rows = keyRows[Int(lower)]
        gather(startLowerRows, rows.start)
        if classMasks[pos] & DocumentView.capitalizedShape != 0 { gather(startCapitalizedRows, rows.capitalized) }
        if rows.beginsPair != 0, pos + 1 < count {
          let next = lowerIDs[pos + 1]
          if next >= 0 { gatherHere(pairRows.table, pairRows.row(RuleSet.pairKey(lower, next))) }
        }
      }
      if usesFold {
        let fold = foldIDs[pos]
        if fold >= 0 { gather(startFoldRows, startFoldRows.row(Int(fold))) }
      }
      var mask = classMasks[pos] & startClassMask
      while mask != 0 {
        let bit = mask.trailingZeroBitCount
        mask &= mask - 1
        gather(startClassRows, startClassRows.row(bit))
      }
      var classPairs = classMasks[pos] & classPairMask
      if classPairs != 0, pos + 1 < count, lowerIDs[pos + 1] >= 0 {
        let next = lowerIDs[pos + 1]
        repeat {
          let bit = classPairs.trailingZeroBitCount
          classPairs &= classPairs - 1
          gatherHere(classPairRows.table, classPairRows.row(RuleSet.pairKey(Int32(-1 - bit), next)))
        } while classPairs != 0
      }
      gatherHere(alwaysRows, alwaysRows.row(0))
      attempts: for k in 0..<n {
        let r = Int(batchRule[k])
        let start = Int(batchStart[k])
        for a in Int(ruleAnchorStarts[r])..<Int(ruleAnchorStarts[r + 1]) where !anchorNear(a, start) {
          continue attempts
        }
        attempts &+= 1
        let stepsBefore = scratch.steps
        let ref = ruleRefs[r]
        let found = ref.program._withUnsafeGuaranteedRef { program in
          Matcher.run(
            program, captureCount: ref.captureCount, gazetteers: gazetteerTable, doc: doc,
            start: start, scratch: scratch)
        }
        if perRule {
          ruleAttempts[r] += 1
          ruleSteps[r] += scratch.steps - stepsBefore
          if found != nil { ruleMatches[r] += 1 }
        }
        if let match = found {
          emit(rules[r], ruleIndex: r, match: match, doc: doc, withFields: allFields, into: &candidates)
        }
      }
    }
    if let counters {
      counters.pointee.documents += 1
      counters.pointee.tokens += count
      counters.pointee.attempts += attempts
      counters.pointee.steps += scratch.steps
      if perRule {
        for (r, rule) in rules.enumerated() where ruleAttempts[r] > 0 {
          counters.pointee.byRule[rule.id, default: .init()].attempts += ruleAttempts[r]
          counters.pointee.byRule[rule.id, default: .init()].steps += ruleSteps[r]
          counters.pointee.byRule[rule.id, default: .init()].matches += ruleMatches[r]
          counters.pointee.matches += ruleMatches[r]
        }
      }
    }
    let (winners, lostTo) = ConflictResolver.resolve(candidates, rules: rules)
    if !allFields {
      for w in winners { candidates[w].annotation = completed(candidates[w], doc: doc) }
    }
    return AnnotationRun(doc: doc, candidates: candidates, winners: winners, loserWinner: lostTo)
  }

  func emit(_ rule: CompiledRule, ruleIndex: Int, match: RuleMatch, doc: DocumentView,
            withFields: Bool = true, into candidates: inout [Candidate]) {
    for (k, e) in rule.emissions.enumerated() {
      switch e.kind {
      case .role(let target, _):
        guard let r = match.capture(target), r.count == 1 else { continue }
        let tok = doc.tokens[r.lowerBound]
        candidates.append(
          Candidate(
            annotation: Annotation(
              rule: rule.id, type: tok.kind.rawValue, start: tok.start, end: tok.end,
              fields: withFields ? fields(rule, emission: k, match: match, doc: doc) : [:],
              priority: rule.priority),
            ruleIndex: ruleIndex, isRole: true, emission: k, hasFields: withFields, match: match))
      case .entity(let type, let span):
        var r = match.start..<match.end
        if let span {
          guard let c = match.capture(span), !c.isEmpty else { continue }
          r = c
        }
        guard !r.isEmpty else { continue }
        candidates.append(
          Candidate(
            annotation: Annotation(
              rule: rule.id, type: type, start: doc.tokens[r.lowerBound].start,
              end: doc.tokens[r.upperBound - 1].end,
              fields: withFields ? fields(rule, emission: k, match: match, doc: doc) : [:],
              priority: rule.priority),
            ruleIndex: ruleIndex, isRole: false, emission: k, hasFields: withFields, match: match))
      }
    }
  }

  /// The fields of emission `k` of `rule` for `match`.
  func fields(_ rule: CompiledRule, emission k: Int, match: RuleMatch, doc: DocumentView) -> [String: String] {
    let e = rule.emissions[k]
    if var fields = e.template {
      guard e.hasCaptures else { return fields }
      for case (let name, .capture(let c)) in e.fields {
        if let v = captureValue(rule, c, match: match, doc: doc) { fields[name] = v }
      }
      return fields
    }
    var fields: [String: String] = [:]
    for (name, value) in e.fields {
      switch value {
      case .literal(let s): fields[name] = s
      case .capture(let c):
        if let v = captureValue(rule, c, match: match, doc: doc) { fields[name] = v }
      }
    }
    if case .role(_, let metric) = e.kind { fields["metric"] = metric }
    return fields
  }

  /// A capture's value: a gazetteer entry's canonical form, a date's ISO form, else its text.
  func captureValue(_ rule: CompiledRule, _ k: Int, match: RuleMatch, doc: DocumentView) -> String? {
    guard let r = match.capture(k), !r.isEmpty else { return nil }
    if let g = rule.captureGazetteer[k], let c = gazetteers[g].canonicalForm(in: doc, range: r) {
      return c
    }
    if r.count == 1, case .date(let d)? = doc.tokens[r.lowerBound].value { return d.iso }
    return doc.string(tokens: r)
  }
}

/// The conflict policy, in one place (documented in `rules/README.md`).
///
/// Works on a plain copy of what the policy compares (`Key`), so that sorting and searching
/// neither copy candidates (strings, dictionaries, capture arrays) nor hash anything; the
/// outcome, ties included, is that of comparing the candidates themselves.
enum ConflictResolver {
  /// What the policy reads of one candidate.
  struct Key {
    var start: Int
    var end: Int
    var priority: Int
    /// Tokens covered by the whole match (roles: smaller wins).
    var matchLength: Int
    /// The rule's file order.
    var order: Int
    /// Entities: the index of the type among the distinct entity types of this document.
    var type: Int
    var isRole: Bool
  }

  /// Returns the winners (sorted for output) and, for each candidate, the winner it lost to
  /// (-1 for winners and candidates that lost nothing).
  static func resolve(_ candidates: [Candidate], rules: [CompiledRule]) -> ([Int], [Int]) {
    var types: [String] = []
    let keys = candidates.map { c -> Key in
      var type = -1
      if !c.isRole {
        type = types.firstIndex(of: c.annotation.type) ?? types.count
        if type == types.count { types.append(c.annotation.type) }
      }
      return Key(
        start: c.annotation.start, end: c.annotation.end, priority: c.annotation.priority,
        matchLength: c.matchLength, order: rules[c.ruleIndex].order, type: type, isRole: c.isRole)
    }
    var winners: [Int] = []
    winners.reserveCapacity(candidates.count)
    var lostTo = [Int](repeating: -1, count: candidates.count)

    // 1. Roles: one per target token; priority, then closeness, then file order. Grouped by
    // target span (a stable sort keeps candidate order inside a group); the groups' winners are
    // listed in the order of their first candidates.
    let roles = candidates.indices.filter { keys[$0].isRole }.sorted { x, y in
      let a = keys[x], b = keys[y]
      if a.start != b.start { return a.start < b.start }
      if a.end != b.end { return a.end < b.end }
      return x < y
    }
    var groups: [(first: Int, winner: Int)] = []
    groups.reserveCapacity(roles.count)
    var g = 0
    while g < roles.count {
      var e = g + 1
      while e < roles.count && keys[roles[e]].start == keys[roles[g]].start && keys[roles[e]].end == keys[roles[g]].end {
        e += 1
      }
      var best = roles[g]
      for k in (g + 1)..<e where roleBeats(keys[roles[k]], keys[best]) { best = roles[k] }
      // Losers point at the final winner.
      for k in g..<e where roles[k] != best { lostTo[roles[k]] = best }
      groups.append((roles[g], best))
      g = e
    }
    groups.sort { $0.first < $1.first }
    winners += groups.map(\.winner)

    // 2. Entities of one type: longest, then priority, then file order.
    let entities = candidates.indices.filter { !keys[$0].isRole }.sorted { x, y in
      let a = keys[x], b = keys[y]
      let la = a.end - a.start, lb = b.end - b.start
      if la != lb { return la > lb }
      if a.priority != b.priority { return a.priority > b.priority }
      if a.order != b.order { return a.order < b.order }
      return a.start < b.start
    }
    // Accepted spans, sorted by type then start (spans of one type never overlap each other),
    // so each candidate is checked against its two neighbours of its type only.
    var accepted: [(type: Int, start: Int, end: Int, index: Int)] = []
    accepted.reserveCapacity(entities.count)
    for i in entities {
      let a = keys[i]
      var lo = 0, hi = accepted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if (accepted[mid].type, accepted[mid].start) < (a.type, a.start) { lo = mid + 1 } else { hi = mid }
      }
      if lo > 0, accepted[lo - 1].type == a.type, accepted[lo - 1].end > a.start {
        lostTo[i] = accepted[lo - 1].index
      } else if lo < accepted.count, accepted[lo].type == a.type, accepted[lo].start < a.end {
        lostTo[i] = accepted[lo].index
      } else {
        accepted.insert((a.type, a.start, a.end, i), at: lo)
        winners.append(i)
      }
    }
    winners.sort { x, y in
      let a = keys[x], b = keys[y]
      if a.start != b.start { return a.start < b.start }
      if a.end != b.end { return a.end < b.end }
      let p = candidates[x].annotation, q = candidates[y].annotation
      return (p.type, p.rule) < (q.type, q.rule)
    }
    return (winners, lostTo)
  }

  static func roleBeats(_ a: Key, _ b: Key) -> Bool {
    if a.priority != b.priority { return a.priority > b.priority }
    if a.matchLength != b.matchLength { return a.matchLength < b.matchLength }
    return a.order < b.order
  }
}
