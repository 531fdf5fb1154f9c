import ArgumentParser
import VNText

#if canImport(Glibc)
  import Glibc
#endif

struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Print the normalized text (NFC, one tone-mark placement, plain spaces, entities decoded).",
    discussion: "Streams: the input is read and normalized a block of lines at a time.")

  @Argument(help: "A file, or '-'/nothing for standard input.")
  var file: String?

  @OptionGroup var normalization: NormalizationOptions

  func run() throws {
    signal(SIGPIPE, SIG_IGN)
    let fd: Int32 = (file == nil || file == "-") ? 0 : open(file!, O_RDONLY)
    guard fd >= 0 else {
      printError("error: cannot read \(file!): \(String(cString: strerror(errno)))")
      throw ExitCode(2)
    }
    defer { if fd != 0 { close(fd) } }
    let stream = NormalizingStream(normalizer: Normalizer(options: normalization.options))
    // Blocks of 128 KiB keep the working arrays in cache and out of mmap/munmap churn.
    var chunk = [UInt8](repeating: 0, count: 1 << 17)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        printError("error: read failed: \(String(cString: strerror(errno)))")
        throw ExitCode(2)
      }
      if n == 0 { break }
      writeOut(stream.feed(chunk[0..<n]))
    }
    writeOut(stream.finish())
  }
}
