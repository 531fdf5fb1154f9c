#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How input files are read.
public enum InputFormat: String, Sendable, CaseIterable {
  /// By file extension (`.jsonl`, `.ndjson` → JSON Lines, anything else → text); standard
  /// input is JSON Lines when its first non-space byte is `{`.
  case auto
  /// One document per file.
  case text
  /// One document per line.
  case jsonl
}

/// Walks the paths given on the command line and yields input items one at a time, in a
/// deterministic order (paths in the order given; folders recursively, entries sorted by name).
///
/// Large JSON Lines files are read in blocks and split at line ends, so memory does not grow
/// with the file; a text file is one document and is read whole.
public final class InputSource {
  /// The sum of the sizes of the files found (for the progress ETA); nil with standard input.
  public private(set) var totalBytes: Int?

  private var queue: [Entry] = []
  private var queueIndex = 0
  private var reader: LineReader?
  private let format: InputFormat

  private enum Entry {
    case file(path: String, id: String, format: InputFormat)
    case stdin
    case failure(path: String, code: String, message: String)
  }

  /// Lists the inputs under `paths` (none or `-` means standard input).
  public init(paths: [String], format: InputFormat = .auto) {
    self.format = format
    var total = 0
    var knowsTotal = true
    let list = paths.isEmpty ? ["-"] : paths
    for path in list {
      if path == "-" {
        queue.append(.stdin)
        knowsTotal = false
        continue
      }
      var st = stat()
      guard stat(path, &st) == 0 else {
        queue.append(.failure(path: path, code: "unreadable_path", message: "\(path): \(errnoText())"))
        continue
      }
      if (st.st_mode & S_IFMT) == S_IFDIR {
        walk(directory: path, root: path, into: &queue, total: &total)
      } else {
        queue.append(.file(path: path, id: path, format: Self.format(for: path, given: format)))
        total += Int(st.st_size)
      }
    }
    totalBytes = knowsTotal ? total : nil
  }

  static func format(for path: String, given: InputFormat) -> InputFormat {
    guard given == .auto else { return given }
    return path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") ? .jsonl : .text
  }

  private func walk(directory: String, root: String, into out: inout [Entry], total: inout Int) {
    guard let dir = opendir(directory) else {
      out.append(.failure(path: directory, code: "unreadable_directory", message: "\(directory): \(errnoText())"))
      return
    }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name == "." || name == ".." || name.hasPrefix(".") { continue }
      names.append(name)
    }
    closedir(dir)
    // Byte order of UTF-8 names: the same on every machine and locale.
    names.sort { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    for name in names {
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      var st = stat()
      guard stat(path, &st) == 0 else { continue }  // a dangling link
      if (st.st_mode & S_IFMT) == S_IFDIR {
        walk(directory: path, root: root, into: &out, total: &total)
      } else if name.hasSuffix(".txt") || (name.hasSuffix(".jsonl") && !Self.isAnnotationFile(name)) {
        let rootPrefix = root.hasSuffix("/") ? root : root + "/"
        let id = path.hasPrefix(rootPrefix) ? String(path.dropFirst(rootPrefix.count)) : path
        out.append(.file(path: path, id: id, format: Self.format(for: name, given: format)))
        total += Int(st.st_size)
      }
    }
  }

  /// Gold annotation files live beside the articles they annotate (`corpus/gold.jsonl`); a
  /// folder walk passes over them by name. Given by path, such a file is read like any other.
  static func isAnnotationFile(_ name: String) -> Bool {
    name == "gold.jsonl" || name.hasSuffix(".gold.jsonl")
  }

