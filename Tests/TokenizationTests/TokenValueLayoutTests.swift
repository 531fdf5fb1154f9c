import Foundation
import Testing
import VNText
@testable import Tokenization

/// Tokens are plain data (`TokenValue`): no reference inside, so token arrays are copied and
/// freed without reference counting. The compact storage behind `Quantity`, `SimpleDate` and
/// `UnitName` must still read and write like the plain properties it stands for.
@Suite struct TokenValueLayoutTests {
  @Test func tokensAreTrivialAndSmall() {
    #expect(_isPOD(Token.self))
    #expect(_isPOD(TokenValue.self))
    #expect(_isPOD(Quantity.self))
    #expect(MemoryLayout<Token>.stride <= 72)
  }

  @Test func unitNamesAreInternedByString() {
    let constants: [UnitName] = [.vnd, .usd, .eur, .percent, .squareMetre, .squareKilometre, .hectare, .cubicMetre]
    #expect(constants.map(\.name) == ["VND", "USD", "EUR", "%", "m2", "km2", "ha", "m3"])
    #expect(constants == constants.map(\.name).map(UnitName.init))
    #expect(UnitName("VND") == .vnd)
    #expect(UnitName("%") == .percent)
    #expect(UnitName("m3") == .cubicMetre)
    #expect(UnitName("cá nhân").name == "cá nhân")
    // A name no table knows is added once and reads back.
    let fresh = "đơn vị đo \(UUID().uuidString)"
    let a = UnitName(fresh), b = UnitName(String(fresh.unicodeScalars.map(Character.init)))
    #expect(a == b)
    #expect(a.name == fresh)
    #expect(a != UnitName("kg"))
    // Canonically equivalent spellings are one name, as for `String ==`.
    #expect(UnitName("c\u{E1} nh\u{E2}n") == UnitName("ca\u{301} nha\u{302}n"))
  }

  @Test func unitNamesAreSharedAcrossThreads() async {
    // Fifty names, ten of them new to the process, registered from eight threads at once.
    let names = (0..<50).map { $0 % 5 == 0 ? "kg \($0) \(UUID().uuidString)" : "kg \($0)" }
    let seen = await withTaskGroup(of: [(String, UnitName)].self) { group in
      for _ in 0..<8 {
        group.addTask { names.shuffled().map { ($0, UnitName($0)) } }
      }
      var all: [(String, UnitName)] = []
      for await part in group { all += part }
      return all
    }
    var ids: [String: Set<UnitName>] = [:]
    for (name, unit) in seen {
      #expect(unit.name == name)
      ids[name, default: []].insert(unit)
    }
    #expect(ids.count == names.count)
    for (name, set) in ids { #expect(set.count == 1, "\(name) got \(set.count) ids") }
    #expect(Set(ids.values.compactMap(\.first)).count == names.count)
  }

  @Test func quantityPropertiesReadBackWhatWasWritten() {
    var q = Quantity(value: DecimalNumber(32), unit: "cuộc", qualifier: .moreThan, of: DecimalNumber(55))
    #expect(q.unit == "cuộc")
    #expect(q.per == nil)
    #expect(q.of == DecimalNumber(55))
    #expect(q.qualifierRange == nil)
    q.of = nil
    #expect(q.of == nil)
    #expect(q == Quantity(value: DecimalNumber(32), unit: "cuộc", qualifier: .moreThan))
    q.per = "m2"
    q.unit = "VND"
    q.qualifierRange = 3..<7
    #expect(q.per == "m2")
    #expect(q.perName == .squareMetre)
    #expect(q.unitName == .vnd)
    #expect(q.qualifierRange == 3..<7)
    q.qualifierRange = nil
    q.per = nil
    #expect(q == Quantity(value: DecimalNumber(32), unit: "VND", qualifier: .moreThan))
    #expect(q != Quantity(value: DecimalNumber(32), unit: "VND", qualifier: .moreThan, of: DecimalNumber(0)))
  }

  @Test func datesReadBackWhatWasWritten() {
    var d = SimpleDate(year: nil, month: 7, day: 8)
    #expect(d.year == nil)
    #expect(d.iso == "--07-08")
    d.year = 2023
    #expect(d == SimpleDate(year: 2023, month: 7, day: 8))
    #expect(d.iso == "2023-07-08")
    #expect(SimpleDate(year: 0, month: 1, day: 1).year == 0)
    // Out of range values are clamped, and a known year never reads as unknown.
    #expect(SimpleDate(year: Int.min, month: 1, day: 1).year == Int(Int32.min) + 1)
    #expect(SimpleDate(year: Int.max, month: Int.max, day: 1).month == Int(Int32.max))
    #expect(SimpleDate(year: 2023, month: 1, day: 31) < SimpleDate(year: 2023, month: 2, day: 1))
    #expect(SimpleDate(year: nil, month: 1, day: 1) != SimpleDate(year: 0, month: 1, day: 1))
  }

  /// `iso` writes the usual dates as bytes and the rest by interpolation: both spell
  /// `YYYY-MM-DD` (year padded to four digits) or `--MM-DD`, as the plain formula does.
  @Test func isoFormAsThePlainFormula() {
    func plain(_ d: SimpleDate) -> String {
      let m = d.month < 10 ? "0\(d.month)" : "\(d.month)"
      let day = d.day < 10 ? "0\(d.day)" : "\(d.day)"
      guard let year = d.year else { return "--\(m)-\(day)" }
      let y = String(year)
      return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-\(m)-\(day)"
    }
    let years: [Int?] = [nil, 0, 5, 99, 999, 2023, 9999, 10_000, -4, Int(Int32.max)]
    let parts = [-1, 0, 1, 9, 10, 12, 31, 99, 100, 1234]
    for y in years {
      for m in parts {
        for d in parts {
          let date = SimpleDate(year: y, month: m, day: d)
          #expect(date.iso == plain(date), "\(String(describing: y)) \(m) \(d)")
        }
      }
    }
    #expect(SimpleDate(year: 2023, month: 7, day: 8).iso == "2023-07-08")
    #expect(SimpleDate(year: nil, month: 12, day: 1).iso == "--12-01")
  }
}
