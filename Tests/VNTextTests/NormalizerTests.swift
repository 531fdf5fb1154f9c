import Testing

@testable import VNText

/// Decomposes the Vietnamese letters of `s` (NFD) without Foundation: base letter + marks.
func decomposed(_ s: String) -> String {
  // The marks: grave, acute, hook, tilde, dot below; and the vowel-shape marks.
  let tones: [UInt32] = [0, 0x300, 0x301, 0x309, 0x303, 0x323]
  var out = String.UnicodeScalarView()
  for scalar in s.unicodeScalars {
    guard let v = ToneMarkNormalizer.vowels[scalar.value] else {
      out.append(scalar)
      continue
    }
    let plainRows = v.upper ? "AĂÂEÊIOÔƠUƯY" : "aăâeêioôơuưy"
    let basePlain = Array(plainRows.unicodeScalars)[v.base]
    // Split the shape mark too: ă = a + breve, â = a + circumflex, ơ = o + horn …
    switch basePlain.value {
    case 0x103, 0x102: out.append(Unicode.Scalar(basePlain.value == 0x103 ? 0x61 : 0x41)!); out.append("\u{306}")
    case 0xE2, 0xC2: out.append(Unicode.Scalar(basePlain.value == 0xE2 ? 0x61 : 0x41)!); out.append("\u{302}")
    case 0xEA, 0xCA: out.append(Unicode.Scalar(basePlain.value == 0xEA ? 0x65 : 0x45)!); out.append("\u{302}")
    case 0xF4, 0xD4: out.append(Unicode.Scalar(basePlain.value == 0xF4 ? 0x6F : 0x4F)!); out.append("\u{302}")
    case 0x1A1, 0x1A0: out.append(Unicode.Scalar(basePlain.value == 0x1A1 ? 0x6F : 0x4F)!); out.append("\u{31B}")
    case 0x1B0, 0x1AF: out.append(Unicode.Scalar(basePlain.value == 0x1B0 ? 0x75 : 0x55)!); out.append("\u{31B}")
    default: out.append(basePlain)
    }
    if v.tone != 0 { out.append(Unicode.Scalar(tones[v.tone])!) }
  }
  return String(out)
}

func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

@Suite struct NormalizerTests {
  let normalizer = Normalizer()

  @Test func nfdInputBecomesNFC() {
    let raw = decomposed("Phát hiện sai phạm 46.237 triệu đồng")
    #expect(raw.unicodeScalars.count > "Phát hiện sai phạm 46.237 triệu đồng".unicodeScalars.count)
    let n = normalizer.normalize(raw)
    #expect(n.string == "Phát hiện sai phạm 46.237 triệu đồng")
  }

  @Test func offsetMapPointsIntoDecomposedRaw() {
    let raw = decomposed("kiến nghị thu hồi 44.759 triệu đồng")
    let n = normalizer.normalize(raw)
    let text = n.string
    let target = "thu hồi"
    let startIndex = scalars(text).firstIndex(of: 0x74)!  // 't' of "thu"
    let range = startIndex..<(startIndex + target.unicodeScalars.count)
    #expect(n.string(range) == target)
    let rawSlice = n.rawString(range)
    #expect(rawSlice == decomposed("thu hồi"))
    #expect(Array(rawSlice.unicodeScalars).count == 9)  // "thu hồi" with ồ as o + ̂ + ̀
  }

  @Test func everySpanRoundTripsToRawText() {
    let raw = "Ông&nbsp;Lê\u{200B} Sỹ Bảy &amp; bà " + decomposed("Võ Thị Thiệp") + "\u{A0}\u{A0}hoà"
    let n = normalizer.normalize(raw)
    #expect(n.string == "Ông Lê Sỹ Bảy & bà Võ Thị Thiệp hòa")
    let rawScalars = scalars(raw)
    for s in 0..<n.scalars.count {
      for e in (s + 1)...n.scalars.count {
        let r = n.rawRange(s..<e)
        #expect(r.lowerBound >= 0 && r.upperBound <= rawScalars.count && r.lowerBound < r.upperBound)
        #expect(n.rawString(s..<e) == String(scalarValues: rawScalars[r]))
      }
    }
    // Spot checks: an entity maps to all of its raw characters.
    let amp = n.scalars.firstIndex(of: 0x26)!
    #expect(n.rawString(amp..<(amp + 1)) == "&amp;")
    let nbsp = 3
    #expect(n.rawString(nbsp..<(nbsp + 1)) == "&nbsp;")
  }

