@testable import RuleEngine
import Tokenization
import VNText
import XCTest

/// `DocumentView` classifies and keys every token in one pass over a packed case table; these
/// tests hold it to the plain definitions (the separate tables, keys found by their scalars).
final class DocumentViewTests: XCTestCase {
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
          pattern: '"chủ tịch" ~"Ha Noi" ="UBND" "Ꭰ" "ⅷ" ("hà" | "nội" | "hạ") ~"noi"'
          emit: {type: x}
      """))
    let text = "Chủ tịch UBND Hà Nội, CHỦ TỊCH ubnd HA NOI Ꭰꭰ ⅷⅧ 12,5 tỷ đồng ngày 3/4/2020\n"
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
  }
}
