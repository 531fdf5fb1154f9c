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
    guard let directory = rules ?? RuleSetLocator.defaultDirectory() else {
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

