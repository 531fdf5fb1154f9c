import Tokenization
import VNText

/// A rule's emission before conflicts are resolved: plain values only (no strings, no field
/// list), so that building, sorting and dropping the candidates of a document retains and
/// frees nothing; the annotations are built for the winners only.
struct Candidate: Sendable {
  var ruleIndex: Int
  /// Which of the rule's emissions.
  var emission: Int
  var isRole: Bool
  /// The annotation's span, in scalars of the normalized text.
  var start: Int32
  var end: Int32
  /// The annotation's type: an index into `RuleSet.typeNames`.
  var type: Int32
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
  /// Per candidate, its annotation with fields, when `run` was asked for all of them
  /// (`explain`); else empty.
  var annotations: [Annotation]

  /// The winner candidate `i` lost a conflict to, if it lost one.
  func lostTo(_ i: Int) -> Int? { loserWinner[i] >= 0 ? loserWinner[i] : nil }

  /// The candidates that lost a conflict, in candidate order.
  var losers: [Int] { loserWinner.indices.filter { loserWinner[$0] >= 0 } }
}

extension RuleSet {
  /// The annotations for one document after the conflict policy (see `rules/README.md`),
  /// sorted by start, end, type and rule. Thread-safe.
  public func annotate(_ text: NormalizedText, tokens: [Token]) -> [Annotation] {
    winnerAnnotations(self.run(text, tokens: tokens))
  }

  /// The annotations of a run's winners, in output order.
  func winnerAnnotations(_ run: AnnotationRun) -> [Annotation] {
    run.winners.map { annotation(of: run.candidates[$0], doc: run.doc) }
  }

  /// The annotation of candidate `c`, with its fields.
  func annotation(of c: Candidate, doc: DocumentView) -> Annotation {
    let rule = rules[c.ruleIndex]
    return Annotation(
      rule: rule.id, type: typeNames[Int(c.type)], start: Int(c.start), end: Int(c.end),
      fields: fields(rule, emission: c.emission, match: c.match, doc: doc), priority: rule.priority)
  }

  /// The document view of `text`, with `memo` (from a `MatchScratch` of this rule set's pool)
  /// to look short tokens up in.
  func view(
    _ text: NormalizedText, tokens: [Token], memo: UnsafeMutablePointer<KeyMemo.Slot>? = nil
  ) -> DocumentView {
    DocumentView(
      text: text, tokens: tokens, keys: frozenKeys, keyCount: keys.count, needFold: usesFold, anchors: anchorMasks,
      memo: memo)
  }

  /// Runs every rule over the document and resolves conflicts. With `allFields` (for
  /// `explain`), also builds every candidate's annotation.
  func run(
    _ text: NormalizedText, tokens: [Token], counters: UnsafeMutablePointer<MatchCounters>? = nil,
    allFields: Bool = false
  ) -> AnnotationRun {
    let scratch = scratchPool.take()
    defer { scratchPool.give(scratch) }
    let doc = view(text, tokens: tokens, memo: scratch.keyMemoSlots())
    scratch.steps = 0
    var attempts = 0
    let perRule = counters?.pointee.perRule ?? false
    var ruleAttempts = perRule ? [Int](repeating: 0, count: rules.count) : []
    var ruleSteps = ruleAttempts, ruleMatches = ruleAttempts
    // The scan's arrays come with the scratch (`MatchScratch.scanBuffers`).
    let buffers = scratch.scanBuffers(ruleCount: rules.count)
    // Rules whose required syllables or classes are missing from the document are never tried.
    let active = buffers.active
    requirements.markActive(
      active, presentLower: doc.presentLower, presentFold: doc.presentFold, presentClasses: doc.presentClasses)
    // The last starts tried per rule, by start mod 4: a rule is tried at most once per start,
    // whether it is found through its first token or through the token after its context.
    let tried = buffers.tried
    tried.update(repeating: -1)
    // The (rule, start) pairs to try at one token, gathered from every index row that applies.
    let batchRule = buffers.batchRule, batchStart = buffers.batchStart
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
          emit(rules[r], ruleIndex: r, match: match, doc: doc, into: &candidates)
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
    let (winners, lostTo) = ConflictResolver.resolve(candidates, ruleKeys: ruleKeys)
    let annotations = allFields ? candidates.map { annotation(of: $0, doc: doc) } : []
    return AnnotationRun(
      doc: doc, candidates: candidates, winners: winners, loserWinner: lostTo, annotations: annotations)
  }

