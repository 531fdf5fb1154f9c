// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "vnx",
  products: [
    .executable(name: "vnx", targets: ["vnx"]),
    .library(name: "Extraction", targets: ["Extraction"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // The system's ICU (Debian: libicu-dev). Only CICU includes its headers.
    .systemLibrary(
      name: "ICU",
      pkgConfig: "icu-uc",
      providers: [.apt(["libicu-dev"])]
    ),
    // Plain C wrappers: ICU's version-suffixed symbol names cannot be imported into Swift.
    .target(name: "CICU", dependencies: ["ICU"], linkerSettings: [.linkedLibrary("icuuc")]),
    // Decode, NFC, tone-mark placement, spaces, entities, offset map back to the raw text.
    .target(name: "VNText", dependencies: ["CICU"]),
    // Syllables, punctuation, numbers, numbers in words, quantities, dates, periods.
    .target(name: "Tokenization", dependencies: ["VNText"]),
    // Rule files to syntax trees with diagnostics (no matching, no ICU).
    .target(name: "RuleLanguage", dependencies: [.product(name: "Yams", package: "Yams")]),
    // Compile, index and match rules; conflict policy; explain traces.
    .target(name: "RuleEngine", dependencies: ["RuleLanguage", "Tokenization"]),
    // The pipeline: documents to records, JSON Lines, provenance, parallel ordered runs.
    .target(name: "Extraction", dependencies: ["VNText", "Tokenization", "RuleEngine"]),
    // Gold annotations, scoring, per-document diffs.
    .target(name: "Evaluation"),
    .executableTarget(
      name: "vnx",
      dependencies: [
        "Extraction", "Evaluation", "RuleEngine", "Tokenization", "VNText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "VNTextTests", dependencies: ["VNText"]),
    .testTarget(name: "TokenizationTests", dependencies: ["Tokenization"]),
    .testTarget(name: "RuleLanguageTests", dependencies: ["RuleLanguage"]),
    // Fixture files are read through #filePath, not bundled.
    .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine"], exclude: ["Fixtures"]),
    .testTarget(name: "ExtractionTests", dependencies: ["Extraction"], exclude: ["Golden"]),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation"]),
  ]
)
