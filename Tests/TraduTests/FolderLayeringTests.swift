import Foundation
import Testing

/// The folders of `Sources/Tradu` form layers: a folder may use the types of another only if
/// that one does not use its types back, directly or through others. The library is one Swift
/// module, so the compiler cannot see such a circle; this test reads the sources instead.
@Suite struct FolderLayeringTests {
  /// Source text without comments and string literals, whose words are not uses of a type.
  static func code(_ text: String) -> String {
    var text = text
    for pattern in [#"(?s)/\*.*?\*/"#, #"(?s)"""(.*?)""""#, #"//[^\n]*"#, #""(?:[^"\\\n]|\\.)*""#] {
      text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
    }
    return text
  }

  /// For each folder, the folders whose top-level types its code names.
  static func folderGraph() throws -> [String: Set<String>] {
    let root = repositoryRoot.appendingPathComponent("Sources/Tradu")
    var files: [String: [String]] = [:]  // folder → code of its files
    let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
    for case let url as URL in enumerator where url.pathExtension == "swift" {
      let relative = url.path.dropFirst(root.path.count + 1)
      guard let slash = relative.firstIndex(of: "/") else { continue }  // files at the top are shared by all
      files[String(relative[..<slash]), default: []].append(code(try String(contentsOf: url, encoding: .utf8)))
    }
    // Top-level declarations only: nested types (`Kind`, `Result`) are reached through their parent.
    let declaration = try NSRegularExpression(
      pattern: #"^(?:public |internal |fileprivate |private |package )?(?:final )?(?:struct|class|enum|protocol|actor|typealias) +(\w+)"#,
      options: .anchorsMatchLines)
    var owner: [String: String] = [:]
    for (folder, codes) in files {
      for code in codes {
        for match in declaration.matches(in: code, range: NSRange(code.startIndex..., in: code)) {
          owner[String(code[Range(match.range(at: 1), in: code)!])] = folder
        }
      }
    }
    var graph: [String: Set<String>] = [:]
    for (folder, codes) in files {
      var used = Set<String>()
      for code in codes {
        var word = ""
        for character in code + " " {
          if character.isLetter || character.isNumber || character == "_" {
            word.append(character)
          } else {
            if let other = owner[word], other != folder { used.insert(other) }
            word = ""
          }
        }
      }
      graph[folder] = used
    }
    return graph
  }

  /// A circle of folders, if the graph has one.
  static func circle(in graph: [String: Set<String>]) -> [String]? {
    var state: [String: Bool] = [:]  // false: on the current path; true: done
    var path: [String] = []
    func visit(_ folder: String) -> [String]? {
      if state[folder] == true { return nil }
      if state[folder] == false { return Array(path[path.firstIndex(of: folder)!...]) + [folder] }
      state[folder] = false
      path.append(folder)
      for next in (graph[folder] ?? []).sorted() {
        if let found = visit(next) { return found }
      }
      path.removeLast()
      state[folder] = true
      return nil
    }
    for folder in graph.keys.sorted() {
      if let found = visit(folder) { return found }
    }
    return nil
  }

  @Test func theFinderSeesACircle() {
    #expect(Self.circle(in: ["Text": ["Model"], "Model": ["Export"], "Export": ["Text"]]) == ["Export", "Text", "Model", "Export"])
    #expect(Self.circle(in: ["Text": ["Model"], "Export": ["Model", "Text"], "Model": []]) == nil)
    let words = Self.code("let a = Glossary() // uses Segmenter\n/* Preparer */ let s = \"XLIFFWriter\"")
    #expect(words.contains("Glossary") && !words.contains("Segmenter") && !words.contains("Preparer") && !words.contains("XLIFFWriter"))
  }

  @Test func sourceFoldersDoNotUseEachOtherInCircles() throws {
    let graph = try Self.folderGraph()
    #expect(graph.count >= 8, "the folders of Sources/Tradu were not found: \(graph.keys.sorted())")
    let found = Self.circle(in: graph)
    #expect(found == nil, "folders that use each other in a circle: \(found?.joined(separator: " → ") ?? "")")
  }
}
