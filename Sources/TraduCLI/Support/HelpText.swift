/// Text laid out for `--help`, which argument-parser wraps at the terminal's width without a
/// hanging indent: a list item whose description runs past the line would continue at the left
/// margin, so list items are laid out here, each description below its name and wrapped.
enum HelpText {
  /// Items as "  name" lines, each followed by its description indented by six spaces, in
  /// lines of at most `width` columns. argument-parser assumes 80 columns without a terminal and
  /// breaks any line that fills them, so the default leaves one free.
  static func list(_ items: [(name: String, description: String)], width: Int = 79) -> String {
    items.map { item in
      (["  " + item.name] + wrapped(item.description, indent: 6, width: width)).joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// The words of `text` on lines of at most `width` columns, each line starting with `indent`
  /// spaces; a word longer than the room left stands alone on its line.
  static func wrapped(_ text: String, indent: Int, width: Int) -> [String] {
    let margin = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = margin
    for word in text.split(separator: " ") {
      if line.count > indent && line.count + 1 + word.count > width {
        lines.append(line)
        line = margin
      }
      line += (line.count > indent ? " " : "") + word
    }
    if line.count > indent { lines.append(line) }
    return lines
  }
}
