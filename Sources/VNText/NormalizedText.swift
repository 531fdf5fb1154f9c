/// A document's text after normalization, with the way back to the raw input.
///
/// `scalars` is the normalized text as Unicode scalar values. `rawOffsets[i]` is the offset,
/// in Unicode scalars of the raw (decoded) input, where normalized scalar `i` came from;
/// `rawOffsets` has one extra entry, the raw length, so that spans can be mapped end-inclusive.
/// The values never decrease.
public struct NormalizedText: Sendable {
  /// The raw input, decoded: the text that output offsets refer to.
  public let raw: [UInt32]
  /// The normalized text.
  public let scalars: [UInt32]
  /// Normalized index → raw scalar offset; `scalars.count + 1` entries.
  public let rawOffsets: [Int32]
  /// Problems noticed on the way (invalid bytes replaced, …).
  public let warnings: [TextWarning]

  public init(raw: [UInt32], scalars: [UInt32], rawOffsets: [Int32], warnings: [TextWarning]) {
    precondition(rawOffsets.count == scalars.count + 1, "offset map must have count + 1 entries")
    self.raw = raw
    self.scalars = scalars
    self.rawOffsets = rawOffsets
    self.warnings = warnings
  }

  /// The normalized text as a `String`.
  public var string: String { String(scalarValues: scalars) }

  /// The normalized text of `range` (normalized offsets).
  public func string(_ range: Range<Int>) -> String { String(scalarValues: scalars[range]) }

  /// Maps a span of the normalized text to the span of raw input it came from.
  ///
  /// The end is the raw origin of the next normalized scalar that does not share the last
  /// one's origin, so the raw slice covers everything folded into the span: a decomposed
  /// letter's combining marks, the rest of an HTML entity. (Invisible characters removed right
  /// after the span, such as a zero-width space, fall inside it too.)
  public func rawRange(_ range: Range<Int>) -> Range<Int> {
    let lower = Int(rawOffsets[range.lowerBound])
    guard range.upperBound > range.lowerBound else { return lower..<lower }
    var e = range.upperBound
    let last = rawOffsets[e - 1]
    while e < scalars.count && rawOffsets[e] == last { e += 1 }
    return lower..<Int(rawOffsets[e])
  }

  /// The raw input's text for a span of the normalized text.
  public func rawString(_ range: Range<Int>) -> String {
    String(scalarValues: raw[rawRange(range)])
  }
}

/// A problem found while decoding or normalizing; never fatal.
public struct TextWarning: Sendable, Equatable, Codable {
  /// A stable machine-readable code, e.g. `invalid_utf8`.
  public var code: String
  /// What happened, for people.
  public var message: String

  public init(code: String, message: String) {
    self.code = code
    self.message = message
  }
}

extension TextWarning {
  /// The warning for `count` invalid UTF-8 sequences replaced with U+FFFD; none for 0.
  public static func invalidUTF8(count: Int) -> [TextWarning] {
    guard count > 0 else { return [] }
    return [TextWarning(code: "invalid_utf8", message: "\(count) invalid UTF-8 sequence(s) replaced with U+FFFD")]
  }
}