  @Test func oddSpacesBecomePlainAndCollapse() {
    let n = normalizer.normalize("a\u{A0}\u{2009} \tb\u{202F}c\u{3000}d\u{200B}e\u{FEFF}f")
    #expect(n.string == "a b c def")
  }

  @Test func lineBreaksAreKeptAndCRLFFolded() {
    let n = normalizer.normalize("dòng một\r\ndòng hai\rba\n\nbốn")
    #expect(n.string == "dòng một\ndòng hai\nba\n\nbốn")
    let secondLine = scalars(n.string).firstIndex(of: 0x0A)!
    #expect(n.rawString(secondLine..<(secondLine + 1)) == "\r\n")
  }

  @Test func missingSpaceAfterPunctuationIsLeftAlone() {
    #expect(normalizer.normalize("kịpthời,khắc phục.Tiếp").string == "kịpthời,khắc phục.Tiếp")
  }

  @Test func numericAndNamedEntities() {
    let n = normalizer.normalize("Th&#7911;y &#x1EE7; &quot;x&quot; &ldquo;y&rdquo; &agrave; &bogus; &#;")
    #expect(n.string == "Thủy ủ \"x\" “y” à &bogus; &#;")
  }

  @Test func entitiesCanBeLeftAsWritten() {
    let n = Normalizer(options: .init(decodeEntities: false)).normalize("a&amp;b")
    #expect(n.string == "a&amp;b")
  }

  @Test func curlyQuotesAndDashesAreKept() {
    let text = "“Hành trình đỏ” – Kế hoạch — tổng hợp"
    #expect(normalizer.normalize(text).string == text)
  }

  @Test func invalidBytesBecomeReplacementAndWarning() {
    let bytes: [UInt8] = Array("hợp".utf8) + [0xC3, 0x28, 0xFF] + Array(" lệ".utf8) + [0xE1, 0xBB]
    let n = normalizer.normalize(bytes: bytes)
    #expect(n.string == "hợp\u{FFFD}(\u{FFFD} lệ\u{FFFD}")
    #expect(n.warnings.count == 1)
    #expect(n.warnings.first?.code == "invalid_utf8")
    #expect(n.warnings.first?.message.hasPrefix("3 ") == true)
  }

  @Test func byteOrderMarkIsDropped() {
    let n = normalizer.normalize(bytes: [0xEF, 0xBB, 0xBF] + Array("Sáng 14/7".utf8))
    #expect(n.string == "Sáng 14/7")
    #expect(n.raw.count == 9)
    #expect(n.warnings.isEmpty)
  }

  @Test func emptyInput() {
    let n = normalizer.normalize(bytes: [UInt8]())
    #expect(n.scalars.isEmpty)
    #expect(n.rawOffsets == [0])
  }

  @Test func longCombiningRunDoesNotCrash() {
    let raw = "a" + String(repeating: "\u{301}", count: 5000) + " b"
    let n = normalizer.normalize(raw)
    #expect(n.scalars.last == 0x62)
    #expect(n.rawString(0..<n.scalars.count) == raw)
  }

  @Test func decoderNeverFailsOnAnyByte() {
    var bytes: [UInt8] = []
    for b in 0...255 { bytes.append(UInt8(b)); bytes.append(0x80); bytes.append(UInt8(255 - b)) }
    let n = normalizer.normalize(bytes: bytes)
    #expect(n.rawOffsets.count == n.scalars.count + 1)
    #expect(n.rawOffsets.last.map(Int.init) == n.raw.count)
  }

  @Test func latinExtendedAdditionalIsStable() {
    // The fast path in NFCTable.flags assumes this whole block is made of stable starters.
    for c in UInt32(0x1E00)..<0x1F00 {
      #expect(NFCTable.bmp[Int(c)] == NFCTable.boundaryBefore | NFCTable.stableAlone, "U+\(String(c, radix: 16))")
    }
  }

  @Test func fastLoopLettersAreStableStartersAndNoSpaces() {
    // `fastRun` takes U+00C0–U+02FF and U+1E00–U+1EFF without asking NFCTable or SpaceClass.
    for c in Array(UInt32(0xC0)..<0x300) + Array(UInt32(0x1E00)..<0x1F00) {
      #expect(vnxIsStableStarter(c), "U+\(String(c, radix: 16))")
      #expect(SpaceClass.of(c) == .none, "U+\(String(c, radix: 16))")
    }
  }

