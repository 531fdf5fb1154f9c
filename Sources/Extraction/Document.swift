/// One unit of input, as read from a file, a JSON Lines line or standard input.
///
/// Reading only splits the input; decoding and JSON parsing happen in `Extractor`, on the
/// worker threads, so that one core reading can feed all the others.
public struct InputItem: Sendable {
  /// Where the document came from.
  public var source: Source
  /// The id the record gets unless the document names its own (JSON Lines `id` field).
  public var fallbackID: String
  /// What was read.
  public var payload: Payload

  public enum Payload: Sendable {
    /// A whole plain-text document.
    case text([UInt8])
    /// One JSON Lines line, not parsed yet.
    case jsonLine([UInt8])
    /// Nothing could be read: the record will be an error record with this code and message.
    case failure(code: String, message: String)
  }

  public init(source: Source, fallbackID: String, payload: Payload) {
    self.source = source
    self.fallbackID = fallbackID
    self.payload = payload
  }

  /// The number of input bytes this item stands for (for progress and throughput).
  public var byteCount: Int {
    switch payload {
    case .text(let b), .jsonLine(let b): return b.count
    case .failure: return 0
    }
  }
}

/// Provenance of a record: the file, the line in a JSON Lines file, the article's URL.
public struct Source: Sendable, Equatable {
  public var path: String?
  public var line: Int?
  public var url: String?

  public init(path: String?, line: Int? = nil, url: String? = nil) {
    self.path = path
    self.line = line
    self.url = url
  }
}
