@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// `DocumentView` classifies and keys every token in one pass over a packed case table; these
/// tests hold it to the plain definitions (the separate tables, keys found by their scalars).
final class DocumentViewTests: XCTestCase {
  /// Candidates carry a role's type as `kindTypeIndex[kind.ordinal]`: the ordinal must be the
  /// case's position, and the index must name the kind.
  func testTokenKindOrdinal_isTheCasePosition() throws {
    XCTAssertTrue(TokenKind.ordinalsAreCasePositions)
    let set = try projectRuleSet()
    for kind in TokenKind.allCases {
      XCTAssertEqual(set.typeNames[Int(set.kindTypeIndex[Int(kind.ordinal)])], kind.rawValue)
    }
    XCTAssertEqual(set.typeNames, set.typeNames.sorted())
  }

  func testPackedCaseTable_agreesWithTheSeparateTables() {
    for v in 0..<ScalarCase.tableSize {
      let e = ScalarCase.packed[v], c = UInt32(v)
      XCTAssertEqual(UInt32(e & ScalarCase.valueMask), ScalarCase.lower[v])
      XCTAssertEqual(UInt32((e >> ScalarCase.foldShift) & ScalarCase.valueMask), ScalarCase.folded[v])
      XCTAssertEqual(e & ScalarCase.upperBit != 0, ScalarCase.isUpper[v])
      let letter = ScalarCase.isUpper[v] || ScalarCase.lower[v] != c || (c >= 0x61 && c <= 0x7A)
        || (c >= 0xC0 && ScalarCase.folded[v] != c)
      XCTAssertEqual(e & ScalarCase.letterBit != 0, letter, "U+\(String(v, radix: 16))")
    }
  }

  /// `FrozenKeys.foldOfKey` gives a token's diacritic-free key from its lower-case key, which
  /// holds because folding a scalar and folding its lower case agree.
  func testFoldingAScalarAndItsLowerCaseAgree() {
    for v in 0..<ScalarCase.tableSize {
      XCTAssertEqual(ScalarCase.fold(ScalarCase.lowercase(UInt32(v))), ScalarCase.folded[v], "U+\(String(v, radix: 16))")
    }
  }

  func testKeysAndClasses_matchTheirDefinitions() throws {
    let set = try XCTUnwrap(makeRuleSet("""
      rules:
        - id: t.a
          pattern: '"chủ tịch" ~"Ha Noi" ="UBND" "Ꭰ" "ⅷ" ("hà" | "nội" | "hạ") ~"noi" "thanhtraviên"'
          emit: {type: x}
      """))
    let text = "Chủ tịch UBND Hà Nội, CHỦ TỊCH ubnd HA NOI Ꭰꭰ ⅷⅧ 12,5 tỷ đồng ngày 3/4/2020 ThanhTraViên\n"
      + String(repeating: "a", count: DocumentView.maxKeyLength + 1) + " Đ. ĐÀ"
    let normalized = Normalizer().normalize(text)
    let tokens = Tokenizer().tokenize(normalized)
    let doc = set.view(normalized, tokens: tokens)
    let keys = set.keys.keys
    for (i, t) in tokens.enumerated() {
      let s = Array(normalized.scalars[t.start..<t.end])
      var mask: UInt32 = 0
      var lower: Int32 = -1, fold: Int32 = -1
      if t.kind == .newline {
        mask = ClassBit.newline.mask
      } else {
        mask = ClassBit.any.mask
        if DocumentView.isCapitalizedShape(s) { mask |= DocumentView.capitalizedShape }
        if t.kind == .word {
          let letters = s.filter { c in
            ScalarCase.upper(c) || ScalarCase.lowercase(c) != c || (c >= 0x61 && c <= 0x7A)
              || (c >= 0xC0 && ScalarCase.fold(c) != c)
          }
          mask |= ClassBit.word.mask
          if DocumentView.isCapitalizedShape(s) { mask |= ClassBit.cap.mask }
          if letters.count >= 2 && letters.allSatisfy(ScalarCase.upper) { mask |= ClassBit.upper.mask }
        }
        if s.count <= DocumentView.maxKeyLength {
          lower = keys.firstIndex(of: KeyTable.lowerKey(s)).map(Int32.init) ?? -1
          if set.usesFold { fold = keys.firstIndex(of: KeyTable.foldKey(s)).map(Int32.init) ?? -1 }
        }
      }
      let label = "token \(i) \(normalized.string(t.start..<t.end))"
      XCTAssertEqual(doc.lowerIDs[i], lower, label)
      XCTAssertEqual(doc.foldIDs[i], fold, label)
      // The bits above; the kind's own class bit is a plain switch.
      let checked = ClassBit.any.mask | ClassBit.word.mask | ClassBit.cap.mask | ClassBit.upper.mask
        | ClassBit.newline.mask | DocumentView.capitalizedShape
      XCTAssertEqual(doc.classMasks[i] & checked, mask, label)
    }
    XCTAssertTrue(doc.lowerIDs.contains { $0 >= 0 })
    XCTAssertTrue(doc.foldIDs.contains { $0 >= 0 })
    // A key longer than a packed one, found by its hash.
    XCTAssertTrue(tokens.indices.contains { t in
      tokens[t].end - tokens[t].start > FrozenKeys.maxPackedLength && doc.lowerIDs[t] >= 0
    })
  }

