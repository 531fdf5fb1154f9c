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
    guard !scalars.isEmpty else { return [] }
    return [UInt8](unsafeUninitializedCapacity: scalars.count * 4) { buffer, written in
      written = write(scalars, to: buffer.baseAddress!)
    }
  }

  /// The number of bytes `write` writes for `scalars` (U+FFFD, three bytes, for a value that is
  /// not a scalar).
  @inlinable
  public static func byteCount(_ scalars: UnsafeBufferPointer<UInt32>) -> Int {
    var k = 0
    for c in scalars {
      k &+= c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0x10000 && c <= 0x10FFFF ? 4 : 3
    }
    return k
  }

  /// Writes the UTF-8 form of every scalar value in `scalars` at `p`, which has room for 4
  /// bytes per scalar; returns the number of bytes written.
  @inlinable
  public static func write(_ scalars: UnsafeBufferPointer<UInt32>, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var k = 0
    for c in scalars { k += write(c, to: p + k) }
    return k
  }

  /// Writes the UTF-8 form of `c` (U+FFFD for a value that is not a scalar) at `p`, which has
  /// room for 4 bytes; returns the number of bytes written.
  @inlinable @inline(__always)
  public static func write(_ c: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
    if c < 0x80 {
      p[0] = UInt8(c)
      return 1
    } else if c < 0x800 {
      p[0] = UInt8(0xC0 | (c >> 6)); p[1] = UInt8(0x80 | (c & 0x3F))
      return 2
    } else if c < 0x10000 && !(c >= 0xD800 && c <= 0xDFFF) {
      p[0] = UInt8(0xE0 | (c >> 12)); p[1] = UInt8(0x80 | ((c >> 6) & 0x3F)); p[2] = UInt8(0x80 | (c & 0x3F))
      return 3
    } else if c >= 0x10000 && c <= 0x10FFFF {
      p[0] = UInt8(0xF0 | (c >> 18)); p[1] = UInt8(0x80 | ((c >> 12) & 0x3F))
      p[2] = UInt8(0x80 | ((c >> 6) & 0x3F)); p[3] = UInt8(0x80 | (c & 0x3F))
      return 4
    } else {
      p[0] = 0xEF; p[1] = 0xBF; p[2] = 0xBD
      return 3
    }
  }
}
