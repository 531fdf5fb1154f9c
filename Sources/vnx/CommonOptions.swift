import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif
import Extraction
import RuleEngine
import Tokenization
import VNText

/// `--rules DIR`, shared by every command that applies rules.
struct RulesOption: ParsableArguments {
  @Option(name: .long, help: "The rules folder (default: the project's rules/, found from here or from the executable).")
  var rules: String?

  /// Loads and compiles the rules; prints every diagnostic and exits 2 on any error.
  func load() throws -> RuleSet {
    guard let directory = rules ?? defaultRulesDirectory() else {
      printError("error: no rules folder found; give one with --rules DIR")
      throw ExitCode(2)
    }
    let (set, diagnostics) = RuleSet.load(directory: directory)
    for d in diagnostics { printError(d.rendered) }
    guard let set else {
      printError("error: the rules in \(directory) have errors; nothing was processed")
      throw ExitCode(2)
    }
    return set
  }
}

/// `--tone-marks classic|reformed`.
extension ToneMarkPlacement: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}

struct NormalizationOptions: ParsableArguments {
  @Option(help: "Tone-mark placement in oa/oe/uy: classic (hòa, default) or reformed (hoà).")
  var toneMarks: ToneMarkPlacement = .classic

  var options: Normalizer.Options { Normalizer.Options(toneMarks: toneMarks) }
}

/// Reads a whole file, or standard input for `-`/nil; exits 2 when it cannot.
func readInput(_ path: String?) throws -> [UInt8] {
  let fd: Int32 = (path == nil || path == "-") ? 0 : open(path!, O_RDONLY)
  guard fd >= 0 else {
    printError("error: cannot read \(path!): \(String(cString: strerror(errno)))")
    throw ExitCode(2)
  }
  defer { if fd != 0 { close(fd) } }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
    if n < 0 {
      printError("error: cannot read \(path ?? "standard input"): \(String(cString: strerror(errno)))")
      throw ExitCode(2)
    }
    if n == 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return bytes
}

/// Writes bytes to standard output; a closed pipe ends the program quietly.
func writeOut(_ bytes: [UInt8]) {
  var offset = 0
  while offset < bytes.count {
    let n = bytes.withUnsafeBytes { write(1, $0.baseAddress! + offset, bytes.count - offset) }
    if n < 0 {
      if errno == EINTR { continue }
      exit(0)  // EPIPE (SIGPIPE is ignored): the reader went away
    }
    offset += n
  }
}

/// The project's `rules/` folder: from the current directory upwards (a `rules` folder next to
/// a `Package.swift`), else from the executable's folder upwards (a checkout's
/// `.build/release/vnx`), else `share/vnx/rules` beside an installed `bin/vnx`.
func defaultRulesDirectory() -> String? {
  func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }
  func search(from start: String) -> String? {
    var dir = start
    while true {
      if isDirectory(dir + "/rules") && access(dir + "/Package.swift", F_OK) == 0 { return dir + "/rules" }
      guard let slash = dir.lastIndex(of: "/"), dir != "/" else { return nil }
      dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
    }
  }
  var buffer = [CChar](repeating: 0, count: 4096)
  if getcwd(&buffer, buffer.count) != nil, let found = search(from: String(cString: buffer)) { return found }
  let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  if n > 0 {
    buffer[n] = 0
    let exe = String(cString: buffer)
    let binDir = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)])
    if let found = search(from: binDir) { return found }
    let share = binDir + "/../share/vnx/rules"
    if isDirectory(share) { return share }
  }
  return nil
}
