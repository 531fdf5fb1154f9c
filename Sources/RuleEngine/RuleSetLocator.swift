import Foundation

/// Finds the project's `rules/` folder when no `--rules` flag is given.
public enum RuleSetLocator {
  /// The first of: a `rules` folder next to a `Package.swift` in the current directory or
  /// one of its parents; the same, upward from the executable (`.build/release/vnx` →
  /// `../../rules`); an installed copy (`<exe>/../share/vnx/rules`, `<exe>/rules`).
  public static func defaultDirectory() -> String? {
    let fm = FileManager.default
    func isDirectory(_ p: String) -> Bool {
      var d: ObjCBool = false
      return fm.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }
    func upward(from start: String) -> String? {
      var dir = URL(fileURLWithPath: start).standardizedFileURL
      for _ in 0..<12 {
        let rules = dir.appendingPathComponent("rules").path
        if isDirectory(rules) && fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
          return rules
        }
        let parent = dir.deletingLastPathComponent()
        if parent.path == dir.path { break }
        dir = parent
      }
      return nil
    }
    if let r = upward(from: fm.currentDirectoryPath) { return r }
    if let exe = executablePath() {
      let exeDir = URL(fileURLWithPath: exe).deletingLastPathComponent()
      if let r = upward(from: exeDir.path) { return r }
      for rel in ["../share/vnx/rules", "rules", "../rules", "../../rules", "../../../rules"] {
        let p = exeDir.appendingPathComponent(rel).standardizedFileURL.path
        if isDirectory(p) { return p }
      }
    }
    return nil
  }

  private static func executablePath() -> String? {
    if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
    guard let first = CommandLine.arguments.first else { return nil }
    if first.contains("/") {
      return URL(fileURLWithPath: first).resolvingSymlinksInPath().path
    }
    return nil
  }
}
