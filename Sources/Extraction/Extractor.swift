import RuleEngine
import Tokenization
import VNText

/// What the rules said about one document: a metric for a typed token, or a new entity.
///
/// This is the rule engine's `Annotation` itself, not a copy: converting every annotation
/// retained its strings and fields, and both arrays then had to be freed.
public typealias RuleHit = Annotation

extension Annotation {
  /// A hit for `Extractor(annotate:)`; the priority is the engine's business and unused here.
  public init(rule: String, type: String, start: Int, end: Int, fields: AnnotationFields) {
    self.init(rule: rule, type: type, start: start, end: end, fields: fields, priority: 0)
  }
}

/// Options of an extraction run that change records.
public struct ExtractionOptions: Sendable {
  public var normalization = Normalizer.Options()
  /// Resolves dates without a year when the document gives none (`--reference-date`).
  public var referenceDate: SimpleDate?
  /// JSON Lines field names.
  public var textField = "text"
  public var idField = "id"

  public init() {}
}

/// Seconds spent in each stage (filled in only when asked, for `vnx bench`).
///
/// The stages follow each other without gaps, so their sum is the whole of `Extractor.process`.
public struct StageTimes: Sendable {
  /// JSON Lines parsing, UTF-8 decoding and normalization.
  public var normalize = 0.0
  /// Tokenizing, the publication date, resolving years.
  public var tokenize = 0.0
  public var rules = 0.0
  /// Mentions and the record: MentionBuilder, warnings, freeing the document's text and tokens.
  public var mentions = 0.0
  /// The JSON line, and freeing the record.
  public var encode = 0.0
  /// All stages together.
  public var total: Double { normalize + tokenize + rules + mentions + encode }
  /// When the rules stage of the current document ended (0: not yet); mentions run from there.
  var rulesEnded = 0.0

  public init() {}

  public static func += (a: inout StageTimes, b: StageTimes) {
    a.normalize += b.normalize
    a.tokenize += b.tokenize
    a.rules += b.rules
    a.mentions += b.mentions
    a.encode += b.encode
  }
}

/// The whole pipeline for one document: decode → normalize → tokenize → rules → record.
///
/// An `Extractor` is immutable and thread-safe: one is built per run (rules loaded once) and
/// shared by every worker thread.
public final class Extractor: Sendable {
  public static let version = "0.1.0"

  public let options: ExtractionOptions
  /// `sha256:…` of the rule set, written into every record.
  public let rulesFingerprint: String
  private let normalizer: Normalizer
  private let tokenizer = Tokenizer()
  private let annotate: @Sendable (NormalizedText, [Token]) -> [RuleHit]
  /// The top-level JSON Lines fields kept (in `JSONField` order); all others are skipped.
  private let jsonFields: JSONLineParser.FieldNames

  /// An extractor that applies `annotate` (the rule engine) to every document.
  public init(
    options: ExtractionOptions = ExtractionOptions(), rulesFingerprint: String,
    annotate: @escaping @Sendable (NormalizedText, [Token]) -> [RuleHit]
  ) {
    self.options = options
    self.rulesFingerprint = rulesFingerprint
    self.normalizer = Normalizer(options: options.normalization)
    self.annotate = annotate
    self.jsonFields = JSONLineParser.FieldNames(
      [options.idField, "url", options.textField, "published"], utf8Field: JSONField.text)
  }

  /// The record for one input item, as a JSON line (no newline), and whether it is an error.
  public func process(_ item: InputItem, times: UnsafeMutablePointer<StageTimes>? = nil) -> (line: [UInt8], isError: Bool) {
    var w = JSONWriter()
    let isError = process(item, into: &w, times: times)
    return (w.withBytes { Array($0.dropLast()) }, isError)
  }

