import Foundation

/// A JSON Lines file of records written by `vnx extract`.
public enum RecordFile {
  /// The file's lines when its first non-blank line is a vnx record (`"schema": "vnx.record/1"`);
  /// nil when it is something else (articles as JSON Lines) or cannot be read.
  public static func recordLines(path: String) -> [String]? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }),
      let object = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any],
      object["schema"] as? String == "vnx.record/1"
    else { return nil }
    return lines
  }
}
