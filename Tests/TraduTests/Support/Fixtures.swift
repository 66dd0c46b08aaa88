import Foundation

/// The repository root, found from this file's path, so tests read the project's own files
/// (Samples/, Glossaries/, fixtures) in a fresh clone without resources.
let repositoryRoot: URL = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, TraduTests, Tests, root
  return url
}()

/// A file of the repository, by its path relative to the root.
func repositoryFile(_ relativePath: String) -> URL {
  repositoryRoot.appendingPathComponent(relativePath)
}

/// The text of a repository file (UTF-8).
func repositoryText(_ relativePath: String) throws -> String {
  try String(contentsOf: repositoryFile(relativePath), encoding: .utf8)
}

/// The seed article, as shipped in Samples/.
func seedArticle() throws -> String {
  try repositoryText("Samples/mediafax-musk-putin.ro.txt")
}

/// The message of the error `body` throws, or nil when it throws none. (A `do`/`catch let x as
/// T` around typed-throws calls crashes this compiler; `Result` does not.)
func errorMessage<T>(_ body: () throws -> T) -> String? {
  switch Result(catching: body) {
  case .success: return nil
  case .failure(let error): return String(describing: error)
  }
}
