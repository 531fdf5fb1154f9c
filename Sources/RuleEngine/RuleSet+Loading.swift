import Foundation
import RuleLanguage
import VNText

/// One file of a rule set given as text: a rule file (`.yaml`/`.yml`) or a gazetteer (`.txt`).
public struct RuleSource: Sendable {
  /// The path shown in diagnostics; its base name names a gazetteer (`provinces.txt`).
  public var path: String
  /// The path used for ordering and the fingerprint (relative to the rules folder).
  public var relativePath: String
  public var text: String

  public init(path: String, relativePath: String? = nil, text: String) {
    self.path = path
    self.relativePath = relativePath ?? path
    self.text = text
  }

  var isRuleFile: Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
  var isGazetteer: Bool { path.hasSuffix(".txt") }
  var baseName: String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.hasSuffix(".txt") ? String(last.dropLast(4)) : last
  }
}

extension RuleSet {
  /// Loads and compiles every `*.yaml`/`*.yml` rule file and `*.txt` gazetteer under
  /// `directory` (recursively). Returns every diagnostic; the rule set is nil if any is an error.
  public static func load(directory: String) -> (RuleSet?, [Diagnostic]) {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
      return (nil, [Diagnostic(.unreadableFile, "rules folder '\(directory)' not found",
                               at: SourceLocation(file: directory, line: 1, column: 1))])
    }
    var relative: [String] = []
    if let e = fm.enumerator(atPath: directory) {
      while let p = e.nextObject() as? String {
        if p.hasSuffix(".yaml") || p.hasSuffix(".yml") || p.hasSuffix(".txt") { relative.append(p) }
      }
    }
    relative.sort()
    var sources: [RuleSource] = []
    var diagnostics: [Diagnostic] = []
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    for r in relative {
      let full = base + "/" + r
      guard let data = fm.contents(atPath: full) else {
        diagnostics.append(Diagnostic(.unreadableFile, "cannot read file",
                                      at: SourceLocation(file: full, line: 1, column: 1)))
        continue
      }
      sources.append(RuleSource(path: full, relativePath: r, text: String(decoding: data, as: UTF8.self)))
    }
    let (set, more) = load(sources: sources)
    diagnostics += more
    return (diagnostics.contains(where: \.isError) ? nil : set, diagnostics)
  }

  /// Compiles a rule set from texts (rule files and gazetteers), in the order given by their
  /// relative paths. Returns every diagnostic; the rule set is nil if any is an error.
  public static func load(sources unsorted: [RuleSource]) -> (RuleSet?, [Diagnostic]) {
    let sources = unsorted.sorted { $0.relativePath < $1.relativePath }
    var diagnostics: [Diagnostic] = []
    var keys = KeyTable()
    let normalizer = Normalizer()

    // Fingerprint: sorted relative paths and contents.
    var hasher = SHA256()
    for s in sources {
      hasher.update(Array(s.relativePath.utf8) + [0])
      hasher.update(Array(s.text.utf8) + [0])
    }
    let fingerprint = "sha256:" + hasher.finalize().map { b in
      b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16)
    }.joined()

    // Gazetteers.
    var gazetteers: [Gazetteer] = []
    var gazetteerIndex: [String: Int] = [:]
    for s in sources where s.isGazetteer {
      let name = s.baseName
      if let other = gazetteerIndex[name] {
        diagnostics.append(
          Diagnostic(.missingGazetteer,
                     "gazetteer '\(name)' is defined twice (also \(gazetteers[other].path))",
                     at: SourceLocation(file: s.path, line: 1, column: 1)))
        continue
      }
      let g = Gazetteer(name: name, path: s.path)
      diagnostics += g.add(text: s.text, keys: &keys, normalizer: normalizer)
      g.freeze()
      gazetteerIndex[name] = gazetteers.count
      gazetteers.append(g)
    }

    // Rule files.
    var files: [RuleFile] = []
    for s in sources where s.isRuleFile {
      let (file, d) = RuleFileParser.parse(path: s.path, text: s.text)
      files.append(file)
      diagnostics += d
    }

    // Macros, shared by all files.
    var macros: [String: MacroSyntax] = [:]
    for file in files {
      for m in file.macros {
        if let first = macros[m.name] {
          diagnostics.append(
            Diagnostic(.unknownMacro,
                       "macro '\(m.name)' is defined twice (first at \(first.location.file):\(first.location.line):\(first.location.column))",
                       at: m.location))
        } else {
          macros[m.name] = m
        }
      }
    }
    var compiler = PatternCompiler(
      keys: keys, macros: macros, gazetteerIndex: gazetteerIndex,
      gazetteerMaxLength: gazetteers.map { max(1, $0.maxLength) })
    compiler.gazetteerFirstKeys = gazetteers.map(\.firstKeys)
    for name in macros.keys.sorted() {
      _ = compiler.compile(macros[name]!.pattern)
    }

    // Rules.
    var compiled: [CompiledRule] = []
    var firstByID: [String: SourceLocation] = [:]
    for file in files {
      for rule in file.rules {
        if let first = firstByID[rule.id] {
          diagnostics.append(
            Diagnostic(.duplicateRuleID,
                       "duplicate rule id '\(rule.id)' (first at \(first.file):\(first.line):\(first.column))",
                       at: rule.location))
          continue
        }
        firstByID[rule.id] = rule.location
        let errorsBefore = compiler.diagnostics.count
        guard let program = compiler.compile(rule.pattern) else { continue }
        // After an error in the pattern, further checks would only repeat it in other words.
        let quiet = rule.pattern.hasErrors || compiler.diagnostics.count > errorsBefore
        if !quiet && RuleSet.firstAtoms(program).nullable {
          let where_ = rule.pattern.location(ofOffset: 0)
          diagnostics.append(
            Diagnostic(.neverMatches,
                       "rule '\(rule.id)' can match empty text, so it never matches anything: every part of the pattern is optional",
                       at: where_))
          continue
        }
        var emissions: [CompiledEmission] = []
        var emitOK = true
        let names = compiler.captureNames
        func slot(_ name: String, at loc: SourceLocation?, fallback: SourceLocation) -> Int? {
          if let k = names.firstIndex(of: name) { return k }
          let known = names.isEmpty ? "the pattern has no captures" : "captures: \(names.joined(separator: ", "))"
          diagnostics.append(
            Diagnostic(.unknownCapture, "unknown capture '\(name)' in emit (\(known))", at: loc ?? fallback))
          emitOK = false
          return nil
        }
        for e in rule.emits {
          var fields: [(String, CompiledEmission.Value)] = []
          for f in e.fields {
            switch f.value {
            case .literal(let s): fields.append((f.name, .literal(s)))
            case .capture(let c):
              if let k = slot(c, at: f.location, fallback: e.location) { fields.append((f.name, .capture(k))) }
            }
          }
          if let target = e.target {
            guard let k = slot(target, at: e.targetLocation, fallback: e.location) else { continue }
            if compiler.captureTypedClass[k] == nil && !quiet {
              diagnostics.append(
                Diagnostic(.badEmission,
                           "target '\(target)' must capture exactly one typed token (MONEY, COUNT, PERCENT, AREA, DATE, PERIOD, NUMBER or TIME), e.g. \(target):MONEY",
                           at: e.targetLocation ?? e.location))
              emitOK = false
              continue
            }
            emissions.append(CompiledEmission(kind: .role(target: k, metric: e.metric ?? "other"), fields: fields))
          } else if let type = e.type {
            var spanSlot: Int?
            if let span = e.span {
              guard let k = slot(span, at: e.spanLocation, fallback: e.location) else { continue }
              spanSlot = k
            }
            emissions.append(CompiledEmission(kind: .entity(type: type, span: spanSlot), fields: fields))
          }
        }
        if !emitOK { continue }
        compiled.append(
          CompiledRule(
            id: rule.id, order: compiled.count, priority: rule.priority, program: program,
            captureNames: names, captureGazetteer: compiler.captureGazetteer, emissions: emissions,
            syntax: rule, file: file.path,
            requirements: Array(Set(rule.pattern.element.map { compiler.requirements(of: $0) } ?? [])),
            anchors: rule.pattern.element.map { compiler.anchors(of: $0) } ?? []))
      }
    }
    diagnostics += compiler.diagnostics
    // Macro bodies are compiled once per use: report each problem once, sorted by place.
    var seen = Set<String>()
    diagnostics = diagnostics.filter { seen.insert($0.rendered).inserted }
    diagnostics.sort { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    if diagnostics.contains(where: \.isError) { return (nil, diagnostics) }
    let set = RuleSet(
      rules: compiled, gazetteers: gazetteers, keys: compiler.keys, usesFold: compiler.usesFold,
      fingerprint: fingerprint, files: sources.map(\.relativePath))
    // A rule the index cannot place is tried at every token: say so, it is the usual reason a
    // rule pack gets slow.
    for r in set.always {
      let rule = compiled[Int(r)]
      diagnostics.append(
        Diagnostic(
          .triedEverywhere,
          "rule '\(rule.id)' can start at any token, so it is tried at every token; start it with a literal, a class or a gazetteer",
          at: rule.syntax.pattern.location(ofOffset: 0), severity: .warning))
    }
    return (set, diagnostics)
  }
}
