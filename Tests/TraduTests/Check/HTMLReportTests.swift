import Foundation
import Testing
@testable import Tradu

/// A headless Chromium or Chrome on this machine, if any (`.ci/run` installs Debian's chromium).
let headlessBrowser: String? = {
  let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for directory in path.split(separator: ":") {
    for name in names {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
  }
  return nil
}()

/// Runs the browser headless on `arguments`; returns its standard output.
func runBrowser(_ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: headlessBrowser!)
  let profile = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-chromium-\(UUID().uuidString)")
  process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                       "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  try? FileManager.default.removeItem(at: profile)
  return String(decoding: data, as: UTF8.self)
}

@Suite struct HTMLReportTests {
  @Test func thePageMarksTermsAndFindings() throws {
    let html = HTMLReport.render(try SeedCheckTests.report())
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    #expect(html.components(separatedBy: "<tr class=\"unit").count - 1 == 19)
    // p7.s1: the Romanian "Kievului" is a glossary term; the English "Kiev" is forbidden and flagged.
    let row = try #require(html.components(separatedBy: "id=\"u-p7.s1\"").dropFirst().first?
      .components(separatedBy: "</tr>").first)
    #expect(row.contains(">Kievului</mark>"))
    #expect(row.contains("<mark class=\"term forbidden flag sev-critical\""))
    #expect(row.contains("data-rule=\"forbidden-term\""))
  }

  @Test func hostileTextIsEscaped() throws {
    let document = BilingualDocument(name: "<b>x</b>.xlf", segments: [
      BilingualSegment(id: "\"><script>alert(1)</script>", source: "Kremlinul & <Putin>", target: "<img src=x onerror=alert(1)> & Kremlin"),
    ])
    let html = HTMLReport.render(try makeTestChecker().check(document))
    #expect(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>x"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; "))
    #expect(html.contains("data-segment=\"&quot;&gt;&lt;script&gt;"))
  }

  @Test func overlappingHighlightsNestAsFlatMarks() {
    let html = HTMLReport.highlighted("a <Kiev> b", [
      .init(range: 2..<8, classes: ["term"], title: "t"),
      .init(range: 3..<7, classes: ["flag"], title: "f"),
    ])
    #expect(html == "a <mark class=\"term\" title=\"t\">&lt;</mark><mark class=\"term flag\" title=\"t | f\">Kiev</mark><mark class=\"term\" title=\"t\">&gt;</mark> b")
  }

  @Test(.enabled(if: headlessBrowser != nil,
                 "no headless Chromium/Chrome on this machine: the HTML report is not rendered in a browser"))
  func aRealBrowserRendersSegmentsHighlightsAndFindings() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tradu-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let page = directory.appendingPathComponent("review.html")
    let report = try SeedCheckTests.report()
    try Data(HTMLReport.render(report).utf8).write(to: page)

    let dom = try runBrowser(["--dump-dom", page.absoluteString])
    #expect(dom.contains("<title>tradu check: Samples/mediafax-musk-putin.en.txt</title>"))
    #expect(dom.components(separatedBy: "<tr class=\"unit").count - 1 == 19)
    // Every finding of the report is an item in the rendered page (six on the seed: see SeedCheckTests).
    #expect(report.findings.count == 6)
    #expect(dom.components(separatedBy: "<li class=\"finding").count - 1 == report.findings.count)
    #expect(dom.contains("data-rule=\"misspelt-term\""))
    #expect(dom.contains("misspelt flag sev-major") && dom.contains(">Zelenksy</mark>"))
    #expect(dom.contains(">Kievului</mark>"))

    let shot = directory.appendingPathComponent("review.png")
    _ = try runBrowser(["--screenshot=\(shot.path)", "--window-size=1400,1800", "--hide-scrollbars", page.absoluteString])
    let png = try Data(contentsOf: shot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(png.count > 20_000, "a blank page would compress to a few kilobytes")
  }
}
