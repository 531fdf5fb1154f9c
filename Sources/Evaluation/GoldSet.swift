import Foundation

/// Hand-written gold annotations: one `GoldDocument` per line of a JSON Lines file, in the
/// format of `annotation-guidelines.md`.
public struct GoldSet: Sendable {
  /// The documents in file order.
  public let documents: [GoldDocument]
  /// Index of each document by its `doc`, and by the file name of its `doc` (first wins).
  private let byDoc: [String: Int]
  private let byFileName: [String: Int]

  /// A gold set from documents already in memory.
  public init(documents: [GoldDocument]) {
    self.documents = documents
    var byDoc: [String: Int] = [:]
    var byFileName: [String: Int] = [:]
    for (index, document) in documents.enumerated() {
      if byDoc[document.doc] == nil { byDoc[document.doc] = index }
      let name = GoldSet.fileName(document.doc)
      if byFileName[name] == nil { byFileName[name] = index }
    }
    self.byDoc = byDoc
    self.byFileName = byFileName
  }

  /// Reads a gold JSON Lines file. Blank lines are skipped; any other line that is not a valid
  /// gold object stops the load with a `GoldError` naming the file and line.
  public static func load(path: String) throws -> GoldSet {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw GoldError.unreadable(path: path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw GoldError.unreadable(path: path, reason: "not valid UTF-8")
    }
    return try parse(text, source: path)
  }

  /// Parses gold JSON Lines text; `source` names it in errors.
  public static func parse(_ text: String, source: String = "<gold>") throws -> GoldSet {
    var documents: [GoldDocument] = []
    var seen: [String: Int] = [:]
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty { continue }
      let document: GoldDocument
      do {
        document = try GoldDocument(jsonLine: line)
      } catch let problem as GoldDocument.Problem {
        throw GoldError.badLine(path: source, line: lineNumber, reason: problem.message)
      }
      if let first = seen[document.doc] {
        throw GoldError.badLine(
          path: source, line: lineNumber,
          reason: "document '\(document.doc)' already annotated on line \(first)")
      }
      seen[document.doc] = lineNumber
      documents.append(document)
    }
    return GoldSet(documents: documents)
  }

  /// The document annotated for a record id: the exact `doc`, else the one whose file name
  /// (last path component) equals the id's file name.
  public func document(forRecordID id: String) -> GoldDocument? {
    if let exact = byDoc[id] { return documents[exact] }
    return byFileName[GoldSet.fileName(id)].map { documents[$0] }
  }

  static func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
  }
}

/// Why a gold file could not be loaded.
public enum GoldError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read or decoded.
  case unreadable(path: String, reason: String)
  /// One line is not a valid gold object.
  case badLine(path: String, line: Int, reason: String)

  public var description: String {
    switch self {
    case let .unreadable(path, reason): "\(path): error: cannot read gold file: \(reason)"
    case let .badLine(path, line, reason): "\(path):\(line): error: \(reason)"
    }
  }
}
