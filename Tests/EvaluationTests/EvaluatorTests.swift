import Foundation
import Testing

@testable import Evaluation

/// A small hand-written gold set: one document with a repeated amount, counts with metrics,
/// a period, a person with a byline, provinces and a legal reference.
let sampleGold = """
  {"doc": "000_a.txt", "money": [{"text": "46.237 triệu đồng", "vnd": 46237000000, "qualifier": "exact", "metric": "violation_amount"}, {"text": "2.369 triệu đồng", "vnd": 2369000000, "qualifier": "exact", "metric": "recovered"}, {"text": "2.369 triệu đồng", "vnd": 2369000000, "qualifier": "exact", "metric": "recovered"}, {"text": "46 triệu đồng", "vnd": 46000000, "qualifier": "more_than", "metric": "donation"}], "counts": [{"text": "32/55 cuộc", "value": 32, "of": 55, "noun": "cuộc", "qualifier": "exact", "metric": "inspections"}, {"text": "22 cuộc", "value": 22, "of": null, "noun": "cuộc", "qualifier": "exact", "metric": "inspections_concluded"}], "periods": [{"text": "6 tháng đầu năm 2023", "start": "2023-01-01", "end": "2023-06-30"}], "persons": [{"name": "Huỳnh Việt Ân", "title": "Phó Chánh Thanh tra tỉnh Cà Mau"}], "provinces": ["Cà Mau", "Hậu Giang"], "legal_refs": [{"text": "Chỉ thị số 20/CT-TTg", "kind": "Chỉ thị", "number": "20/CT-TTg", "date": null}], "bylines": ["Ngọc Xinh"]}
  {"doc": "001_b.txt", "dates": [{"text": "08/7", "iso": "2024-07-08"}], "money": [{"text": "5 tỷ đồng", "vnd": 5000000000, "qualifier": "exact", "metric": "fine"}]}
  {"doc": "002_c.txt", "percents": [{"text": "88,8%", "value": 88.8}]}
  """

/// One record line in the contract's shape.
func record(_ id: String, _ mentions: [[String: Any]], error: [String: Any]? = nil) -> String {
  var object: [String: Any] = ["schema": "vnx.record/1", "id": id]
  if let error {
    object["error"] = error
  } else {
    object["mentions"] = mentions
  }
  let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  return String(data: data, encoding: .utf8)!
}

func money(_ value: Double, _ metric: String, qualifier: String = "exact", unit: String = "VND")
  -> [String: Any]
{
  ["type": "money", "text": "\(value)", "start": 0, "end": 1, "value": value, "unit": unit,
   "qualifier": qualifier, "metric": metric, "rule": "t"]
}

func count(_ value: Int, _ noun: String, _ metric: String, of: Int? = nil) -> [String: Any] {
  ["type": "count", "text": "\(value) \(noun)", "start": 0, "end": 1, "value": value,
   "of": of as Any? ?? NSNull(), "noun": noun, "qualifier": "exact", "metric": metric]
}

@Suite struct EvaluatorTests {
  let gold = try! GoldSet.parse(sampleGold)

  func score(_ report: EvaluationReport, _ type: MentionType) -> Score {
    report.types.first { $0.type == type }!.score
  }

