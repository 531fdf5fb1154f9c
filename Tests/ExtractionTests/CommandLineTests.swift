import Foundation
import Testing

/// Runs the real `vnx` executable (built next to the test bundle) the way users do.
struct VNXProcess {
  static let executable: String? = {
    var candidates: [String] = []
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = testBinary.deletingLastPathComponent()
    for _ in 0..<4 {
      candidates.append(dir.appendingPathComponent("vnx").path)
      dir.deleteLastPathComponent()
    }
    candidates.append(repositoryRoot + "/.build/debug/vnx")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], input: String? = nil, cwd: String = repositoryRoot) throws -> Output {
    let exe = try #require(executable, "the vnx executable was not built next to the tests")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try inp.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a large output cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    while reader.isExecuting { usleep(1000) }
    return Output(
      status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

@Suite(.serialized) struct CommandLineTests {
  @Test func badUsageExitsTwo() throws {
    let r = try VNXProcess.run(["extract", "--jobs", "0"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("--jobs"))
    #expect(try VNXProcess.run(["extract", "--no-such-flag"]).status == 2)
    #expect(try VNXProcess.run(["extract", "--reference-date", "2023-02-30", "-"]).status == 2)
  }

  @Test func badRulesExitTwoWithEveryErrorAndNothingProcessed() throws {
    let dir = try temporaryFolder()
    try write("rules:\n  - id: a\n    pattern: 'MONY'\n    emit: {type: person}\n  - id: a\n    pattern: '\"x\"'\n    emit: {type: person}\n", to: dir + "/bad.yaml")
    let r = try VNXProcess.run(["extract", "--rules", dir, "-"], input: "Năm 2019.")
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    let errors = r.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(errors.count >= 2)
    #expect(errors.contains { $0.contains("bad.yaml:3:") && $0.contains("MONY") })
  }

  @Test func errorRecordsExitOneAndEveryDocumentHasALine() throws {
    let input = #"{"id": "ok", "text": "Kết thúc 22 cuộc."}"# + "\nnot json\n" + #"{"id": "n", "body": "x"}"# + "\n"
    let r = try VNXProcess.run(["extract", "--input-format", "jsonl", "-"], input: input)
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].contains(#""id":"stdin#L2""#) && lines[1].contains("invalid_json"))
    #expect(lines[2].contains("missing_text"))
  }

  @Test func standardInputTextAndSniffing() throws {
    let r = try VNXProcess.run(["extract"], input: "Phát hiện sai phạm 46.237 triệu đồng")
    #expect(r.status == 0)
    #expect(r.stdout.contains(#""id":"stdin""#))
    #expect(r.stdout.contains(#""value":46237000000"#))
  }

  @Test func outputFileIsWrittenWholeAndNotOnBadRules() throws {
    let dir = try temporaryFolder()
    let target = dir + "/out.jsonl"
    let ok = try VNXProcess.run(["extract", repositoryRoot + "/corpus", "-o", target])
    #expect(ok.status == 0)
    let written = try String(contentsOfFile: target, encoding: .utf8)
    let articles = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/corpus").filter { $0.hasSuffix(".txt") }
    #expect(written.split(separator: "\n").count == articles.count)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.jsonl"])
  }

  @Test func closedPipeEndsQuietly() throws {
    let exe = try #require(VNXProcess.executable)
    let dir = try temporaryFolder()
    var jsonl = ""
    for i in 0..<5000 { jsonl += #"{"id": "\#(i)", "text": "Tiếp nhận 486 đơn, kiến nghị thu hồi 44.759 triệu đồng."}"# + "\n" }
    try write(jsonl, to: dir + "/many.jsonl")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["-c", "set -o pipefail; '\(exe)' extract --rules '\(repositoryRoot)/rules' many.jsonl 2> err.txt | head -n 2 > head.txt"]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    #expect(try String(contentsOfFile: dir + "/err.txt", encoding: .utf8).isEmpty)
    #expect(try String(contentsOfFile: dir + "/head.txt", encoding: .utf8).split(separator: "\n").count == 2)
  }

  @Test func normalizeAndTokensCommands() throws {
    let n = try VNXProcess.run(["normalize", "-"], input: "Thanh tra tỉnh Khánh Hoà&nbsp;\u{200B}và Uỷ ban")
    #expect(n.stdout == "Thanh tra tỉnh Khánh Hòa và Ủy ban")
    let t = try VNXProcess.run(["tokens", "--json", "-"], input: "gần 84.800 triệu đồng")
    let money = try #require(t.stdout.split(separator: "\n").first { $0.contains(#""kind":"money""#) })
    #expect(money.contains(#""start":4"#) && money.contains(#""end":21"#))
  }
}