  /// Random text over the characters every path of the pass cares about: plain and toned
  /// letters, marks (some composing, some expanding under NFC), odd spaces, line breaks,
  /// entities, astral scalars.
  static func randomTexts(count: Int, seed: UInt64) -> [[UInt32]] {
    let pieces: [String] = [
      "a", "o", "u", "O", "U", "y", "e", "h", "t", "q", "n", " ", " ", "  ", "\u{A0}", "\u{200B}", "\r\n", "\r", "\n",
      "à", "ả", "ỹ", "ơ", "ư", "Ủ", "đ", "\u{300}", "\u{301}", "\u{323}", "\u{344}", "\u{F73}", "&amp;", "&#7843;",
      "&nbsp;", "&", "&bogus;", "“", "—", "中", "😀", "\u{1D15E}", "\u{AD}", ".", "1", "\t",
    ]
    let pool = pieces.map { $0.unicodeScalars.map(\.value) }
    var state = seed
    return (0..<count).map { _ in
      var text: [UInt32] = []
      state = state &* 6364136223846793005 &+ 1442695040888963407
      let length = Int(state >> 58)
      for _ in 0..<length {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        text += pool[Int(state >> 33) % pool.count]
      }
      return text
    }
  }

  /// The UTF-8 pass (decoding on the way) and the scalar pass give the same text, offsets and
  /// warnings, invalid bytes included.
  @Test func utf8PassEqualsDecodeThenScalarPass() {
    let long = Array(repeating: UInt32(0x344), count: 40)  // more NFC growth than the slack: a second pass
    for (index, text) in (Self.randomTexts(count: 3000, seed: 11) + [long, [0x61] + long]).enumerated() {
      var bytes = UTF8Encoder.encode(text)
      if index % 3 == 0, !bytes.isEmpty { bytes.insert(0xFF, at: index % bytes.count) }
      if index % 5 == 0, !bytes.isEmpty { bytes.insert(0xE1, at: (index * 7) % bytes.count) }
      for placement in ToneMarkPlacement.allCases {
        let normalizer = Normalizer(options: .init(toneMarks: placement))
        let decoded = UTF8Decoder.decode(bytes)
        let expected = normalizer.normalize(scalars: decoded.scalars, warnings: TextWarning.invalidUTF8(count: decoded.replacements))
        let fused = bytes.withUnsafeBufferPointer { normalizer.normalize(utf8: $0) }
        #expect(fused.raw == expected.raw, "\(bytes)")
        #expect(fused.scalars == expected.scalars, "\(bytes)")
        #expect(fused.rawOffsets == expected.rawOffsets, "\(bytes)")
        #expect(fused.warnings == expected.warnings, "\(bytes)")
      }
    }
  }

  /// `fastRunUTF8` classifies bytes with a table and decodes two sequences inline: for every
  /// scalar of the Basic Multilingual Plane (between letters, after `o`, before and after
  /// spaces), the UTF-8 pass and the scalar pass (the generic `fastRun`) agree.
  @Test func utf8FastLoopAgreesOnEveryBMPScalar() {
    let normalizer = Normalizer()
    for c in UInt32(0x80)..<0x10000 where c < 0xD800 || c > 0xDFFF {
      let text: [UInt32] = [0x61, 0x6F, c, 0x20, 0x20, c, 0x75, 0x20, c, 0x62]
      let bytes = UTF8Encoder.encode(text)
      let expected = normalizer.normalize(scalars: text)
      let fused = bytes.withUnsafeBufferPointer { normalizer.normalize(utf8: $0) }
      #expect(fused.raw == expected.raw, "U+\(String(c, radix: 16))")
      #expect(fused.scalars == expected.scalars, "U+\(String(c, radix: 16))")
      #expect(fused.rawOffsets == expected.rawOffsets, "U+\(String(c, radix: 16))")
    }
  }

  /// The tone-mark pass over the noted candidates gives what the pass over every scalar gives.
  @Test(arguments: [ToneMarkPlacement.classic, .reformed])
  func toneCandidatesEqualTheFullPass(_ placement: ToneMarkPlacement) {
    let normalizer = Normalizer(options: .init(toneMarks: placement))
    for text in Self.randomTexts(count: 3000, seed: 5) + [scalars("hoà khoẻ thuỷ Uỷ quý \u{300}oà o\u{300}a")] {
      let fast = normalizer.normalize(scalars: text, warnings: [], toneCandidates: true)
      let full = normalizer.normalize(scalars: text, warnings: [], toneCandidates: false)
      #expect(fast.scalars == full.scalars, "\(String(scalarValues: text))")
    }
  }
}

/// NFC facts of `c` as ICU states them.
func vnxIsStableStarter(_ c: UInt32) -> Bool {
  NFCTable.bmp[Int(c)] == NFCTable.boundaryBefore | NFCTable.stableAlone
}
