import Testing

@testable import Extraction

@Suite struct ProgressLineTests {
  @Test func showsRatesErrorsAndETAWhenTheTotalIsKnown() {
    var s = BatchRunner.Summary()
    s.documents = 1200
    s.errors = 3
    s.bytes = 40_000_000
    s.seconds = 4
    let line = ProgressLine.render(s, totalBytes: 100_000_000)
    #expect(line == "1200 docs · 40.0 MB · 10.0 MB/s · 300 docs/s · 3 errors · ETA 0:06")
    #expect(!ProgressLine.render(s, totalBytes: nil).contains("ETA"))
  }
}
