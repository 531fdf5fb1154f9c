import Foundation

/// Record lines read and assigned to gold documents.
struct RecordSet {
  /// One record reduced to what scoring needs.
  struct Record {
    var id: String
    var error: String?
    var mentions: [ScoredMention]
  }

  /// Records by the gold `doc` they were matched to (the first record wins).
  var byDoc: [String: Record] = [:]
  /// Ids of records with no gold document, or whose document was already taken.
  var unscored: [String] = []
  /// 1-based numbers of lines that are not JSON objects.
  var unreadableLines: [Int] = []
  /// Mentions of types the gold does not cover, by type name.
  var ignoredMentions: [String: Int] = [:]

  init(lines: [String], gold: GoldSet) {
    for (index, line) in lines.enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      guard let data = trimmed.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data),
        let fields = object as? [String: Any]
      else {
        unreadableLines.append(index + 1)
        continue
      }
      let id = JSONValue.string(fields["id"]) ?? "#L\(index + 1)"
      let sourcePath = JSONValue.string((fields["source"] as? [String: Any])?["path"])
      guard
        let document = gold.document(forRecordID: id)
          ?? sourcePath.flatMap({ gold.document(forRecordID: $0) }),
        byDoc[document.doc] == nil
      else {
        unscored.append(id)
        continue
      }
      var mentions: [ScoredMention] = []
      for case let mention as [String: Any] in (fields["mentions"] as? [Any]) ?? [] {
        if let scored = MentionReader.record(mention) {
          mentions.append(scored)
        } else {
          let type = JSONValue.string(mention["type"]) ?? "(no type)"
          ignoredMentions[type, default: 0] += 1
        }
      }
      byDoc[document.doc] = Record(id: id, error: RecordSet.errorMessage(fields["error"]), mentions: mentions)
    }
  }

  static func errorMessage(_ any: Any?) -> String? {
    guard let any, !(any is NSNull) else { return nil }
    if let fields = any as? [String: Any] {
      let code = JSONValue.string(fields["code"])
      let message = JSONValue.string(fields["message"]) ?? "error"
      return code.map { "[\($0)] \(message)" } ?? message
    }
    return JSONValue.string(any) ?? "error"
  }
}
