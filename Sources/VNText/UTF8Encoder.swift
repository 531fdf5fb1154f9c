/// Encodes scalar values as UTF-8 bytes, appending to a byte buffer (no `String` in between).
public enum UTF8Encoder {
  /// Appends the UTF-8 form of `c` (U+FFFD for a value that is not a scalar).
  @inline(__always)
  public static func append(_ c: UInt32, to out: inout [UInt8]) {
    if c < 0x80 {
      out.append(UInt8(c))
    } else if c < 0x800 {
      out.append(UInt8(0xC0 | (c >> 6)))
      out.append(UInt8(0x80 | (c & 0x3F)))
    } else if c < 0x10000 {
      if c >= 0xD800 && c <= 0xDFFF { append(0xFFFD, to: &out); return }
      out.append(UInt8(0xE0 | (c >> 12)))
      out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (c & 0x3F)))
    } else if c <= 0x10FFFF {
      out.append(UInt8(0xF0 | (c >> 18)))
      out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
      out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
      out.append(UInt8(0x80 | (c & 0x3F)))
    } else {
      append(0xFFFD, to: &out)
    }
  }

  /// Appends the UTF-8 form of every scalar value in `scalars`.
  public static func append<C: Collection>(_ scalars: C, to out: inout [UInt8]) where C.Element == UInt32 {
    for c in scalars { append(c, to: &out) }
  }
}
