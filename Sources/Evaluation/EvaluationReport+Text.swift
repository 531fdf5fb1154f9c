import Foundation

extension EvaluationReport {
  /// The report as plain text for people: a table per type, per metric, agreement on matched
  /// pairs, then each document's misses, false alarms and disagreements.
  public func renderText() -> String {
    var lines: [String] = []
    let withRecord = documents.filter { $0.recordID != nil }.count
    var header = "\(documents.count) gold documents, \(withRecord) with a record"
    if documents.count > withRecord { header += ", \(documents.count - withRecord) without" }
    if !unscored.isEmpty { header += "; \(unscored.count) unscored record(s)" }
    if !unreadableLines.isEmpty { header += "; \(unreadableLines.count) unreadable line(s)" }
    lines.append(header)
    lines.append("")
    lines.append(Self.row("type", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"))
    for entry in types {
      lines.append(Self.scoreRow(entry.type.rawValue, entry.score))
    }
    lines.append(Self.scoreRow("micro", micro))
    lines.append(Self.row("macro F1", "", "", "", "", "", "", "", Self.fixed(macroF1)))
    for type in MentionType.allCases where type.hasMetric {
      let rows = metrics.filter { $0.type == type }
      guard !rows.isEmpty else { continue }
      lines.append("")
      lines.append(Self.row("\(type.rawValue) metric", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1"))
      for entry in rows { lines.append(Self.scoreRow("  " + entry.metric, entry.score)) }
    }
    lines.append("")
    for (label, list) in [("metric", metricAccuracy), ("qualifier", qualifierAccuracy)] {
      let parts = list.map {
        "\($0.type.rawValue) \($0.agreement.correct)/\($0.agreement.total) (\(Self.fixed($0.agreement.accuracy)))"
      }
      lines.append("\(label) accuracy on matched pairs: " + parts.joined(separator: ", "))
    }
    if !ignoredMentions.isEmpty {
      let parts = ignoredMentions.keys.sorted().map { "\($0) \(ignoredMentions[$0]!)" }
      lines.append("not scored (no gold for these types): " + parts.joined(separator: ", "))
    }
    lines.append("")
    lines.append("documents")
    for document in documents {
      let s = document.score
      var head = "\(document.doc)  TP \(s.tp)  FP \(s.fp)  FN \(s.fn)"
      if document.recordID == nil { head += "  (no record: every gold mention is a miss)" }
      if let error = document.error { head += "  (error record: \(error))" }
      lines.append(head)
      for miss in document.misses { lines.append("  miss   " + Self.describe(miss)) }
      for (index, alarm) in document.falseAlarms.enumerated() {
        let note = document.bylineFalseAlarms.contains(index) ? "  (a byline, not a person)" : ""
        lines.append("  false  " + Self.describe(alarm) + note)
      }
      for item in document.disagreements {
        lines.append(
          "  \(item.property == "metric" ? "metric" : "qual. ")  " + Self.describe(item.gold)
            + "  predicted \(item.predicted ?? "(none)")")
      }
    }
    if !unscored.isEmpty {
      lines.append("")
      lines.append("unscored records (no gold): " + unscored.joined(separator: ", "))
    }
    if !unreadableLines.isEmpty {
      lines.append("unreadable record lines: " + unreadableLines.map(String.init).joined(separator: ", "))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func describe(_ item: ScoredMention) -> String {
    var out = item.type.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
    out += "\"\(item.text)\"  \(item.value)"
    if let metric = item.metric { out += "  \(metric)" }
    if let qualifier = item.qualifier, qualifier != "exact" { out += "  \(qualifier)" }
    return out
  }

  static func scoreRow(_ label: String, _ score: Score) -> String {
    if score.isEmpty { return row(label, "0", "0", "0", "0", "0", "-", "-", "-") }
    return row(
      label, String(score.gold), String(score.predicted), String(score.tp), String(score.fp),
      String(score.fn), fixed(score.precision), fixed(score.recall), fixed(score.f1))
  }

  static func row(_ cells: String...) -> String {
    let widths = [38, 6, 6, 6, 6, 6, 7, 7, 7]
    var out = ""
    for (index, cell) in cells.enumerated() {
      if index == 0 {
        out += cell.padding(toLength: max(widths[0], cell.count + 1), withPad: " ", startingAt: 0)
      } else {
        out += String(repeating: " ", count: max(1, widths[index] - cell.count)) + cell
      }
    }
    return out
  }

  static func fixed(_ value: Double) -> String {
    String(format: "%.3f", value)
  }
}
