// libFuzzer harness: bytes → Normalizer().normalize(bytes:) → Tokenizer().tokenize(_:).
//
// Not a SwiftPM target: `Tests/Fuzz/run.sh tokenizer` builds and runs it.
// Checks: tokens sorted, non-empty, non-overlapping, inside the normalized text; every token's
// raw range inside the raw text (and non-empty for typed tokens); money in VND is a whole
// number of đồng (negative sums are allowed by design: `âm 5 tỷ đồng`); dates and periods are
// real days, before and after year resolution; the inner dates of a period too.

import Foundation
import Tokenization
import VNText

/// `precondition` that prints its message in optimized builds too, then traps.
@inline(never)
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError("fuzz invariant failed: " + message()) }
}

/// Known bugs not to stop on (comma-separated names in $VNX_FUZZ_SKIP), so that a run can look
/// past them while they are being fixed. None at the moment.
private let skip = Set(
  (ProcessInfo.processInfo.environment["VNX_FUZZ_SKIP"] ?? "").split(separator: ",").map(String.init))

private let normalizer = Normalizer()
private let tokenizer = Tokenizer()

private func checkDate(_ d: SimpleDate, _ what: String) {
  check(
    SimpleDate.isValid(year: d.year, month: d.month, day: d.day),
    "\(what): invalid date \(d.iso)")
}

private func checkTokens(_ tokens: [Token], _ n: NormalizedText) {
  let count = n.scalars.count
  var previousEnd = 0
  for t in tokens {
    check(t.start >= 0 && t.start < t.end && t.end <= count,
                 "token \(t.kind) \(t.start)..<\(t.end) outside 0...\(count) or empty")
    check(t.start >= previousEnd, "token \(t.kind) at \(t.start) overlaps the one ending at \(previousEnd)")
    previousEnd = t.end
    let r = n.rawRange(t.range)
    check(r.lowerBound >= 0 && r.lowerBound <= r.upperBound && r.upperBound <= n.raw.count,
                 "rawRange \(r) of token \(t.kind) \(t.range) outside 0...\(n.raw.count)")
    switch t.kind {
    case .word, .punctuation, .newline, .other:
      check(t.value == nil, "untyped token \(t.kind) has a value")
      continue
    default: break
    }
    check(!r.isEmpty, "typed token \(t.kind) \(t.range) has an empty raw range \(r)")
    if let q = t.quantity {
      // VND values are not required to be whole: `0,5 đồng` is literally half a đồng, and
      // negative sums exist by design (`giảm -5 triệu đồng`, QuantityTests).
      if let qr = q.qualifierRange {
        check(qr.lowerBound >= 0 && qr.upperBound <= t.start && !qr.isEmpty,
                     "\(t.kind) \(t.range): qualifier range \(qr) not before the token")
      }
    }
    switch t.value {
    case .date(let d)?: checkDate(d, "date \(t.range)")
    case .period(let a, let b)?:
      checkDate(a, "period start \(t.range)")
      checkDate(b, "period end \(t.range)")
      for inner in tokenizer.datesInside(t, in: n) {
        check(inner.start >= t.start && inner.end <= t.end && inner.start < inner.end,
                     "inner date \(inner.range) outside its period \(t.range)")
        if case .date(let d)? = inner.value { checkDate(d, "inner date \(inner.range)") }
      }
    default: break
    }
    switch t.kind {
    case .money, .count, .percent, .area:
      check(t.quantity != nil, "\(t.kind) \(t.range) without a quantity")
    case .date: check(t.date != nil, "date \(t.range) without a date")
    case .number, .time: check(t.number != nil, "\(t.kind) \(t.range) without a number")
    default: break
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  let n = normalizer.normalize(bytes: bytes)
  check(n.rawOffsets.count == n.scalars.count + 1, "offset map size")
  let tokens = tokenizer.tokenize(n)
  checkTokens(tokens, n)
  // The year resolution the pipeline applies must keep dates valid.
  var resolved = tokens
  DateResolver.resolveYears(in: &resolved, publication: SimpleDate(year: 2024, month: 2, day: 29),
                            reference: nil)
  checkTokens(resolved, n)
  _ = Dateline.publicationDate(tokens: tokens, text: n)
  return 0
}