  func emit(_ rule: CompiledRule, ruleIndex: Int, match: RuleMatch, doc: DocumentView, into candidates: inout [Candidate]) {
    let types = emissionTypeIndex[ruleIndex]
    rule.emissions.withUnsafeBufferPointer { emissions in
      for k in emissions.indices {
        let e = emissions.baseAddress.unsafelyUnwrapped + k
        if e.pointee.target >= 0 {
          guard let r = match.capture(e.pointee.target), r.count == 1 else { continue }
          let kind = doc.tokens.withUnsafeBufferPointer { $0[r.lowerBound].kind }
          candidates.append(
            Candidate(
              ruleIndex: ruleIndex, emission: k, isRole: true, start: doc.starts[r.lowerBound],
              end: doc.ends[r.lowerBound], type: kindTypeIndex[Int(kind.ordinal)], match: match))
        } else {
          var r = match.start..<match.end
          if e.pointee.span >= 0 {
            guard let c = match.capture(e.pointee.span), !c.isEmpty else { continue }
            r = c
          }
          guard !r.isEmpty else { continue }
          candidates.append(
            Candidate(
              ruleIndex: ruleIndex, emission: k, isRole: false, start: doc.starts[r.lowerBound],
              end: doc.ends[r.upperBound - 1], type: types[k], match: match))
        }
      }
    }
  }

  /// The fields of emission `k` of `rule` for `match`, in the order the rule gives them (a
  /// role's `metric` last).
  func fields(_ rule: CompiledRule, emission k: Int, match: RuleMatch, doc: DocumentView) -> AnnotationFields {
    let e = rule.emissions[k]
    if let constant = e.constant { return constant }
    var fields = AnnotationFields(minimumCapacity: e.fields.count + 1)
    if e.distinctNames {
      for (name, value) in e.fields {
        switch value {
        case .literal(let s): fields.appendNew(name, s)
        case .capture(let c):
          if let v = captureValue(rule, c, match: match, doc: doc) { fields.appendNew(name, v) }
        }
      }
      if case .role(_, let metric) = e.kind { fields.appendNew("metric", metric) }
      return fields
    }
    for (name, value) in e.fields {
      switch value {
      case .literal(let s): fields[name] = s
      case .capture(let c):
        if let v = captureValue(rule, c, match: match, doc: doc) { fields.set(name, v) }
      }
    }
    if case .role(_, let metric) = e.kind { fields["metric"] = metric }
    return fields
  }

  /// A capture's value: a gazetteer entry's canonical form, a date's ISO form, else its text
  /// (the normalized scalars it spans, made a string only if someone reads one).
  func captureValue(_ rule: CompiledRule, _ k: Int, match: RuleMatch, doc: DocumentView) -> FieldValue? {
    guard let r = match.capture(k), !r.isEmpty else { return nil }
    if let g = rule.captureGazetteer[k], let c = gazetteers[g].canonicalForm(in: doc, range: r) {
      return .string(c)
    }
    if r.count == 1, case .date(let d)? = doc.tokens[r.lowerBound].value { return .string(d.iso) }
    return .scalars(doc.text.scalars[Int(doc.starts[r.lowerBound])..<Int(doc.ends[r.upperBound - 1])])
  }
}

