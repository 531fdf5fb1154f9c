import Foundation
import Testing
import VNText
@testable import Tokenization

/// Prints the typed tokens of the seed articles when `VNX_DUMP_SEEDS` is set (a debugging aid).
@Suite struct SeedDumpTests {
  @Test func dumpSeeds() throws {
    guard let dir = ProcessInfo.processInfo.environment["VNX_DUMP_SEEDS"] else { return }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted()
    for f in files {
      let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + f))
      let text = Normalizer().normalize(bytes: [UInt8](data))
      print("== \(f)")
      for t in Tokenizer().tokenize(text) where t.value != nil || t.kind == .other {
        print(tokenLine(t, in: text))
      }
    }
  }
}
