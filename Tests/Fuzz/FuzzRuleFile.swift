// libFuzzer harness: the rule-file parser, the pattern parser and the rule compiler.
//
// Not a SwiftPM target: `Tests/Fuzz/run.sh rulefile` builds and runs it.
// The input, as UTF-8 text, is loaded as a rule file (`fuzz.yaml`) next to a few small
// gazetteers, and also as a gazetteer of its own (`fuzzgaz.txt`). Checks: nothing crashes;
// every diagnostic has line ≥ 1 and column ≥ 1 and names a file; a rule set comes back exactly
// when there is no error; a loaded rule set annotates a short document with spans inside it.
// Every `pattern:` value in the input, and the whole input, also go to `PatternParser.parse`:
// problem offsets and element spans must lie inside the pattern.

import RuleEngine
import RuleLanguage
import Tokenization
import VNText

/// `precondition` that prints its message in optimized builds too, then traps.
@inline(never)
private func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
  if !condition() { fatalError("fuzz invariant failed: " + message()) }
}

private let gazetteers: [RuleSource] = [
  RuleSource(path: "provinces.txt", text: "Cà Mau\nHậu Giang\nLai Châu\nTP.HCM => Hồ Chí Minh\nTP Hồ Chí Minh => Hồ Chí Minh\n"),
  RuleSource(path: "title_heads.txt", text: "# title heads\nPhó Tổng Thanh tra Chính phủ\nTổng Thanh tra\nChánh Thanh tra\nChủ tịch\n"),
  RuleSource(path: "org_words.txt", text: "Thanh tra\nCục\nSở\nỦy ban nhân dân\n"),
  RuleSource(path: "legal_kinds.txt", text: "Luật\nNghị định\nThông tư\nQuyết định\n"),
  RuleSource(path: "laws.txt", text: "Luật Thanh tra\nLuật Đất đai\n"),
  RuleSource(path: "organizations.txt", text: "Thanh tra Chính phủ\nKiểm toán Nhà nước\n"),
]

private let document: NormalizedText = Normalizer().normalize(
  """
  Ngày 08/7/2024, Cục II, Thanh tra Chính phủ phát hiện sai phạm 46.237 triệu đồng, kiến nghị thu hồi \
  hơn 12 tỷ đồng và 1.500 m2 đất; chuyển cơ quan điều tra 3 vụ việc. Phó Tổng Thanh tra Lê Sỹ Bảy \
  chủ trì. UBND tỉnh Cà Mau xử lý 15 tập thể, 32/55 cuộc thanh tra, theo Nghị định số 59/2019/NĐ-CP.
  Từ ngày 01/01/2023 đến ngày 31/12/2023, TP.HCM đạt 88,8%.
  """)
private let tokens = Tokenizer().tokenize(document)

private func checkDiagnostics(_ diagnostics: [Diagnostic], _ what: String) {
  for d in diagnostics {
    check(d.line >= 1 && d.column >= 1, "\(what): diagnostic at line \(d.line), column \(d.column): \(d.rendered)")
    check(!d.file.isEmpty, "\(what): diagnostic without a file: \(d.rendered)")
    _ = d.rendered
  }
}

private func checkPattern(_ pattern: String) {
  let count = pattern.unicodeScalars.count
  let (element, problems) = PatternParser.parse(pattern)
  for p in problems {
    check(p.offset >= 0 && p.offset <= count, "pattern problem at \(p.offset) outside 0...\(count): \(p.message)")
  }
  element?.walk { e in
    check(e.offset >= 0 && e.length >= 0 && e.offset + e.length <= count,
                 "pattern element \(e.kind) at \(e.offset)+\(e.length) outside 0...\(count)")
  }
  if element == nil { check(!problems.isEmpty, "no pattern and no problem") }
}

/// The values of `pattern:` keys, roughly (one line, optional quotes): enough to hand the
/// pattern parser realistic input.
private func patternValues(_ text: String) -> [String] {
  var out: [String] = []
  for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
    guard let r = line.range(of: "pattern:") else { continue }
    var v = line[r.upperBound...].drop(while: { $0 == " " })
    if let q = v.first, q == "'" || q == "\"", v.count >= 2, v.last == q {
      v = v.dropFirst().dropLast()
    }
    out.append(String(v).replacingOccurrences(of: "''", with: "'"))
  }
  return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)

  checkPattern(text)
  for p in patternValues(text) { checkPattern(p) }

  let (set, diagnostics) = RuleSet.load(sources: gazetteers + [RuleSource(path: "fuzz.yaml", text: text)])
  checkDiagnostics(diagnostics, "rule file")
  check((set == nil) == diagnostics.contains(where: \.isError),
               "rule set \(set == nil ? "missing" : "present") with \(diagnostics.filter(\.isError).count) errors")
  if let set {
    for a in set.annotate(document, tokens: tokens) {
      check(a.start >= 0 && a.start < a.end && a.end <= document.scalars.count,
                   "annotation \(a.rule) \(a.start)..<\(a.end) outside 0...\(document.scalars.count)")
    }
  }

  let (_, gazetteerDiagnostics) = RuleSet.load(sources: [RuleSource(path: "fuzzgaz.txt", text: text)])
  checkDiagnostics(gazetteerDiagnostics, "gazetteer")
  return 0
}
