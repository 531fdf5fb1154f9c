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

  /// The UTF-8 form of a whole array of scalar values, written without per-byte appends.
  public static func encode(_ scalars: [UInt32]) -> [UInt8] {
    scalars.withUnsafeBufferPointer { encode($0) }
  }

  /// The UTF-8 form of a buffer of scalar values.
  public static func encode(_ scalars: UnsafeBufferPointer<UInt32>) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: scalars.count * 4) { buffer, written in
      var k = 0
      for c in scalars {
        if c < 0x80 {
          buffer[k] = UInt8(c); k += 1
        } else if c < 0x800 {
          buffer[k] = UInt8(0xC0 | (c >> 6)); buffer[k + 1] = UInt8(0x80 | (c & 0x3F)); k += 2
        } else if c < 0x10000 && !(c >= 0xD800 && c <= 0xDFFF) {
          buffer[k] = UInt8(0xE0 | (c >> 12)); buffer[k + 1] = UInt8(0x80 | ((c >> 6) & 0x3F))
          buffer[k + 2] = UInt8(0x80 | (c & 0x3F)); k += 3
        } else if c >= 0x10000 && c <= 0x10FFFF {
          buffer[k] = UInt8(0xF0 | (c >> 18)); buffer[k + 1] = UInt8(0x80 | ((c >> 12) & 0x3F))
          buffer[k + 2] = UInt8(0x80 | ((c >> 6) & 0x3F)); buffer[k + 3] = UInt8(0x80 | (c & 0x3F)); k += 4
        } else {
          buffer[k] = 0xEF; buffer[k + 1] = 0xBF; buffer[k + 2] = 0xBD; k += 3
        }
      }
      written = k
    }
  }
}