/// The conflict policy, in one place (documented in `rules/README.md`).
///
/// Works on a plain copy of what the policy compares (`Key`), read through a pointer, so that
/// neither building the keys nor sorting and searching copies candidates (strings, dictionaries,
/// capture arrays) or hashes anything; the outcome, ties included, is that of comparing the
/// candidates themselves with stable sorts.
enum ConflictResolver {
  /// What the policy reads of a candidate's rule.
  struct RuleKey {
    var priority: Int32
    var order: Int32
    var idRank: Int32
  }

  /// What the policy reads of one candidate.
  struct Key {
    var start: Int32
    var end: Int32
    var priority: Int32
    /// Tokens covered by the whole match (roles: smaller wins).
    var matchLength: Int32
    /// The rule's file order.
    var order: Int32
    /// The type (`RuleSet.typeNames`; a role's is its target's token kind) and the rank of the
    /// rule's id: with the span, the output order.
    var type: Int32
    var ruleRank: Int32
  }

  /// Returns the winners (sorted for output) and, for each candidate, the winner it lost to
  /// (-1 for winners and candidates that lost nothing).
  ///
  /// Every working list lives in one block allocated per call (`Workspace`), read and written
  /// through pointers: no list grows, and no write checks that its storage is unshared.
  static func resolve(_ candidates: [Candidate], ruleKeys: [RuleKey]) -> ([Int], [Int]) {
    let n = candidates.count
    var lostTo = [Int](repeating: -1, count: n)
    guard n > 0 else { return ([], lostTo) }
    let w = Workspace(count: n)
    defer { w.free() }
    let keys = w.keys
    var roleCount = 0, entityCount = 0
    candidates.withUnsafeBufferPointer { cs in
      ruleKeys.withUnsafeBufferPointer { ruleKeys in
        for i in 0..<n {
          let c = cs.baseAddress.unsafelyUnwrapped + i
          let rule = ruleKeys[c.pointee.ruleIndex]
          if c.pointee.isRole {
            w.roles[roleCount] = Int32(truncatingIfNeeded: i)
            roleCount &+= 1
          } else {
            w.entities[entityCount] = Int32(truncatingIfNeeded: i)
            entityCount &+= 1
          }
          (keys + i).initialize(
            to: Key(
              start: c.pointee.start, end: c.pointee.end, priority: rule.priority,
              matchLength: Int32(truncatingIfNeeded: c.pointee.matchLength),
              order: rule.order, type: c.pointee.type, ruleRank: rule.idRank))
        }
      }
    }
    let winners = w.winners
    var winnerCount = 0, roleWinners = 0
    lostTo.withUnsafeMutableBufferPointer { lostTo in
      // 1. Roles: one per target token; priority, then closeness, then file order. Grouped by
      // target span (candidate order inside a group); the groups' winners are listed in the
      // order of their first candidates.
      let roles = w.roles
      insertionSort(roles, roleCount) { x, y in
        let a = keys[Int(x)], b = keys[Int(y)]
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return x < y
      }
      // Each group as its first candidate and its winner in one word, the first in the high
      // half: sorting the words sorts the groups by first candidate.
      let groups = w.groups
      var groupCount = 0
      var g = 0
      while g < roleCount {
        let first = keys[Int(roles[g])]
        var e = g + 1
        while e < roleCount && keys[Int(roles[e])].start == first.start && keys[Int(roles[e])].end == first.end {
          e += 1
        }
        var best = roles[g]
        for k in (g + 1)..<e where roleBeats(keys[Int(roles[k])], keys[Int(best)]) { best = roles[k] }
        // Losers point at the final winner.
        for k in g..<e where roles[k] != best { lostTo[Int(roles[k])] = Int(best) }
        groups[groupCount] = Int64(roles[g]) << 32 | Int64(best)
        groupCount += 1
        g = e
      }
      insertionSort(groups, groupCount) { $0 < $1 }
      for k in 0..<groupCount { winners[k] = Int32(truncatingIfNeeded: groups[k]) }
      winnerCount = groupCount
      roleWinners = groupCount

      // 2. Entities of one type: longest, then priority, then file order. Only spans that
      // overlap compete, so the entities are cut into clusters (spans of one type chained by
      // overlaps, found in one sweep by start): a span alone in its cluster wins at once (most
      // do), and the policy runs inside each larger cluster, as it would over all of them (a
      // span accepted in another cluster overlaps nothing here).
      let entities = w.entities
      insertionSort(entities, entityCount) { x, y in
        let a = keys[Int(x)].start, b = keys[Int(y)].start
        return a != b ? a < b : x < y
      }
      let cluster = w.cluster, clusterSize = w.clusterSize
      var clusterCount = 0
      // Per type met so far: the end of its current cluster and the cluster's number.
      let openType = w.openType, openEnd = w.openEnd, openCluster = w.openCluster
      var openCount = 0
      for k in 0..<entityCount {
        let a = keys[Int(entities[k])]
        var t = 0
        while t < openCount && openType[t] != a.type { t += 1 }
        if t < openCount && openEnd[t] > a.start {
          openEnd[t] = max(openEnd[t], a.end)
          cluster[k] = openCluster[t]
          clusterSize[Int(openCluster[t])] += 1
        } else {
          let c = Int32(truncatingIfNeeded: clusterCount)
          clusterSize[clusterCount] = 1
          clusterCount += 1
          if t == openCount { openCount += 1 }
          openType[t] = a.type
          openEnd[t] = a.end
          openCluster[t] = c
          cluster[k] = c
        }
      }
      let members = w.members
      // Accepted spans sorted by start (they never overlap each other), so each candidate is
      // checked against its two neighbours only.
      let acceptedStart = w.acceptedStart, acceptedEnd = w.acceptedEnd, acceptedIndex = w.acceptedIndex
      for k in 0..<entityCount {
        let i = entities[k]
        let c = Int(cluster[k])
        let size = Int(clusterSize[c])
        if size == 1 {
          winners[winnerCount] = i
          winnerCount += 1
          continue
        }
        if size < 0 { continue }  // done, at its first member
        clusterSize[c] = -1
        var memberCount = 0
        for m in k..<entityCount where Int(cluster[m]) == c {
          members[memberCount] = entities[m]
          memberCount += 1
          if memberCount == size { break }
        }
        insertionSort(members, memberCount) { x, y in
          let a = keys[Int(x)], b = keys[Int(y)]
          let la = a.end - a.start, lb = b.end - b.start
          if la != lb { return la > lb }
          if a.priority != b.priority { return a.priority > b.priority }
          if a.order != b.order { return a.order < b.order }
          if a.start != b.start { return a.start < b.start }
          return x < y
        }
        var acceptedCount = 0
        for j in 0..<memberCount {
          let m = members[j]
          let a = keys[Int(m)]
          var lo = 0, hi = acceptedCount
          while lo < hi {
            let mid = (lo + hi) / 2
            if acceptedStart[mid] < a.start { lo = mid + 1 } else { hi = mid }
          }
          if lo > 0, acceptedEnd[lo - 1] > a.start {
            lostTo[Int(m)] = Int(acceptedIndex[lo - 1])
          } else if lo < acceptedCount, acceptedStart[lo] < a.end {
            lostTo[Int(m)] = Int(acceptedIndex[lo])
          } else {
            var q = acceptedCount
            while q > lo {
              acceptedStart[q] = acceptedStart[q - 1]
              acceptedEnd[q] = acceptedEnd[q - 1]
              acceptedIndex[q] = acceptedIndex[q - 1]
              q -= 1
            }
            acceptedStart[lo] = a.start
            acceptedEnd[lo] = a.end
            acceptedIndex[lo] = m
            acceptedCount += 1
            winners[winnerCount] = m
            winnerCount += 1
          }
        }
      }
    }
    // Output order: start, end, type, rule. The role winners and the entity winners are each
    // nearly in that order already; each list is sorted, then the two are merged. (No two
    // winners of one list agree on all four: roles differ in span, entities of one type do not
    // overlap. A role and an entity that agree on all four keep the role first.)
    @inline(__always) func before(_ x: Int32, _ y: Int32) -> Bool {
      let p = keys[Int(x)], q = keys[Int(y)]
      if p.start != q.start { return p.start < q.start }
      if p.end != q.end { return p.end < q.end }
      if p.type != q.type { return p.type < q.type }
      return p.ruleRank < q.ruleRank
    }
    let entityList = winners + roleWinners, entityWinners = winnerCount - roleWinners
    insertionSort(winners, roleWinners, by: before)
    insertionSort(entityList, entityWinners, by: before)
    let order = [Int](unsafeUninitializedCapacity: winnerCount) { out, count in
      var r = 0, e = 0
      for k in 0..<winnerCount {
        if e == entityWinners || (r < roleWinners && !before(entityList[e], winners[r])) {
          out[k] = Int(winners[r])
          r += 1
        } else {
          out[k] = Int(entityList[e])
          e += 1
        }
      }
      count = winnerCount
    }
    return (order, lostTo)
  }

