/// Splits a literal into the tokens it should match: runs of letters and digits, and single
/// punctuation marks; each piece remembers whether a space came before it.
///
/// `"TP.HCM"` → `TP` `.`(glued) `HCM`(glued); `"phát hiện"` → `phát` `hiện`.
public enum LiteralSplitter {
  /// One token of a literal.
  public struct Piece: Sendable, Equatable {
    /// The piece's text.
    public var text: String
    /// True when no space separates this piece from the one before.
    public var glued: Bool

    public init(text: String, glued: Bool) {
      self.text = text
      self.glued = glued
    }
  }

  /// The pieces of `text`.
  public static func split(_ text: String) -> [Piece] {
    var pieces: [Piece] = []
    var current = String.UnicodeScalarView()
    var currentGlued = false
    var sawSpace = true
    func flush() {
      if !current.isEmpty {
        pieces.append(Piece(text: String(current), glued: currentGlued))
        current = String.UnicodeScalarView()
      }
    }
    for c in text.unicodeScalars {
      if c.properties.isWhitespace {
        flush()
        sawSpace = true
      } else if isWordScalar(c) {
        if current.isEmpty {
          currentGlued = !sawSpace && !pieces.isEmpty
        }
        current.append(c)
        sawSpace = false
      } else {
        flush()
        pieces.append(Piece(text: String(c), glued: !sawSpace && !pieces.isEmpty))
        sawSpace = false
      }
    }
    flush()
    return pieces
  }

  /// Letters, combining marks and digits make words; everything else is punctuation.
  public static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 {
      let v = c.value
      return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
    }
    let p = c.properties
    return p.isAlphabetic || p.generalCategory == .nonspacingMark
      || p.generalCategory == .decimalNumber
  }
}
