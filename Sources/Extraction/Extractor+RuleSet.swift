import RuleEngine

extension Extractor {
  /// An extractor that applies a loaded rule set: the same records `vnx extract` writes.
  public convenience init(ruleSet: RuleSet, options: ExtractionOptions = ExtractionOptions()) {
    self.init(options: options, rulesFingerprint: ruleSet.fingerprint) { text, tokens in
      ruleSet.annotate(text, tokens: tokens)
    }
  }
}
