// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// Release builds of vnx's own modules are optimized with a profile of `vnx extract` over the
/// benchmark corpus (LLVM's IR-level profile-guided optimization: each hot function's blocks
/// laid out, and its calls inlined, by how often they ran; README, "Profile-guided
/// optimization"). `Tests/Perf/profile.sh` makes the profile again; `VNX_PGO=0` builds without
/// it. Left out when vnx is built as another package's dependency (SwiftPM refuses unsafe
/// flags there): such a build is correct, only slower.
let profile = Context.packageDirectory + "/Sources/Profile/vnx.profdata"
let usesProfile =
  Context.environment["VNX_PGO"] != "0" && !Context.packageDirectory.contains("/checkouts/")
  && FileManager.default.fileExists(atPath: profile)
let optimized: [SwiftSetting] =
  usesProfile
  ? [
    .unsafeFlags(
      ["-Xfrontend", "-ir-profile-use=" + profile, "-Xllvm", "-static-func-full-module-prefix=false"],
      .when(configuration: .release))
  ] : []

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
    .target(name: "VNText", dependencies: ["CICU"], swiftSettings: optimized),
    // Syllables, punctuation, numbers, numbers in words, quantities, dates, periods.
    .target(name: "Tokenization", dependencies: ["VNText"], swiftSettings: optimized),
    // Rule files to syntax trees with diagnostics (no matching, no ICU).
    .target(
      name: "RuleLanguage", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: optimized),
    // Compile, index and match rules; conflict policy; explain traces.
    .target(name: "RuleEngine", dependencies: ["RuleLanguage", "Tokenization"], swiftSettings: optimized),
    // The pipeline: documents to records, JSON Lines, provenance, parallel ordered runs.
    .target(
      name: "Extraction", dependencies: ["VNText", "Tokenization", "RuleEngine"], swiftSettings: optimized),
    // Gold annotations, scoring, per-document diffs.
    .target(name: "Evaluation", swiftSettings: optimized),
    .executableTarget(
      name: "vnx",
      dependencies: [
        "Extraction", "Evaluation", "RuleEngine", "Tokenization", "VNText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimized
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
