import Testing
import VNText

/// `String(scalarValues:)` writes UTF-8 straight into the string's storage; it must give the
/// string of those scalars for every length (inline and heap strings), every UTF-8 width, and
/// U+FFFD for values that are not scalars.
@Suite struct StringScalarValuesTests {
  @Test func everyWidthAndLength() {
    let samples: [UInt32] = [0x41, 0x7F, 0xE0, 0x7FF, 0x800, 0x1EA1, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF]
    for length in 0..<40 {
      // Widths mixed differently for each length.
      let values = (0..<length).map { samples[($0 * 7 + length * 3) % samples.count] }
      let expected = String(String.UnicodeScalarView(values.map { Unicode.Scalar($0)! }))
      #expect(String(scalarValues: values) == expected)
      #expect(String(scalarValues: values[...]) == expected)
      #expect(String(scalarValues: values).utf8.count == expected.utf8.count)
    }
  }

  @Test func valuesThatAreNotScalarsBecomeReplacementCharacters() {
    #expect(String(scalarValues: [0x61, 0xD800, 0x62, 0xDFFF, 0x110000]) == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
    #expect(String(scalarValues: [UInt32]()) == "")
    #expect(UTF8Encoder.encode([UInt32]()) == [])
    #expect(UTF8Encoder.encode([0x61, 0x1EA1, 0xD800]) == Array("a\u{1EA1}\u{FFFD}".utf8))
  }

  /// The exact length asked for up front is what the encoder writes, for every width and for
  /// values that are not scalars (three bytes of U+FFFD).
  @Test func byteCountIsWhatIsWritten() {
    let values: [UInt32] = [
      0x0, 0x41, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF, 0x110000,
      UInt32.max,
    ]
    let widths = [1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 3, 3]
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 4 * values.count)
    defer { buffer.deallocate() }
    values.withUnsafeBufferPointer { all in
      for (k, width) in widths.enumerated() {
        let one = UnsafeBufferPointer(rebasing: all[k..<k + 1])
        #expect(UTF8Encoder.byteCount(one) == width, "U+\(String(values[k], radix: 16))")
        #expect(UTF8Encoder.write(one, to: buffer) == width)
      }
      #expect(UTF8Encoder.byteCount(all) == widths.reduce(0, +))
      #expect(UTF8Encoder.write(all, to: buffer) == UTF8Encoder.byteCount(all))
    }
  }

  /// A non-contiguous collection takes the copying path.
  @Test func nonContiguousCollections() {
    let values: [UInt32] = [0x54, 0x68, 0xE1, 0x1EA1]
    #expect(String(scalarValues: values.lazy.map { $0 }) == "Thá\u{1EA1}")
  }
}
