/// The mention types that gold annotations cover, in the order reports list them.
public enum MentionType: String, Sendable, CaseIterable, Codable, Comparable {
  case money
  case count
  case percent
  case area
  case date
  case period
  case person
  case province
  case legalRef = "legal_ref"

  /// The gold file's list field for this type (`counts`, `legal_refs`, …).
  public var goldField: String {
    switch self {
    case .money: "money"
    case .count: "counts"
    case .percent: "percents"
    case .area: "areas"
    case .date: "dates"
    case .period: "periods"
    case .person: "persons"
    case .province: "provinces"
    case .legalRef: "legal_refs"
    }
  }

  /// Whether mentions of this type carry a `metric` and a `qualifier` that are scored.
  public var hasMetric: Bool { self == .money || self == .count }

  /// Persons and provinces are scored as distinct values per document, not as occurrences.
  public var isDistinctValued: Bool { self == .person || self == .province }

  public static func < (lhs: MentionType, rhs: MentionType) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The metric and qualifier names of the record contract (CONTRACT.md §4).
public enum MetricNames {
  /// Roles a money mention can have.
  public static let money: [String] = [
    "violation_amount", "recovery_recommended", "recovered", "other_handling", "fine", "donation",
    "other",
  ]
  /// Roles a count mention can have.
  public static let count: [String] = [
    "inspections", "inspections_concluded", "citizen_receptions", "petitions_received",
    "complaints_resolved", "cases_transferred_to_investigation", "organizations_disciplined",
    "individuals_disciplined", "other",
  ]
  /// Qualifier values of money and count mentions.
  public static let qualifiers: [String] = ["exact", "more_than", "less_than", "about", "nearly"]

  /// The allowed metrics for a type, or an empty list when the type has none.
  public static func metrics(for type: MentionType) -> [String] {
    switch type {
    case .money: money
    case .count: count
    default: []
    }
  }
}
