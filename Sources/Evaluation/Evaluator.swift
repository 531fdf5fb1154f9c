import Foundation

/// Scores extraction records (CONTRACT.md §4, one JSON object per line) against a gold set.
///
/// Per document and type, gold and predicted mentions are matched as multisets on their key
/// (`MatchKey`): a repeated amount must be found as often as it is written. Persons and
/// provinces are distinct values, so repeated predictions of one name count once. Among equal
/// keys, pairs that also agree on metric are made first, so metric accuracy is not lowered by
/// an arbitrary pairing.
public struct Evaluator: Sendable {
  /// The gold annotations.
  public let gold: GoldSet

  /// An evaluator for one gold set.
  public init(gold: GoldSet) {
    self.gold = gold
  }

  /// Scores the record lines (blank lines are skipped).
  public func evaluate(recordLines: [String]) -> EvaluationReport {
    let records = RecordSet(lines: recordLines, gold: gold)
    var typeScores: [MentionType: Score] = [:]
    var metricScores: [MentionType: [String: Score]] = [:]
    var metricAgreement: [MentionType: Agreement] = [:]
    var qualifierAgreement: [MentionType: Agreement] = [:]
    var documents: [EvaluationReport.DocumentReport] = []

    for document in gold.documents {
      let record = records.byDoc[document.doc]
      let predicted = record?.mentions ?? []
      var report = EvaluationReport.DocumentReport(
        doc: document.doc, recordID: record?.id, error: record?.error, score: Score(),
        misses: [], falseAlarms: [], bylineFalseAlarms: [], disagreements: [])
      let bylineKeys = Set(document.bylines.map(MatchKey.text))
      for type in MentionType.allCases {
        var goldItems = document.mentions(of: type)
        var predictedItems = predicted.filter { $0.type == type }
        if type.isDistinctValued {
          goldItems = Evaluator.distinct(goldItems)
          predictedItems = Evaluator.distinct(predictedItems)
        }
        let match = Evaluator.match(gold: goldItems, predicted: predictedItems)
        let score = Score(tp: match.pairs.count, fp: match.falseAlarms.count, fn: match.misses.count)
        typeScores[type, default: Score()] = typeScores[type, default: Score()] + score
        report.score = report.score + score
        report.misses += match.misses
        for alarm in match.falseAlarms {
          if type == .person, bylineKeys.contains(alarm.key) {
            report.bylineFalseAlarms.append(report.falseAlarms.count)
          }
          report.falseAlarms.append(alarm)
        }
        guard type.hasMetric else { continue }
        for (metric, metricScore) in Evaluator.metricScores(gold: goldItems, predicted: predictedItems) {
          metricScores[type, default: [:]][metric, default: Score()] =
            metricScores[type, default: [:]][metric, default: Score()] + metricScore
        }
        for (goldItem, predictedItem) in match.pairs {
          if let goldMetric = goldItem.metric {
            let agrees = goldMetric == predictedItem.metric
            metricAgreement[type, default: Agreement()].total += 1
            if agrees {
              metricAgreement[type, default: Agreement()].correct += 1
            } else {
              report.disagreements.append(
                .init(property: "metric", gold: goldItem, predicted: predictedItem.metric))
            }
          }
          if let goldQualifier = goldItem.qualifier {
            let agrees = goldQualifier == predictedItem.qualifier
            qualifierAgreement[type, default: Agreement()].total += 1
            if agrees {
              qualifierAgreement[type, default: Agreement()].correct += 1
            } else {
              report.disagreements.append(
                .init(property: "qualifier", gold: goldItem, predicted: predictedItem.qualifier))
            }
          }
        }
      }
      documents.append(report)
    }

    let types = MentionType.allCases.map {
      EvaluationReport.TypeScore(type: $0, score: typeScores[$0] ?? Score())
    }
    let scored = types.filter { !$0.score.isEmpty }
    let macro = scored.isEmpty ? 0 : scored.map(\.score.f1).reduce(0, +) / Double(scored.count)
    var metrics: [EvaluationReport.MetricScore] = []
    for type in MentionType.allCases where type.hasMetric {
      let known = MetricNames.metrics(for: type)
      let byMetric = metricScores[type] ?? [:]
      let extra = byMetric.keys.filter { !known.contains($0) }.sorted()
      for metric in known + extra {
        guard let score = byMetric[metric], !score.isEmpty else { continue }
        metrics.append(.init(type: type, metric: metric, score: score))
      }
    }
    let metricTypes = MentionType.allCases.filter(\.hasMetric)
    return EvaluationReport(
      types: types,
      micro: types.map(\.score).reduce(Score(), +),
      macroF1: macro,
      metrics: metrics,
      metricAccuracy: metricTypes.map { .init(type: $0, agreement: metricAgreement[$0] ?? Agreement()) },
      qualifierAccuracy: metricTypes.map {
        .init(type: $0, agreement: qualifierAgreement[$0] ?? Agreement())
      },
      documents: documents,
      unscored: records.unscored,
      unreadableLines: records.unreadableLines,
      ignoredMentions: records.ignoredMentions)
  }

