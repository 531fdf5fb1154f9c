import RuleEngine
import RuleLanguage
import Tokenization
import VNText
import XCTest

/// The project's root folder (`rules/`, `corpus/`), found from this file's path.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// The project's rule pack (`rules/`); throws, failing the test with the errors, if it does not load.
func projectRuleSet() throws -> RuleSet {
  let (loaded, diagnostics) = RuleSet.load(directory: projectRoot.appendingPathComponent("rules").path)
  return try XCTUnwrap(loaded, diagnostics.filter(\.isError).map(\.rendered).joined(separator: "\n"))
}

/// Compiles rule files given as text; fails the test on any error.
func makeRuleSet(
  _ yaml: String, gazetteers: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
) -> RuleSet? {
  var sources = [RuleSource(path: "test.yaml", text: yaml)]
  for (name, text) in gazetteers { sources.append(RuleSource(path: "\(name).txt", text: text)) }
  let (set, diagnostics) = RuleSet.load(sources: sources)
  for d in diagnostics where d.isError { XCTFail(d.rendered, file: file, line: line) }
  return set
}

/// Diagnostics for rule files given as text.
func diagnose(_ yaml: String, gazetteers: [String: String] = [:]) -> [Diagnostic] {
  var sources = [RuleSource(path: "test.yaml", text: yaml)]
  for (name, text) in gazetteers { sources.append(RuleSource(path: "\(name).txt", text: text)) }
  return RuleSet.load(sources: sources).1
}

/// Normalizes and tokenizes `text`, runs the rules, and renders each annotation as
/// `type[text]{k=v,…}` for compact assertions.
func annotateRendered(_ set: RuleSet, _ text: String) -> [String] {
  let normalized = Normalizer().normalize(text)
  let tokens = Tokenizer().tokenize(normalized)
  return set.annotate(normalized, tokens: tokens).map { a in
    let fields = a.fields.keys.sorted().map { "\($0)=\(a.fields[$0]!)" }.joined(separator: ",")
    return "\(a.type)[\(normalized.string(a.start..<a.end))]{\(fields)}"
  }
}
