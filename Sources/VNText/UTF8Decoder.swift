/// Decodes raw bytes into Unicode scalar values without ever failing.
///
/// A leading byte-order mark is dropped (it is not part of the text). Every maximal ill-formed
/// subsequence becomes one U+FFFD, following the Unicode Standard's "substitution of maximal
/// subparts" practice, and is counted so that the caller can warn about it.
public enum UTF8Decoder {
  /// The result of decoding: the scalars and how many ill-formed sequences were replaced.
  public struct Result: Sendable {
    public var scalars: [UInt32]
    public var replacements: Int
  }

  /// Decodes `bytes`; never traps on any input.
  public static func decode<C: Collection>(_ bytes: C) -> Result where C.Element == UInt8 {
    if let result = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) {
      return result
    }
    return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
  }

  /// Decodes a byte buffer; `stripBOM: false` keeps a leading U+FEFF as text.
  public static func decode(buffer b: UnsafeBufferPointer<UInt8>, stripBOM: Bool = true) -> Result {
    var replacements = 0
    let n = b.count
    // Never more scalars than bytes: decode straight into the result's storage.
    let scalars = [UInt32](unsafeUninitializedCapacity: n) { out, written in
      var k = 0
      var i = 0
      if stripBOM && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF { i = 3 }
      while i < n {
        let b0 = b[i]
        if b0 < 0x80 {
          out[k] = UInt32(b0)
          k += 1
          i += 1
          continue
        }
        // Expected length and the allowed range of the second byte (Unicode Table 3-7).
        var need = 0
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        var cp: UInt32 = 0
        switch b0 {
        case 0xC2...0xDF: need = 1; cp = UInt32(b0 & 0x1F)
        case 0xE0: need = 2; lo = 0xA0; cp = UInt32(b0 & 0x0F)
        case 0xE1...0xEC, 0xEE...0xEF: need = 2; cp = UInt32(b0 & 0x0F)
        case 0xED: need = 2; hi = 0x9F; cp = UInt32(b0 & 0x0F)
        case 0xF0: need = 3; lo = 0x90; cp = UInt32(b0 & 0x07)
        case 0xF1...0xF3: need = 3; cp = UInt32(b0 & 0x07)
        case 0xF4: need = 3; hi = 0x8F; cp = UInt32(b0 & 0x07)
        default:
          out[k] = 0xFFFD
          k += 1
          replacements += 1
          i += 1
          continue
        }
        var j = i + 1
        var ok = true
        for step in 0..<need {
          guard j < n else { ok = false; break }
          let bk = b[j]
          let low: UInt8 = step == 0 ? lo : 0x80
          let high: UInt8 = step == 0 ? hi : 0xBF
          guard bk >= low && bk <= high else { ok = false; break }
          cp = (cp << 6) | UInt32(bk & 0x3F)
          j += 1
        }
        if ok {
          out[k] = cp
        } else {
          out[k] = 0xFFFD
          replacements += 1
        }
        k += 1
        i = j
      }
      written = k
    }
    return Result(scalars: scalars, replacements: replacements)
  }
}

extension String {
  /// Builds a string from scalar values; values that are not scalars become U+FFFD.
  public init<C: Collection>(scalarValues: C) where C.Element == UInt32 {
    if let s = scalarValues.withContiguousStorageIfAvailable({ buffer -> String in
      String(decoding: UTF8Encoder.encode(buffer), as: UTF8.self)
    }) {
      self = s
    } else {
      self = String(decoding: UTF8Encoder.encode(Array(scalarValues)), as: UTF8.self)
    }
  }
}
