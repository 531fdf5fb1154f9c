/// The progress line `vnx extract --progress` keeps rewriting on standard error.
public enum ProgressLine {
  /// `1 204 docs · 38.2 MB · 41.7 MB/s · 913 docs/s · ETA 0:42` (ETA when the total is known).
  public static func render(_ s: BatchRunner.Summary, totalBytes: Int?) -> String {
    let mb = Double(s.bytes) / 1_000_000
    let rate = s.seconds > 0 ? mb / s.seconds : 0
    let docsRate = s.seconds > 0 ? Double(s.documents) / s.seconds : 0
    var line = "\(s.documents) docs · \(format(mb)) MB · \(format(rate)) MB/s · \(Int(docsRate)) docs/s"
    if s.errors > 0 { line += " · \(s.errors) errors" }
    if let totalBytes, totalBytes > 0, rate > 0 {
      let remaining = max(0, Double(totalBytes - s.bytes) / 1_000_000 / rate)
      let secs = Int(remaining.rounded())
      line += " · ETA \(secs / 60):" + (secs % 60 < 10 ? "0" : "") + "\(secs % 60)"
    }
    return line
  }

  static func format(_ v: Double) -> String {
    let tenths = Int((v * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
  }
}
