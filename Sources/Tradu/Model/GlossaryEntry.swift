/// The kind of named entity or term a glossary entry names.
public enum EntityType: String, Sendable, CaseIterable, Codable {
  case person = "PERSON", organization = "ORG", geopolitical = "GPE", location = "LOC"
  case product = "PRODUCT", event = "EVENT", term = "TERM"
}

/// The status of a target term, as in TBX's administrative status.
public enum TermStatus: String, Sendable, CaseIterable, Codable {
  /// The approved translation.
  case preferred
  /// Acceptable, but not the first choice.
  case admitted
  /// Must not be used in a translation (e.g. "Kiev" where "Kyiv" is approved).
  case forbidden
}

/// How an entry's source term is found in running text.
public enum MatchMode: String, Sendable, CaseIterable, Codable {
  /// Only the term as written (modulo case and diacritics).
  case exact
  /// The term and its Romanian inflected forms (the default).
  case inflect
  /// Any word that starts with the term's stem.
  case prefix
}

/// One translation of a glossary entry.
public struct GlossaryTarget: Equatable, Hashable, Sendable, Codable {
  public var term: String
  public var status: TermStatus

  public init(term: String, status: TermStatus = .preferred) {
    self.term = term
    self.status = status
  }
}

/// A glossary entry: a Romanian source term and its English translations.
public struct GlossaryEntry: Equatable, Sendable {
  /// A stable id (from the file, or generated from the source term).
  public var id: String
  /// The Romanian term in its dictionary form, e.g. "Uniunea Europeană".
  public var source: String
  /// Its translations, in file order.
  public var targets: [GlossaryTarget]
  public var type: EntityType?
  /// Do not translate: the name stays as it is in the translation.
  public var doNotTranslate: Bool
  public var matchMode: MatchMode
  /// Extra Romanian forms to find, beyond the generated inflections.
  public var forms: [String]
  public var note: String?

  public init(id: String, source: String, targets: [GlossaryTarget], type: EntityType? = nil,
              doNotTranslate: Bool = false, matchMode: MatchMode = .inflect, forms: [String] = [],
              note: String? = nil) {
    self.id = id
    self.source = source
    self.targets = targets
    self.type = type
    self.doNotTranslate = doNotTranslate
    self.matchMode = matchMode
    self.forms = forms
    self.note = note
  }
}

/// How a glossary match was found.
public enum GlossaryMatchKind: String, Sendable, CaseIterable, Codable {
  /// The source term exactly as written.
  case exact
  /// The source term modulo case, diacritics or cedillas.
  case folded
  /// An inflected form of the source term (Kremlinului, Uniunii Europene, lui Putin).
  case inflected
}

/// A glossary entry found in a text.
public struct GlossaryMatch: Equatable, Sendable {
  /// The entry's id.
  public var entryID: String
  /// The entry's source term.
  public var source: String
  /// The form as it stands in the text.
  public var matched: String
  /// Where the form stands, in UTF-16 offsets of the searched text.
  public var range: Range<Int>
  public var kind: GlossaryMatchKind
  public var targets: [GlossaryTarget]
  /// The proclitic genitive article "lui" just before the name ("lui Putin"), if there is one.
  /// It is not part of `range`: the name is.
  public var proclitic: Range<Int>?

  public init(entryID: String, source: String, matched: String, range: Range<Int>,
              kind: GlossaryMatchKind, targets: [GlossaryTarget], proclitic: Range<Int>? = nil) {
    self.proclitic = proclitic
    self.entryID = entryID
    self.source = source
    self.matched = matched
    self.range = range
    self.kind = kind
    self.targets = targets
  }
}