  /// The working lists of one `resolve` call, in one block: each has room for one entry per
  /// candidate.
  private struct Workspace {
    let keys: UnsafeMutablePointer<Key>
    let groups: UnsafeMutablePointer<Int64>
    let roles, entities, winners, cluster, clusterSize, members: UnsafeMutablePointer<Int32>
    let openType, openEnd, openCluster, acceptedStart, acceptedEnd, acceptedIndex: UnsafeMutablePointer<Int32>

    init(count n: Int) {
      let groupOffset = (n * MemoryLayout<Key>.stride + 7) & ~7
      let listOffset = groupOffset + n * MemoryLayout<Int64>.stride
      let block = UnsafeMutableRawPointer.allocate(
        byteCount: listOffset + 12 * n * MemoryLayout<Int32>.stride, alignment: MemoryLayout<Int64>.alignment)
      keys = block.bindMemory(to: Key.self, capacity: n)
      groups = (block + groupOffset).bindMemory(to: Int64.self, capacity: n)
      let list = (block + listOffset).bindMemory(to: Int32.self, capacity: 12 * n)
      roles = list
      entities = list + n
      winners = list + 2 * n
      cluster = list + 3 * n
      clusterSize = list + 4 * n
      members = list + 5 * n
      openType = list + 6 * n
      openEnd = list + 7 * n
      openCluster = list + 8 * n
      acceptedStart = list + 9 * n
      acceptedEnd = list + 10 * n
      acceptedIndex = list + 11 * n
    }

    func free() { UnsafeMutableRawPointer(keys).deallocate() }
  }

  static func roleBeats(_ a: Key, _ b: Key) -> Bool {
    if a.priority != b.priority { return a.priority > b.priority }
    if a.matchLength != b.matchLength { return a.matchLength < b.matchLength }
    return a.order < b.order
  }

  /// Sorts `items[0 ..< count]` by `less`, which must be a strict total order (ties broken by
  /// index, so the result equals any stable sort's). Insertion sort: the lists are a document's
  /// candidates, a few dozen, and come nearly sorted (rules fire in text order), where it does
  /// about one comparison per element; long lists go to the standard sort.
  @inline(__always)
  static func insertionSort<T>(_ items: UnsafeMutablePointer<T>, _ count: Int, by less: (T, T) -> Bool) {
    guard count > 1 else { return }
    guard count <= 64 else {
      var all = UnsafeMutableBufferPointer(start: items, count: count)
      all.sort(by: less)
      return
    }
    for i in 1..<count {
      let x = items[i]
      var j = i
      while j > 0 && less(x, items[j - 1]) {
        items[j] = items[j - 1]
        j -= 1
      }
      items[j] = x
    }
  }
}