  /// Appends the record for one input item to `out` as a JSON line, newline included, and
  /// returns whether it is an error record.
  ///
  /// `BatchRunner` writes a whole batch (per worker) into one writer this way: no buffer and
  /// no copy per record.
  public func process(
    _ item: InputItem, into out: inout JSONWriter, times: UnsafeMutablePointer<StageTimes>? = nil
  ) -> Bool {
    let outcome = self.outcome(for: item, times: times)
    let t0 = times == nil ? 0 : monotonicSeconds()
    if let times, times.pointee.rulesEnded > 0 {
      times.pointee.mentions += t0 - times.pointee.rulesEnded
      times.pointee.rulesEnded = 0
    }
    let isError: Bool
    switch outcome {
    case .failed(let record):
      record.write(to: &out, pipelineVersion: Self.version, rulesFingerprint: rulesFingerprint)
      isError = true
    case .extracted(let document):
      // Straight from the tokens and hits: no `Record` value in between.
      document.write(to: &out, pipelineVersion: Self.version, rulesFingerprint: rulesFingerprint)
      isError = false
    }
    out.newline()
    _ = consume outcome  // freed inside the encoding stage, not after every timer
    if let times { times.pointee.encode += monotonicSeconds() - t0 }
    return isError
  }

  /// The record for a text, exactly as `vnx extract` would write it for a document with this id.
  public func record(text: String, id: String, published: String? = nil) -> Record {
    let n = normalizer.normalize(text)
    return extract(normalized: n, id: id, source: Source(path: nil), publishedMetadata: published, times: nil).record
  }

  /// The record for one input item.
  public func record(for item: InputItem, times: UnsafeMutablePointer<StageTimes>? = nil) -> Record {
    switch outcome(for: item, times: times) {
    case .failed(let record): return record
    case .extracted(let document): return document.record
    }
  }

  /// What became of an input item: an error record, or a document through the rules.
  enum Outcome {
    case failed(Record)
    case extracted(ExtractedDocument)
  }

  func outcome(for item: InputItem, times: UnsafeMutablePointer<StageTimes>?) -> Outcome {
    switch item.payload {
    case .failure(let code, let message):
      return .failed(Record(id: item.fallbackID, source: item.source, error: Warning(code: code, message: message)))
    case .text(let bytes):
      let t0 = times == nil ? 0 : monotonicSeconds()
      if let problem = Self.binaryProblem(bytes) {
        return .failed(Record(id: item.fallbackID, source: item.source, error: problem))
      }
      let decoded = UTF8Decoder.decode(bytes)
      let raw = decoded.scalars
      if raw.count > 64, decoded.replacements * 10 > raw.count {
        return .failed(
          Record(
            id: item.fallbackID, source: item.source,
            error: Warning(code: "binary_file", message: "more than 10% of the bytes are not UTF-8 text")))
      }
      let n = normalizer.normalize(scalars: raw, warnings: TextWarning.invalidUTF8(count: decoded.replacements))
      if let times { times.pointee.normalize += monotonicSeconds() - t0 }
      return .extracted(
        extract(normalized: n, id: item.fallbackID, source: item.source, publishedMetadata: nil, times: times))
    case .jsonLine(let bytes):
      return jsonLineOutcome(bytes, item: item, times: times)
    }
  }

  private func jsonLineOutcome(_ bytes: [UInt8], item: InputItem, times: UnsafeMutablePointer<StageTimes>?) -> Outcome {
    let t0 = times == nil ? 0 : monotonicSeconds()
    let parsed = bytes.withUnsafeBufferPointer { JSONLineParser.parse($0, fields: jsonFields) }
    let fields: JSONLineParser.Fields
    switch parsed {
    case .failure(let f):
      return .failed(
        Record(
          id: item.fallbackID, source: item.source,
          error: Warning(code: "invalid_json", message: "not a JSON object: \(f.message) at byte \(f.offset + 1)")))
    case .success(let f):
      fields = f
    }
    var id = item.fallbackID
    switch fields.values[JSONField.id] {
    case .string(let s)?: id = String(scalarValues: s)
    case .number(let s)?: id = s
    default: break
    }
    var source = item.source
    if case .string(let url)? = fields.values[JSONField.url] { source.url = String(scalarValues: url) }
    guard let textValue = fields.values[JSONField.text] else {
      return .failed(
        Record(
          id: id, source: source,
          error: Warning(code: "missing_text", message: "the object has no \"\(options.textField)\" field")))
    }
    guard case .utf8(let text) = textValue else {
      return .failed(
        Record(
          id: id, source: source,
          error: Warning(code: "text_not_string", message: "the \"\(options.textField)\" field is not a string")))
    }
    let n = text.withUnsafeBufferPointer { normalizer.normalize(utf8: $0, replacedBefore: fields.replacements) }
    if let times { times.pointee.normalize += monotonicSeconds() - t0 }
    var published: String?
    if case .string(let p)? = fields.values[JSONField.published] { published = String(scalarValues: p) }
    return .extracted(extract(normalized: n, id: id, source: source, publishedMetadata: published, times: times))
  }