  /// On the corpus with the rule pack: key ids (short keys are found by their packed scalars,
  /// long ones by hash), the anchor bitsets (marked from per-key masks) and the line ends, each
  /// against its plain definition.
  func testKeysAnchorsAndLineEnds_onTheCorpus() throws {
    let set = try projectRuleSet()
    // The distinct anchor sets, numbered as the rule set numbers them.
    var sets: [TokenSet] = []
    var seen: [AnchorKey: Int] = [:]
    for rule in set.rules {
      for a in rule.anchors where seen[AnchorKey(a.set)] == nil {
        seen[AnchorKey(a.set)] = sets.count
        sets.append(a.set)
      }
    }
    XCTAssertEqual(sets.count, set.anchorMasks.setCount)
    let keys = set.keys.keys
    let corpus = projectRoot.appendingPathComponent("corpus")
    let files = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted().prefix(8)
    XCTAssertGreaterThan(files.count, 3)
    var anchored = 0
    for f in files {
      let text = try String(contentsOf: corpus.appendingPathComponent(f), encoding: .utf8)
      let normalized = Normalizer().normalize(text)
      let tokens = Tokenizer().tokenize(normalized)
      let doc = set.view(normalized, tokens: tokens)
      var present = [UInt64](repeating: 0, count: set.anchorMasks.wordCount)
      for (t, token) in tokens.enumerated() {
        let s = Array(normalized.scalars[token.start..<token.end])
        var lower: Int32 = -1
        if token.kind != .newline && s.count <= DocumentView.maxKeyLength {
          lower = keys.firstIndex(of: KeyTable.lowerKey(s)).map(Int32.init) ?? -1
        }
        XCTAssertEqual(doc.lowerIDs[t], lower, "\(f) token \(t)")
        let lineEnd = tokens[t...].firstIndex { $0.kind == .newline } ?? tokens.count
        XCTAssertEqual(Int(doc.nextBreak[t]), lineEnd, "\(f) token \(t)")
        let mask = doc.classMasks[t]
        for (k, a) in sets.enumerated() {
          let member = mask & a.classMask != 0 || TokenSet.test(a.lowerBits, lower)
            || TokenSet.test(a.foldBits, doc.foldIDs[t])
            || (mask & DocumentView.capitalizedShape != 0 && TokenSet.test(a.capitalizedLowerBits, lower))
          let word = doc.anchorBits[(t / 64) * doc.anchorSetCount + k]
          XCTAssertEqual(word & (1 << UInt64(t % 64)) != 0, member, "\(f) token \(t) set \(k)")
          if member {
            present[k / 64] |= 1 << UInt64(k % 64)
            anchored += 1
          }
        }
      }
      XCTAssertEqual(Int(doc.nextBreak[tokens.count]), tokens.count)
      XCTAssertEqual(Array(UnsafeBufferPointer(start: doc.presentAnchors, count: present.count)), present, f)
    }
    XCTAssertGreaterThan(anchored, 100)
  }

  /// A view that finds short tokens in a memo kept across documents (`KeyMemo`) agrees with one
  /// that works every token out: while the memo fills, when it is read back, and after other
  /// documents' tokens have taken slots. Case variants of one syllable are different entries
  /// (their shapes differ).
  func testKeyMemo_changesNoColumn() throws {
    let set = try projectRuleSet()
    let corpus = projectRoot.appendingPathComponent("corpus")
    var texts = try FileManager.default.contentsOfDirectory(atPath: corpus.path)
      .filter { $0.hasSuffix(".txt") }.sorted().prefix(12)
      .map { try String(contentsOf: corpus.appendingPathComponent($0), encoding: .utf8) }
    texts.append(
      "Thanh tra THANH TRA thanh TRA tHanh Thành thánh, Hà Nội HÀ NỘI hà nội Ha Noi; Ꭰꭰ ⅷⅧ 𝐀𝐁 👍 T1 A. "
        + "12,5 tỷ đồng, 46.237 triệu đồng, UBND Ubnd ubnd\n")
    let scratch = MatchScratch()
    let memo = scratch.keyMemoSlots()
    for pass in 0..<2 {
      for (d, text) in texts.enumerated() {
        let normalized = Normalizer().normalize(text)
        let tokens = Tokenizer().tokenize(normalized)
        let plain = set.view(normalized, tokens: tokens)
        let memoized = set.view(normalized, tokens: tokens, memo: memo)
        let label = "pass \(pass) document \(d)"
        XCTAssertEqual(Array(memoized.lowerIDs), Array(plain.lowerIDs), label)
        XCTAssertEqual(Array(memoized.foldIDs), Array(plain.foldIDs), label)
        XCTAssertEqual(Array(memoized.classMasks), Array(plain.classMasks), label)
        XCTAssertEqual(memoized.presentLower, plain.presentLower, label)
        XCTAssertEqual(memoized.presentFold, plain.presentFold, label)
        XCTAssertEqual(memoized.presentClasses, plain.presentClasses, label)
        let words = set.anchorMasks.setCount * ((tokens.count + 63) / 64) + set.anchorMasks.wordCount
        XCTAssertEqual(
          Array(UnsafeBufferPointer(start: memoized.anchorBits, count: words)),
          Array(UnsafeBufferPointer(start: plain.anchorBits, count: words)), label)
      }
    }
    let slots = UnsafeBufferPointer(start: memo, count: KeyMemo.size)
    let filled = slots.filter { $0.high != 0 }
    XCTAssertGreaterThan(filled.count, 500)
    // One syllable's case variants side by side.
    let thanh = "thanh".unicodeScalars.map(\.value), upper = "THANH".unicodeScalars.map(\.value)
    for key in [thanh, upper] {
      let (low, high) = try XCTUnwrap(FrozenKeys.pack(key))
      XCTAssertTrue(filled.contains { $0.low == low && $0.high == high }, "\(key)")
    }
  }
}
