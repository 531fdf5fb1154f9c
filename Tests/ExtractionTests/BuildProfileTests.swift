import Foundation
import Testing

/// Release builds are optimized with `Sources/Profile/vnx.profdata` (see `Package.swift` and
/// README, "Profile-guided optimization"). The manifest drops the profile silently when the
/// file is missing, and the compiler ignores the counts of a function it cannot find by name,
/// so these tests are what notices a lost profile or one that no longer covers the hot path.
@Suite struct BuildProfileTests {
  let path = repositoryRoot + "/Sources/Profile/vnx.profdata"

  /// The profile's bytes (throws, failing the test, when the file is missing).
  func bytes() throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  /// The file is an LLVM indexed profile (what `-ir-profile-use` reads), not a raw one.
  @Test func isAnIndexedProfile() throws {
    let b = try bytes()
    // `llvm-profdata merge` writes this 8-byte magic, little-endian: 0xff, "lprofi", 0x81.
    #expect(Array(b.prefix(8)) == [0xff, 0x6c, 0x70, 0x72, 0x6f, 0x66, 0x69, 0x81])
    #expect(b.count > 100_000, "a profile of the whole pipeline is hundreds of kilobytes")
  }

  /// The manifest reads the profile from where the script writes it.
  @Test func manifestAndScriptNameThisFile() throws {
    let manifest = try String(contentsOfFile: repositoryRoot + "/Package.swift", encoding: .utf8)
    let script = try String(contentsOfFile: repositoryRoot + "/Tests/Perf/profile.sh", encoding: .utf8)
    #expect(manifest.contains("\"/Sources/Profile/vnx.profdata\""))
    #expect(script.contains("out=Sources/Profile/vnx.profdata"))
    // Both builds name static functions the same way, or their counts would not be found.
    #expect(manifest.contains("-static-func-full-module-prefix=false"))
    #expect(script.contains("-static-func-full-module-prefix=false"))
  }

  /// The functions where a document's time goes have counts under their current names: a
  /// renamed or re-signatured one is compiled without its profile until `profile.sh` runs.
  @Test(arguments: [
    "s10RuleEngine7MatcherO7execute_",  // the matcher
    "s10RuleEngine0A3SetC3run_6tokens",  // the scan that picks the rules to try
    "s10RuleEngine0A3SetC4view_6tokens",  // keying the tokens
    "s12Tokenization5LexerO7lexRuns",  // the lexer
    "s6VNText11fastRunUTF8",  // the normalizer's UTF-8 loop
    "s10Extraction7JSONOutO6quoted",  // the record writer's quoting
  ])
  func coversHotFunction(_ prefix: String) throws {
    #expect(try bytes().range(of: Data(prefix.utf8)) != nil, "no counts for \(prefix)…: run Tests/Perf/profile.sh")
  }
}
