// libFuzzer harness: the normalizer's offset map and the pipeline's mention offsets.
//
// Not a SwiftPM target: `Tests/Fuzz/run.sh offsets` builds and runs it.
// Checks, for bytes → Normalizer().normalize(bytes:):
// - the offset map: `scalars.count + 1` entries, never decreasing, inside the raw text, the
//   last one `raw.count`;
// - `rawRange` of every token and of spans derived from the input bytes: inside the raw text,
//   non-empty for a non-empty span, starting at `rawOffsets[start]`, and monotone (a span
//   inside another maps inside the other's raw range);
// - every line: normalizing the raw slice of a normalized line gives that line's scalars;
// - the whole pipeline (`Extractor`, no rules, or the rules in $VNX_FUZZ_RULES when set): for a
//   text document, the same text sent as a JSON Lines string (escapes chosen by the input) and
//   the raw bytes as a JSON line, every mention's `text` equals the raw input slice
//   `[start, end)`, and the record's JSON line is one line of valid JSON.

import Extraction
import Foundation
import RuleEngine
import Tokenization
import VNText

/// `precondition` that prints its message in optimized builds too, then traps.
@inline(never)
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError("fuzz invariant failed: " + message()) }
}

private let normalizer = Normalizer()
private let tokenizer = Tokenizer()

private let extractor: Extractor = {
  if let dir = ProcessInfo.processInfo.environment["VNX_FUZZ_RULES"], !dir.isEmpty {
    let (set, diagnostics) = RuleSet.load(directory: dir)
    if let set {
      FileHandle.standardError.write("FuzzOffsets: using the rules in \(dir)\n".data(using: .utf8)!)
      return Extractor(ruleSet: set)
    }
    FileHandle.standardError.write(
      "FuzzOffsets: rules in \(dir) do not load (\(diagnostics.count) diagnostics); running with no rules\n"
        .data(using: .utf8)!)
  }
  return Extractor(rulesFingerprint: "x") { _, _ in [] }
}()

/// A small deterministic generator seeded from the input, for spans and escape choices.
private struct SplitMix {
  var state: UInt64
  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    state = h
  }
  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
}

private func checkMap(_ n: NormalizedText) {
  check(n.rawOffsets.count == n.scalars.count + 1, "offset map has \(n.rawOffsets.count) entries for \(n.scalars.count) scalars")
  check(Int(n.rawOffsets.last!) == n.raw.count, "last offset \(n.rawOffsets.last!) != raw count \(n.raw.count)")
  var previous: Int32 = 0
  for (k, o) in n.rawOffsets.enumerated() {
    check(o >= previous, "offset map decreases at \(k): \(previous) → \(o)")
    previous = o
  }
}

private func checkSpan(_ n: NormalizedText, _ span: Range<Int>, _ what: String) -> Range<Int> {
  let r = n.rawRange(span)
  check(r.lowerBound >= 0 && r.lowerBound <= r.upperBound && r.upperBound <= n.raw.count,
               "\(what) \(span): rawRange \(r) outside 0...\(n.raw.count)")
  check(r.lowerBound == Int(n.rawOffsets[span.lowerBound]), "\(what) \(span): rawRange starts at \(r.lowerBound)")
  if !span.isEmpty { check(!r.isEmpty, "\(what) \(span): empty rawRange \(r)") }
  _ = n.rawString(span)
  return r
}

private func checkLines(_ n: NormalizedText) {
  var start = 0
  let count = n.scalars.count
  for k in 0...count where k == count || n.scalars[k] == 0x0A {
    defer { start = k + 1 }
    guard k > start else { continue }
    let r = n.rawRange(start..<k)
    let again = normalizer.normalize(scalars: Array(n.raw[r]))
    check(
      again.scalars[...] == n.scalars[start..<k],
      "line \(start)..<\(k) (raw \(r)): normalizing its raw slice gives \(again.scalars.map { String($0, radix: 16) }) instead of \(n.scalars[start..<k].map { String($0, radix: 16) })"
    )
  }
}

private func checkRecord(_ record: Record, raw: [UInt32], _ what: String) {
  for m in record.mentions {
    check(m.start >= 0 && m.start < m.end && m.end <= raw.count,
                 "\(what): mention \(m.type) \(m.start)..<\(m.end) outside 0...\(raw.count) or empty")
    let slice = String(scalarValues: raw[m.start..<m.end])
    check(m.text == slice, "\(what): mention \(m.type) text \(m.text.debugDescription) != raw slice \(slice.debugDescription)")
  }
}

