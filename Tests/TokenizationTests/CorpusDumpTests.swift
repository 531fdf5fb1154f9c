import Foundation
import Testing
import VNText
@testable import Tokenization

/// Writes every typed token of a folder's `*.txt` articles as JSON Lines (`doc` + `tokenJSON`)
/// to the file named by `VNX_DUMP_TOKENS`, after `Dateline` and `DateResolver`, so that a
/// script can compare the tokenizer with the gold annotations. Does nothing unless both
/// `VNX_DUMP_TOKENS` and `VNX_DUMP_DIR` are set.
@Suite struct CorpusDumpTests {
  @Test func dumpCorpus() throws {
    let env = ProcessInfo.processInfo.environment
    guard let dir = env["VNX_DUMP_DIR"], let outPath = env["VNX_DUMP_TOKENS"] else { return }
    var lines: [String] = []
    for f in try FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".txt") }).sorted() {
      let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
      let text = Normalizer().normalize(bytes: [UInt8](data))
      var tokens = Tokenizer().tokenize(text)
      let published = Dateline.publicationDate(tokens: tokens, text: text)
      DateResolver.resolveYears(in: &tokens, publication: published, reference: nil)
      lines.append("{\"doc\":\"\(f)\",\"published\":\"\(published?.iso ?? "")\"}")
      for t in tokens where t.value != nil {
        lines.append("{\"doc\":\"\(f)\",\"token\":\(tokenJSON(t, in: text))}")
        for d in Tokenizer().datesInside(t, in: text) {
          lines.append("{\"doc\":\"\(f)\",\"token\":\(tokenJSON(d, in: text))}")
        }
      }
    }
    try lines.joined(separator: "\n").write(toFile: outPath, atomically: true, encoding: .utf8)
  }
}
