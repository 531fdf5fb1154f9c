import Foundation

/// The gold annotation of one document.
public struct GoldDocument: Sendable {
  /// The document's file name in the corpus (or its id); records are matched to it.
  public var doc: String
  /// Every annotated mention, by type in `MentionType` order, each list in document order.
  public var mentions: [ScoredMention]
  /// Reporter and photo-credit names: not persons.
  public var bylines: [String]
  /// The annotator's free-text notes.
  public var notes: String

  /// A gold document with every field given.
  public init(doc: String, mentions: [ScoredMention], bylines: [String] = [], notes: String = "") {
    self.doc = doc
    self.mentions = mentions
    self.bylines = bylines
    self.notes = notes
  }

  /// The mentions of one type.
  public func mentions(of type: MentionType) -> [ScoredMention] {
    mentions.filter { $0.type == type }
  }

  /// What is wrong with a gold line.
  struct Problem: Error {
    var message: String
  }

  /// Parses one line of a gold file.
  init(jsonLine line: String) throws {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(line.utf8))
    } catch {
      throw Problem(message: "not valid JSON")
    }
    guard let fields = object as? [String: Any] else {
      throw Problem(message: "a gold line must be a JSON object")
    }
    guard let doc = JSONValue.string(fields["doc"]), !doc.isEmpty else {
      throw Problem(message: "missing 'doc' (the document's file name)")
    }
    var mentions: [ScoredMention] = []
    for type in MentionType.allCases {
      guard let rawList = fields[type.goldField], !(rawList is NSNull) else { continue }
      guard let list = rawList as? [Any] else {
        throw Problem(message: "'\(type.goldField)' must be a list")
      }
      for (index, item) in list.enumerated() {
        do {
          mentions.append(try MentionReader.gold(type, item))
        } catch let problem as Problem {
          throw Problem(message: "\(type.goldField)[\(index)]: \(problem.message)")
        }
      }
    }
    let bylines = (fields["bylines"] as? [Any])?.compactMap { JSONValue.string($0) } ?? []
    self.init(
      doc: doc, mentions: mentions, bylines: bylines,
      notes: JSONValue.string(fields["notes"]) ?? "")
  }
}
