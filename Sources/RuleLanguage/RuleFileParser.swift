import Yams

/// Reads one rule file (YAML) into a `RuleFile` and a list of diagnostics.
///
/// Never throws: a YAML syntax error becomes one diagnostic at its position; every other
/// problem (unknown key, bad value, bad pattern) is reported and the rest of the file is read.
public struct RuleFileParser {
  private let path: String
  private let source: [Unicode.Scalar]
  private let lineStarts: [Int]
  private var diagnostics: [Diagnostic] = []

  static let topKeys: Set<String> = ["macros", "rules"]
  static let ruleKeys: Set<String> = [
    "id", "pattern", "emit", "priority", "examples", "counterexamples", "description",
  ]
  static let emitKeys: Set<String> = ["target", "metric", "type", "span", "fields"]
  static let exampleKeys: Set<String> = ["text", "fields"]

  private init(path: String, text: String) {
    self.path = path
    source = Array(text.unicodeScalars)
    var starts = [0]
    for (k, c) in source.enumerated() where c == "\n" { starts.append(k + 1) }
    lineStarts = starts
  }

  /// Parses the YAML text of the file at `path`.
  public static func parse(path: String, text: String) -> (RuleFile, [Diagnostic]) {
    var p = RuleFileParser(path: path, text: text)
    let file = p.parseFile(text)
    return (file, p.diagnostics)
  }

  // MARK: Structure