  /// The outcome of matching one type in one document.
  struct Match {
    var pairs: [(ScoredMention, ScoredMention)] = []
    var misses: [ScoredMention] = []
    var falseAlarms: [ScoredMention] = []
  }

  /// Multiset matching on key; same-metric pairs first, then the rest in document order.
  static func match(gold: [ScoredMention], predicted: [ScoredMention]) -> Match {
    var result = Match()
    var usedGold = [Bool](repeating: false, count: gold.count)
    var usedPredicted = [Bool](repeating: false, count: predicted.count)
    var pairedGold: [Int] = []
    for sameMetricOnly in [true, false] {
      for (g, goldItem) in gold.enumerated() where !usedGold[g] {
        let candidate = predicted.indices.first { p in
          !usedPredicted[p] && predicted[p].key == goldItem.key
            && (!sameMetricOnly || predicted[p].metric == goldItem.metric)
        }
        guard let p = candidate else { continue }
        usedGold[g] = true
        usedPredicted[p] = true
        pairedGold.append(g)
        result.pairs.append((goldItem, predicted[p]))
      }
    }
    // Report pairs in the gold's document order, whichever pass made them.
    let order = Dictionary(uniqueKeysWithValues: pairedGold.enumerated().map { ($1, $0) })
    result.pairs = pairedGold.sorted().map { result.pairs[order[$0]!] }
    result.misses = gold.indices.filter { !usedGold[$0] }.map { gold[$0] }
    result.falseAlarms = predicted.indices.filter { !usedPredicted[$0] }.map { predicted[$0] }
    return result
  }

  /// Each metric as a class: a prediction is a true positive for metric m when it is matched to
  /// a gold item of the same key and the same metric m.
  static func metricScores(gold: [ScoredMention], predicted: [ScoredMention]) -> [String: Score] {
    func metricName(_ item: ScoredMention) -> String { item.metric ?? "(none)" }
    var scores: [String: Score] = [:]
    var goldCounts: [String: [String: Int]] = [:]
    for item in gold { goldCounts[metricName(item), default: [:]][item.key, default: 0] += 1 }
    var predictedCounts: [String: [String: Int]] = [:]
    for item in predicted {
      predictedCounts[metricName(item), default: [:]][item.key, default: 0] += 1
    }
    for metric in Set(goldCounts.keys).union(predictedCounts.keys) {
      let goldKeys = goldCounts[metric] ?? [:]
      let predictedKeys = predictedCounts[metric] ?? [:]
      var score = Score()
      for key in Set(goldKeys.keys).union(predictedKeys.keys) {
        let g = goldKeys[key] ?? 0
        let p = predictedKeys[key] ?? 0
        score.tp += min(g, p)
        score.fn += max(0, g - p)
        score.fp += max(0, p - g)
      }
      scores[metric] = score
    }
    return scores
  }

  /// Keeps the first mention of each key.
  static func distinct(_ items: [ScoredMention]) -> [ScoredMention] {
    var seen = Set<String>()
    return items.filter { seen.insert($0.key).inserted }
  }
}
