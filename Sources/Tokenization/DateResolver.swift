/// Gives year-less dates (`Ngày 08/7`, `Sáng 14/7`) a year.
///
/// The year comes from, in order:
/// 1. the publication date (metadata or `Dateline`);
/// 2. the nearest date or period in the same document that has a year (preceding or
///    following; the preceding one wins a tie);
/// 3. the reference date (`--reference-date`).
/// News reports what has happened, so a day/month more than six months after the anchor's
/// month is put in the year before (an article of 5 January 2024 that says `ngày 28/12`
/// means 28/12/2023). A date that would not exist in the year found (`29/2` in 2023) keeps no
/// year.
public enum DateResolver {
  /// Fills in the year of every year-less date token, where one can be found.
  public static func resolveYears(in tokens: inout [Token], publication: SimpleDate?, reference: SimpleDate?) {
    // Only the kind is read per token (no copy of its value), and nothing is allocated for
    // the many documents without a year-less date.
    let yearless: [Int] = tokens.withUnsafeBufferPointer { all in
      var found: [Int] = []
      for k in all.indices where all[k].kind == .date {
        if case .date(let d) = all[k].value, d.year == nil { found.append(k) }
      }
      return found
    }
    guard !yearless.isEmpty else { return }
    for k in yearless {
      guard case .date(let d) = tokens[k].value else { continue }
      var anchor: SimpleDate? = nil
      if let p = publication, p.year != nil {
        anchor = p
      } else if let near = nearestYear(tokens, around: k) {
        anchor = near
      } else if let r = reference, r.year != nil {
        anchor = r
      }
      guard let anchor, let y = anchor.year else { continue }
      var year = y
      if anchor.month > 0, d.month - anchor.month > 6 { year -= 1 }
      guard SimpleDate.isValid(year: year, month: d.month, day: d.day) else { continue }
      tokens[k].value = .date(SimpleDate(year: year, month: d.month, day: d.day))
    }
  }

  /// The nearest token with a year (a full date, or a period's start), as an anchor date.
  /// A period's anchor month is 0, so it never moves the year back.
  static func nearestYear(_ tokens: [Token], around k: Int) -> SimpleDate? {
    var distance = 1
    while k - distance >= 0 || k + distance < tokens.count {
      for j in [k - distance, k + distance] where j >= 0 && j < tokens.count {
        switch tokens[j].value {
        case .date(let d) where d.year != nil: return d
        case .period(let a, _) where a.year != nil: return SimpleDate(year: a.year, month: 0, day: 1)
        default: continue
        }
      }
      distance += 1
    }
    return nil
  }
}