  private mutating func parseFile(_ text: String) -> RuleFile {
    var file = RuleFile(path: path)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      report(yamlError: error)
      return file
    } catch {
      diagnostics.append(
        Diagnostic(.yamlSyntax, "YAML: \(error)", at: SourceLocation(file: path, line: 1, column: 1)))
      return file
    }
    guard let root else { return file }  // an empty file is fine
    var ruleNodes: [Node] = []
    if let seq = root.sequence {
      ruleNodes = Array(seq)
    } else if let map = root.mapping {
      for (key, value) in map {
        let k = key.string ?? ""
        switch k {
        case "rules":
          if let seq = value.sequence {
            ruleNodes = Array(seq)
          } else if !isNull(value) {
            error(.badValue, "'rules' must be a list of rules", at: value)
          }
        case "macros":
          if let m = value.mapping {
            for (name, pattern) in m {
              if let macro = parseMacro(name: name, pattern: pattern) { file.macros.append(macro) }
            }
          } else if !isNull(value) {
            error(.badValue, "'macros' must be a mapping NAME: 'pattern'", at: value)
          }
        default:
          unknownKey(k, allowed: Self.topKeys, at: key)
        }
      }
    } else {
      error(.badValue, "a rule file must be a mapping with 'rules' (and 'macros')", at: root)
    }
    for node in ruleNodes {
      if let rule = parseRule(node) { file.rules.append(rule) }
    }
    return file
  }

  private mutating func parseMacro(name: Node, pattern: Node) -> MacroSyntax? {
    guard let n = name.string, !n.isEmpty else {
      error(.badValue, "a macro name must be a string", at: name)
      return nil
    }
    guard let p = patternSource(pattern, what: "macro '\(n)'") else { return nil }
    return MacroSyntax(name: n, pattern: p, location: location(of: name))
  }

  private mutating func parseRule(_ node: Node) -> RuleSyntax? {
    guard let map = node.mapping else {
      error(.badValue, "a rule must be a mapping with 'id', 'pattern' and 'emit'", at: node)
      return nil
    }
    var id: String?
    var idLocation = location(of: node)
    var pattern: PatternSource?
    var patternNode: Node?
    var emits: [EmitSyntax] = []
    var sawEmit = false
    var priority = 0
    var description: String?
    var examples: [ExampleSyntax] = []
    var counterexamples: [ExampleSyntax] = []
    for (key, value) in map {
      let k = key.string ?? ""
      switch k {
      case "id":
        if let s = value.scalar?.string, !s.isEmpty {
          id = s
          idLocation = location(of: value)
        } else {
          error(.badValue, "'id' must be a non-empty string", at: value)
        }
      case "pattern":
        patternNode = value
        pattern = patternSource(value, what: "pattern")
      case "emit":
        sawEmit = true
        if let seq = value.sequence {
          for e in seq { if let x = parseEmit(e) { emits.append(x) } }
        } else if let x = parseEmit(value) {
          emits.append(x)
        }
      case "priority":
        if let s = value.scalar?.string, let v = Int(s) {
          priority = v
        } else {
          error(.badValue, "'priority' must be an integer", at: value)
        }
      case "description":
        description = value.string
      case "examples":
        examples = parseExamples(value, counter: false)
      case "counterexamples":
        counterexamples = parseExamples(value, counter: true)
      default:
        unknownKey(k, allowed: Self.ruleKeys, at: key)
      }
    }
    guard let id else {
      error(.badValue, "rule has no 'id'", at: node)
      return nil
    }
    if patternNode == nil { error(.badValue, "rule '\(id)' has no 'pattern'", at: node) }
    if !sawEmit { error(.badEmission, "rule '\(id)' has no 'emit'", at: node) }
    guard let pattern else { return nil }
    return RuleSyntax(
      id: id, pattern: pattern, emits: emits, priority: priority, description: description,
      examples: examples, counterexamples: counterexamples, location: idLocation)
  }

  private mutating func parseEmit(_ node: Node) -> EmitSyntax? {
    guard let map = node.mapping else {
      error(.badEmission, "an emission must be a mapping: {target: X, metric: Y} or {type: T, fields: {...}}", at: node)
      return nil
    }
    var e = EmitSyntax(
      target: nil, metric: nil, type: nil, span: nil, fields: [], location: location(of: node))
    for (key, value) in map {
      let k = key.string ?? ""
      switch k {
      case "target":
        e.target = captureName(value)
        e.targetLocation = location(of: value)
      case "span":
        e.span = captureName(value)
        e.spanLocation = location(of: value)
      case "metric": e.metric = value.string
      case "type": e.type = value.string
      case "fields":
        guard let fm = value.mapping else {
          error(.badEmission, "'fields' must be a mapping name: value", at: value)
          continue
        }
        for (fk, fv) in fm {
          guard let name = fk.string, let raw = fv.scalar?.string else {
            error(.badEmission, "a field must be name: value (a string or $capture)", at: fv)
            continue
          }
          let v: FieldValueSyntax =
            raw.hasPrefix("$") && raw.count > 1 ? .capture(String(raw.dropFirst())) : .literal(raw)
          e.fields.append(FieldSyntax(name: name, value: v, location: location(of: fv)))
        }
      default:
        unknownKey(k, allowed: Self.emitKeys, at: key)
      }
    }
    if e.target == nil && e.type == nil {
      error(.badEmission, "an emission needs 'target' (role) or 'type' (entity)", at: node)
    }
    if e.target != nil && e.metric == nil {
      error(.badEmission, "a role emission ('target') needs a 'metric'", at: node)
    }
    if e.target != nil && e.type != nil {
      error(.badEmission, "an emission has either 'target' (role) or 'type' (entity), not both", at: node)
    }
    return e
  }

  private func captureName(_ node: Node) -> String? {
    guard let s = node.string else { return nil }
    return s.hasPrefix("$") ? String(s.dropFirst()) : s
  }

  private mutating func parseExamples(_ node: Node, counter: Bool) -> [ExampleSyntax] {
    guard let seq = node.sequence else {
      if !isNull(node) {
        error(.badExample, "'\(counter ? "counterexamples" : "examples")' must be a list", at: node)
      }
      return []
    }
    var out: [ExampleSyntax] = []
    for item in seq {
      var text: String?
      var fields: [String: String] = [:]
      if let s = item.scalar?.string {
        text = s
      } else if let m = item.mapping {
        for (key, value) in m {
          let k = key.string ?? ""
          switch k {
          case "text": text = value.string
          case "fields":
            for (fk, fv) in value.mapping ?? [:] {
              if let a = fk.string, let b = fv.string { fields[a] = b }
            }
          default: unknownKey(k, allowed: Self.exampleKeys, at: key)
          }
        }
      }
      guard let text else {
        error(.badExample, "an example is a string or {text: ..., fields: {...}}", at: item)
        continue
      }
      guard let (plain, spans) = ExampleSyntax.unmark(text) else {
        error(.badExample, "unbalanced '[' ']' marks in example (write \\[ for a literal bracket)", at: item)
        continue
      }
      if !fields.isEmpty && spans.isEmpty && !counter {
        error(.badExample, "an example with 'fields' must mark its span with [ ]", at: item)
      }
      out.append(ExampleSyntax(text: plain, spans: spans, fields: fields, location: location(of: item)))
    }
    return out
  }

  // MARK: Patterns and positions

  private mutating func patternSource(_ node: Node, what: String) -> PatternSource? {
    guard let scalar = node.scalar else {
      error(.badValue, "\(what) must be a string", at: node)
      return nil
    }
    let text = scalar.string
    let locator = makeLocator(scalar)
    let (element, problems) = PatternParser.parse(text)
    for p in problems {
      diagnostics.append(Diagnostic(p.code, p.message, at: locator.location(ofOffset: p.offset)))
    }
    return PatternSource(text: text, element: element, locator: locator, hasErrors: !problems.isEmpty)
  }

  /// Aligns the scalar's value with the file text, character by character, so that an offset
  /// inside a quoted, escaped or block scalar maps to its line and column.
  private func makeLocator(_ scalar: Node.Scalar) -> ValueLocator {
    let value = Array(scalar.string.unicodeScalars)
    guard let mark = scalar.mark, mark.line - 1 < lineStarts.count else {
      return ValueLocator(file: path, line: 1, column: 1, count: value.count)
    }
    var p = lineStarts[mark.line - 1] + mark.column - 1
    switch scalar.style {
    case .singleQuoted, .doubleQuoted:
      if p < source.count, source[p] == "'" || source[p] == "\"" { p += 1 }
    case .literal, .folded:
      while p < source.count, source[p] != "\n" { p += 1 }
      p += 1
      while p < source.count, source[p] == " " { p += 1 }
    default: break
    }
    // Block scalars keep indentation beyond the block's own; other styles fold it away.
    let block = scalar.style == .literal || scalar.style == .folded
    let blockIndent = block ? position(p).column - 1 : 0
    var positions: [(line: Int, column: Int)] = []
    positions.reserveCapacity(value.count + 1)
    let escapes: Bool = scalar.style == .doubleQuoted || scalar.style == .singleQuoted
    for c in value {
      if p < source.count, source[p] != c, escapes, source[p] == "\\" || source[p] == "'" {
        p += 1
      }
      positions.append(position(p))
      if p < source.count, source[p] == "\n" {
        p += 1
        var skipped = 0
        while p < source.count, source[p] == " " || source[p] == "\t", !block || skipped < blockIndent {
          p += 1
          skipped += 1
        }
      } else {
        p += 1
      }
    }
    positions.append(position(p))
    return ValueLocator(file: path, positions: positions)
  }

  private func position(_ offset: Int) -> (line: Int, column: Int) {
    var lo = 0, hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return (lo + 1, offset - lineStarts[lo] + 1)
  }

  // MARK: Diagnostics

  private func location(of node: Node) -> SourceLocation {
    guard let m = node.mark else { return SourceLocation(file: path, line: 1, column: 1) }
    return SourceLocation(file: path, line: m.line, column: m.column)
  }

  private func isNull(_ node: Node) -> Bool {
    guard let s = node.scalar else { return false }
    return s.string.isEmpty || s.string == "~" || s.string == "null"
  }

  private mutating func error(_ code: DiagnosticCode, _ message: String, at node: Node) {
    diagnostics.append(Diagnostic(code, message, at: location(of: node)))
  }

  private mutating func unknownKey(_ key: String, allowed: Set<String>, at node: Node) {
    var message = "unknown key '\(key)'"
    if let best = allowed.sorted().min(by: { editDistance($0, key) < editDistance($1, key) }),
      editDistance(best, key) <= 3
    {
      message += "; did you mean '\(best)'?"
    } else {
      message += " (allowed: \(allowed.sorted().joined(separator: ", ")))"
    }
    error(.unknownKey, message, at: node)
  }

  private mutating func report(yamlError: YamlError) {
    var line = 1, column = 1
    var problem = "\(yamlError)"
    switch yamlError {
    case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
      .composer(let context, let p, let mark, _):
      line = mark.line
      column = mark.column
      problem = p
      if let context {
        problem += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
      }
    case .duplicatedKeysInMapping(let duplicates, let context):
      line = context.mark.line
      column = context.mark.column
      problem = "duplicate key(s) \(duplicates.joined(separator: ", ")) in mapping"
    case .reader(let p, let offset, _, _):
      problem = p
      if let offset { (line, column) = position(offset) }
    default: break
    }
    diagnostics.append(
      Diagnostic(.yamlSyntax, "YAML syntax error: \(problem)",
                 at: SourceLocation(file: path, line: line, column: column)))
  }
}