  /// The JSON Lines fields a record reads, as indices into `jsonFields`.
  private enum JSONField {
    static let id = 0, url = 1, text = 2, published = 3
  }

  /// A NUL byte means this is not a text file.
  static func binaryProblem(_ bytes: [UInt8]) -> Warning? {
    guard bytes.prefix(1 << 16).contains(0) else { return nil }
    return Warning(code: "binary_file", message: "the file contains NUL bytes: not a text document")
  }

  private func extract(
    normalized n: NormalizedText, id: String, source: Source, publishedMetadata: String?,
    times: UnsafeMutablePointer<StageTimes>?
  ) -> ExtractedDocument {
    var t = times == nil ? 0 : monotonicSeconds()
    var tokens = tokenizer.tokenize(n)
    var published = publishedMetadata.flatMap(PublishedDate.parse)
    if published == nil { published = Dateline.publicationDate(tokens: tokens, text: n) }
    DateResolver.resolveYears(in: &tokens, publication: published, reference: options.referenceDate)
    if let times {
      let now = monotonicSeconds()
      times.pointee.tokenize += now - t
      t = now
    }
    let hits = annotate(n, tokens)
    if let times {
      let now = monotonicSeconds()
      times.pointee.rules += now - t
      times.pointee.rulesEnded = now
    }
    var warnings = n.warnings.map { Warning(code: $0.code, message: $0.message) }
    if n.scalars.isEmpty {
      warnings.append(Warning(code: "empty_document", message: "the document has no text"))
    }
    let plan = MentionBuilder.plan(text: n, tokens: tokens, hits: hits, tokenizer: tokenizer)
    if plan.unresolvedDates > 0 {
      warnings.append(
        Warning(
          code: "date_without_year",
          message: "\(plan.unresolvedDates) date(s) without a year could not be resolved (give --reference-date)"))
    }
    return ExtractedDocument(
      id: id, source: source, published: published?.iso, text: n, tokens: tokens, hits: hits, plan: plan,
      warnings: warnings)
  }
}

/// A document through the rules: everything its record is made of, before it is a `Record`.
struct ExtractedDocument {
  var id: String
  var source: Source
  var published: String?
  var text: NormalizedText
  var tokens: [Token]
  var hits: [RuleHit]
  var plan: MentionPlan
  var warnings: [Warning]

  /// The record as a value.
  var record: Record {
    Record(
      id: id, source: source, published: published,
      mentions: MentionBuilder.mentions(plan, text: text, tokens: tokens, hits: hits), warnings: warnings)
  }

  /// Writes the record as `record.write` does, without building it.
  func write(to w: inout JSONWriter, pipelineVersion: String, rulesFingerprint: String) {
    Record.writeOpening(id: id, source: source, to: &w)
    w.string("published", published)
    w.beginArray("mentions")
    MentionBuilder.write(plan, text: text, tokens: tokens, hits: hits, to: &w)
    w.endArray()
    Record.writeClosing(
      warnings: warnings, pipelineVersion: pipelineVersion, rulesFingerprint: rulesFingerprint, to: &w)
  }
}

/// Reads the `published` metadata field: ISO dates and timestamps, or `DD/MM/YYYY`.
enum PublishedDate {
  static func parse(_ s: String) -> SimpleDate? {
    let digits = s.unicodeScalars.map(\.value)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= digits.count else { return nil }
      var v = 0
      for k in from..<(from + count) {
        let c = digits[k]
        guard c >= 0x30 && c <= 0x39 else { return nil }
        v = v * 10 + Int(c - 0x30)
      }
      return v
    }
    if let y = number(0, 4), digits.count >= 10, digits[4] == 0x2D, let m = number(5, 2), digits[7] == 0x2D,
      let d = number(8, 2), SimpleDate.isValid(year: y, month: m, day: d)
    {
      return SimpleDate(year: y, month: m, day: d)
    }
    if let d = number(0, 2), digits.count >= 10, digits[2] == 0x2F, let m = number(3, 2), digits[5] == 0x2F,
      let y = number(6, 4), SimpleDate.isValid(year: y, month: m, day: d)
    {
      return SimpleDate(year: y, month: m, day: d)
    }
    return nil
  }
}