private func checkLine(_ line: [UInt8], _ what: String) {
  check(!line.contains(0x0A) && !line.contains(0x0D), "\(what): the record's JSON line contains a line break")
  let object = try? JSONSerialization.jsonObject(with: Data(line))
  check(object is [String: Any], "\(what): the record line is not a JSON object: \(String(decoding: line, as: UTF8.self))")
}

/// `text` as a JSON string literal; `rng` decides which scalars are written as `\u` escapes.
private func jsonString(_ raw: [UInt32], _ rng: inout SplitMix) -> [UInt8] {
  var out: [UInt8] = [0x22]
  func hex4(_ v: UInt32) {
    out += Array("\\u".utf8)
    for shift in stride(from: 12, through: 0, by: -4) {
      out.append(Array("0123456789abcdef".utf8)[Int((v >> UInt32(shift)) & 0xF)])
    }
  }
  for c in raw {
    switch c {
    case 0x22: out += Array("\\\"".utf8)
    case 0x5C: out += Array("\\\\".utf8)
    case 0x0A: out += rng.below(2) == 0 ? Array("\\n".utf8) : Array("\\u000a".utf8)
    case 0x0D: out += Array("\\r".utf8)
    case 0x09: out += Array("\\t".utf8)
    case 0x2F where rng.below(4) == 0: out += Array("\\/".utf8)
    case 0..<0x20: hex4(c)
    default:
      if rng.below(8) == 0 {
        if c > 0xFFFF {
          let v = c - 0x10000
          hex4(0xD800 + (v >> 10))
          hex4(0xDC00 + (v & 0x3FF))
        } else {
          hex4(c)
        }
      } else {
        out += Array(String(scalarValues: [c]).utf8)
      }
    }
  }
  out.append(0x22)
  return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  var rng = SplitMix(bytes)
  let n = normalizer.normalize(bytes: bytes)
  checkMap(n)
  let count = n.scalars.count

  // Tokens, and spans of consecutive tokens.
  let tokens = tokenizer.tokenize(n)
  var ranges: [Range<Int>] = []
  for t in tokens {
    check(t.start >= 0 && t.start <= t.end && t.end <= count, "token \(t.range) outside 0...\(count)")
    ranges.append(checkSpan(n, t.range, "token \(t.kind)"))
  }
  if tokens.count > 1 {
    for _ in 0..<8 {
      let a = rng.below(tokens.count), b = a + rng.below(tokens.count - a)
      let r = checkSpan(n, tokens[a].start..<tokens[b].end, "tokens \(a)...\(b)")
      check(r.lowerBound <= ranges[a].lowerBound && ranges[b].upperBound <= r.upperBound,
                   "tokens \(a)...\(b): rawRange \(r) does not cover its tokens' \(ranges[a]) and \(ranges[b])")
    }
  }
  // Arbitrary spans, and a span inside each.
  for _ in 0..<24 {
    let a = rng.below(count + 1), b = a + rng.below(count - a + 1)
    let outer = checkSpan(n, a..<b, "span")
    guard b > a else { continue }
    let c = a + rng.below(b - a), d = c + 1 + rng.below(b - c)
    let inner = checkSpan(n, c..<d, "inner span")
    check(outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound,
                 "span \(c)..<\(d) inside \(a)..<\(b) maps to \(inner), outside \(outer)")
  }
  checkLines(n)

  // The pipeline, three ways.
  let asText = InputItem(source: Source(path: "fuzz.txt"), fallbackID: "fuzz", payload: .text(Array(bytes)))
  let record = extractor.record(for: asText)
  if record.error == nil { checkRecord(record, raw: n.raw, "text document") }
  checkLine(extractor.process(asText).line, "text document")

  var line = Array(#"{"id":"f","text":"#.utf8)
  line += jsonString(n.raw, &rng)
  line += Array(#","published":"2024-02-29"}"#.utf8)
  let asJSON = InputItem(source: Source(path: "fuzz.jsonl", line: 1), fallbackID: "fuzz.jsonl#L1", payload: .jsonLine(line))
  let jsonRecord = extractor.record(for: asJSON)
  check(jsonRecord.error == nil, "a well-formed JSON line gave an error record: \(jsonRecord.error!)")
  checkRecord(jsonRecord, raw: n.raw, "JSON line")
  checkLine(extractor.process(asJSON).line, "JSON line")

  let rawLine = InputItem(source: Source(path: "fuzz.jsonl", line: 1), fallbackID: "fuzz.jsonl#L1", payload: .jsonLine(Array(bytes)))
  checkLine(extractor.process(rawLine).line, "raw bytes as a JSON line")
  return 0
}