  @Test func repeatedAmountFoundOnce_isOneTPOneFN() {
    let lines = [
      record("000_a.txt", [money(46_237_000_000, "violation_amount"), money(2_369_000_000, "recovered"),
                           money(46_000_000, "donation", qualifier: "more_than")])
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    #expect(score(report, .money) == Score(tp: 3, fp: 0, fn: 1 + 1))  // 2.369 once + the 001 fine
    let doc = report.documents[0]
    #expect(doc.misses.map(\.text) == ["2.369 triệu đồng", "32/55 cuộc", "22 cuộc", "6 tháng đầu năm 2023", "Huỳnh Việt Ân", "Cà Mau", "Hậu Giang", "Chỉ thị số 20/CT-TTg"])
    let recovered = report.metrics.first { $0.type == .money && $0.metric == "recovered" }!.score
    #expect(recovered == Score(tp: 1, fp: 0, fn: 1))
  }

  @Test func extraPrediction_isFalseAlarm_andRepeatsMustBeFoundTwice() {
    let lines = [
      record("000_a.txt", [money(2_369_000_000, "recovered"), money(2_369_000_000, "recovered"),
                           money(2_369_000_000, "recovered")])
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    let doc = report.documents[0]
    #expect(doc.score.tp == 2)
    #expect(doc.falseAlarms.count == 1)
    #expect(doc.falseAlarms[0].value == "2369000000 VND")
  }

  @Test func metricAndQualifierAccuracy_onMatchedPairs() {
    let lines = [
      record("000_a.txt", [
        money(46_237_000_000, "recovery_recommended"),  // right value, wrong metric
        money(46_000_000, "donation", qualifier: "exact"),  // wrong qualifier
        count(32, "cuộc", "inspections", of: 55),
        count(22, "cuộc", "inspections"),  // wrong metric
      ])
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    #expect(score(report, .money).tp == 2)
    #expect(score(report, .count) == Score(tp: 2, fp: 0, fn: 0))
    let metric = Dictionary(uniqueKeysWithValues: report.metricAccuracy.map { ($0.type, $0.agreement) })
    #expect(metric[.money] == Agreement(correct: 1, total: 2))
    #expect(metric[.count] == Agreement(correct: 1, total: 2))
    let qualifier = Dictionary(uniqueKeysWithValues: report.qualifierAccuracy.map { ($0.type, $0.agreement) })
    #expect(qualifier[.money] == Agreement(correct: 1, total: 2))
    // Per metric: the count predicted as inspections for a gold inspections_concluded is a
    // false positive of one class and a miss of the other.
    let byMetric = Dictionary(uniqueKeysWithValues: report.metrics.filter { $0.type == .count }.map { ($0.metric, $0.score) })
    #expect(byMetric["inspections"] == Score(tp: 1, fp: 1, fn: 0))
    #expect(byMetric["inspections_concluded"] == Score(tp: 0, fp: 0, fn: 1))
    #expect(report.documents[0].disagreements.map(\.property) == ["metric", "qualifier", "metric"])
  }

  @Test func recordMatchedByFileName_andUnscoredAndMissing() {
    let lines = [
      record("corpus/sub/001_b.txt", [["type": "date", "iso": "2024-07-08", "text": "08/7"],
                                      money(5_000_000_000, "fine")]),
      record("999_unknown.txt", []),
      "",
      "not json",
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    let b = report.documents.first { $0.doc == "001_b.txt" }!
    #expect(b.recordID == "corpus/sub/001_b.txt")
    #expect(b.score == Score(tp: 2, fp: 0, fn: 0))
    #expect(report.unscored == ["999_unknown.txt"])
    #expect(report.unreadableLines == [4])
    // Documents without a record: every gold mention is a miss.
    let c = report.documents.first { $0.doc == "002_c.txt" }!
    #expect(c.recordID == nil)
    #expect(c.score == Score(tp: 0, fp: 0, fn: 1))
  }

  @Test func errorRecord_countsAllGoldAsMisses() {
    let lines = [record("001_b.txt", [], error: ["code": "bad_json", "message": "line is not JSON"])]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    let b = report.documents.first { $0.doc == "001_b.txt" }!
    #expect(b.error == "[bad_json] line is not JSON")
    #expect(b.score == Score(tp: 0, fp: 0, fn: 2))
    #expect(report.renderText().contains("error record: [bad_json] line is not JSON"))
  }

  @Test func periodsPersonsProvincesAndLegalRefs() {
    let lines = [
      record("000_a.txt", [
        ["type": "period", "text": "6 tháng đầu năm 2023", "start": 10, "end": 30,
         "from": "2023-01-01", "to": "2023-06-30"],
        ["type": "person", "name": "Huỳnh Việt Ân", "title": "Phó Chánh Thanh tra"],
        ["type": "person", "name": "Huỳnh Việt Ân", "title": nil as String? as Any],
        ["type": "person", "name": "Ngọc Xinh", "title": NSNull()],
        ["type": "province", "name": "cà mau"],
        ["type": "province", "name": "Tỉnh Cà Mau"],
        ["type": "organization", "name": "Thanh tra Chính phủ"],
        ["type": "legal_ref", "kind": "Chỉ thị", "number": "20/ct-ttg", "date": NSNull(), "text": "Chỉ thị số 20/CT-TTg"],
      ])
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    #expect(score(report, .period) == Score(tp: 1, fp: 0, fn: 0))
    #expect(score(report, .person) == Score(tp: 1, fp: 1, fn: 0))  // a repeated name counts once
    #expect(score(report, .province) == Score(tp: 1, fp: 0, fn: 1))
    #expect(score(report, .legalRef) == Score(tp: 1, fp: 0, fn: 0))
    #expect(report.ignoredMentions == ["organization": 1])
    let doc = report.documents[0]
    #expect(doc.bylineFalseAlarms == [doc.falseAlarms.firstIndex { $0.text == "Ngọc Xinh" }!])
    #expect(report.renderText().contains("(a byline, not a person)"))
  }

  @Test func periodDates_fromPeriodStartEnd_orStringStartEnd() {
    let viaPeriodFields = MentionReader.record(
      ["type": "period", "start": 5, "end": 9, "period_start": "2024-01-01", "period_end": "2024-03-31"])
    #expect(viaPeriodFields?.key == "2024-01-01..2024-03-31")
    let viaStrings = MentionReader.record(["type": "period", "start": "2019-01-01", "end": "2019-12-31"])
    #expect(viaStrings?.key == "2019-01-01..2019-12-31")
    let offsetsOnly = MentionReader.record(["type": "period", "start": 5, "end": 9])
    #expect(offsetsOnly == nil)
  }

  @Test func nonVNDMoney_comparesValueAndUnit() throws {
    let gold = try GoldSet.parse(
      #"{"doc": "x.txt", "money": [{"text": "250.000 USD", "value": 250000, "unit": "USD", "qualifier": "exact", "metric": "other"}]}"#)
    let hit = Evaluator(gold: gold).evaluate(recordLines: [record("x.txt", [money(250_000, "other", unit: "USD")])])
    #expect(hit.micro == Score(tp: 1, fp: 0, fn: 0))
    let wrongUnit = Evaluator(gold: gold).evaluate(recordLines: [record("x.txt", [money(250_000, "other")])])
    #expect(wrongUnit.micro == Score(tp: 0, fp: 1, fn: 1))
  }

  @Test func microAndMacro() {
    let lines = [
      record("000_a.txt", [money(46_237_000_000, "violation_amount")]),
      record("002_c.txt", [["type": "percent", "value": 88.8, "text": "88,8%"]]),
    ]
    let report = Evaluator(gold: gold).evaluate(recordLines: lines)
    #expect(score(report, .percent).f1 == 1)
    let money = score(report, .money)
    #expect(money == Score(tp: 1, fp: 0, fn: 4))
    // Macro averages the types that have gold or predictions (here all but area).
    let scored = report.types.filter { !$0.score.isEmpty }
    #expect(scored.count == 8)
    let expected = scored.map(\.score.f1).reduce(0, +) / 8
    #expect(abs(report.macroF1 - expected) < 1e-12)
    #expect(report.micro.tp == 2)
  }

  @Test func renderJSON_isValidAndHasTheNames() throws {
    let report = Evaluator(gold: gold).evaluate(recordLines: [record("000_a.txt", [money(46_237_000_000, "violation_amount")])])
    let object = try JSONSerialization.jsonObject(with: Data(report.renderJSON().utf8)) as? [String: Any]
    let types = object?["types"] as? [[String: Any]]
    #expect(types?.first?["type"] as? String == "money")
    #expect((types?.first?["score"] as? [String: Any])?["tp"] as? Int == 1)
    #expect(object?["macro_f1"] != nil)
    #expect((object?["documents"] as? [[String: Any]])?.first?["false_alarms"] != nil)
    let text = report.renderText()
    #expect(text.contains("violation_amount"))
    #expect(text.contains("miss   money"))
  }
}