  /// The next input item, or nil at the end of all inputs.
  public func next() -> InputItem? {
    while true {
      if let r = reader {
        if let item = r.nextItem() { return item }
        reader = nil
      }
      guard queueIndex < queue.count else { return nil }
      let entry = queue[queueIndex]
      queueIndex += 1
      switch entry {
      case .failure(let path, let code, let message):
        return InputItem(source: Source(path: path), fallbackID: path, payload: .failure(code: code, message: message))
      case .stdin:
        let r = LineReader(fd: 0, path: "-", id: "stdin", format: format == .auto ? nil : format)
        reader = r
      case .file(let path, let id, let fileFormat):
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
          return InputItem(
            source: Source(path: path), fallbackID: id,
            payload: .failure(code: "unreadable_file", message: "\(path): \(errnoText())"))
        }
        reader = LineReader(fd: fd, path: path, id: id, format: fileFormat)
      }
    }
  }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// Reads one file descriptor: whole (a text document) or line by line (JSON Lines).
final class LineReader {
  private let fd: Int32
  private let path: String
  private let id: String
  private var format: InputFormat?
  private var buffer: [UInt8] = []
  private var start = 0
  private var eof = false
  private var lineNumber = 0
  private var done = false

  init(fd: Int32, path: String, id: String, format: InputFormat?) {
    self.fd = fd
    self.path = path
    self.id = id
    self.format = format
  }

  deinit { if fd > 0 { close(fd) } }

  /// Reads more bytes; false at end of file or on a read error (then `readError` is set).
  private var readError: String?
  private func fill() -> Bool {
    if start > 0 && start >= buffer.count / 2 {
      buffer.removeFirst(start)
      start = 0
    }
    let chunk = 1 << 20
    let old = buffer.count
    buffer.append(contentsOf: repeatElement(0, count: chunk))
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, chunk) }
    if n <= 0 {
      buffer.removeLast(chunk)
      if n < 0 { readError = errnoText() }
      eof = true
      return false
    }
    buffer.removeLast(chunk - n)
    return true
  }

  private func sniffFormat() -> InputFormat {
    while !eof && buffer.count - start < 64 { _ = fill() }
    for b in buffer[start...] {
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { continue }
      if b == 0xEF { continue }  // a BOM
      return b == 0x7B ? .jsonl : .text
    }
    return .text
  }

  func nextItem() -> InputItem? {
    if done { return nil }
    if format == nil { format = sniffFormat() }
    if format == .text {
      while !eof { _ = fill() }
      done = true
      if let readError {
        return InputItem(source: Source(path: path), fallbackID: id, payload: .failure(code: "unreadable_file", message: "\(path): \(readError)"))
      }
      return InputItem(source: Source(path: path), fallbackID: id, payload: .text(Array(buffer[start...])))
    }
    // JSON Lines: the next non-blank line. `scanFrom` avoids rescanning a long partial line.
    while true {
      var scanFrom = start
      while true {
        if let nl = newline(from: scanFrom) {
          let line = buffer[start..<nl]
          start = nl + 1
          scanFrom = start
          lineNumber += 1
          if let item = lineItem(line) { return item }
          continue
        }
        let scanned = buffer.count - start
        if !fill() { break }
        scanFrom = start + scanned
      }
      // The last line without a newline.
      done = true
      if let readError {
        return InputItem(source: Source(path: path, line: lineNumber + 1), fallbackID: "\(path)#L\(lineNumber + 1)", payload: .failure(code: "unreadable_file", message: "\(path): \(readError)"))
      }
      if start < buffer.count {
        let line = buffer[start...]
        start = buffer.count
        lineNumber += 1
        return lineItem(line)
      }
      return nil
    }
  }

  /// The index of the first line feed at or after `from` in `buffer` (memchr: the scan is
  /// over every input byte).
  private func newline(from: Int) -> Int? {
    buffer.withUnsafeBufferPointer { b in
      guard from < b.count, let p = memchr(b.baseAddress! + from, 0x0A, b.count - from) else { return nil }
      return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
  }

  private func lineItem(_ line: ArraySlice<UInt8>) -> InputItem? {
    var bytes = line
    if bytes.last == 0x0D { bytes = bytes.dropLast() }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }  // blank lines are not documents
    if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
    return InputItem(
      source: Source(path: path == "-" ? nil : path, line: lineNumber),
      fallbackID: "\(path == "-" ? "stdin" : path)#L\(lineNumber)", payload: .jsonLine(Array(bytes)))
  }
}
