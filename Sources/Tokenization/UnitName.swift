import Synchronization

/// The name of a quantity's unit or of the unit it is priced per (`VND`, `%`, `m2`, `cuộc`,
/// `kg`), interned: a number that stands for the name. A `Quantity` holding names this way
/// holds no reference, so that a `Token` is plain data: the tokenizer's token arrays are
/// copied and freed without reference counting, and no quantity needs a box of its own.
///
/// Two names are equal exactly when their strings are (`==` on `String`). The names the
/// tokenizer reports (currencies, areas, `%`, `m3` and the counted nouns) are registered once
/// at first use and read without a lock; any other name (a word a price is per, `đồng/kg`, or
/// a name given to `Quantity.init`) is added on first sight, under a lock, and kept for the
/// life of the process. The table grows only with distinct names, of which the tokenizer
/// makes few: a unit it reads is one of the fixed ones, or a word of at most eight letters.
public struct UnitName: Sendable, Hashable, CustomStringConvertible {
  /// The index of the name in the registry.
  let id: UInt32

  /// The name `name`, registered if it is new.
  public init(_ name: String) { id = UnitRegistry.shared.id(of: name) }

  init(id: UInt32) { self.id = id }

  /// The name as a string.
  public var name: String { UnitRegistry.shared.name(of: id) }

  public var description: String { name }

  /// The names every process knows from the start, in a fixed order (`fixedIndex`): a
  /// writer may prepare something per name once (`JSONOut.unit`).
  public static var fixedNames: [String] { UnitRegistry.shared.fixed }

  /// The index of this name in `fixedNames`, when it is one of them.
  public var fixedIndex: Int? { Int(id) < UnitRegistry.shared.fixed.count ? Int(id) : nil }

  /// The names of the constants below, in their order (their ids); the registry starts with
  /// them.
  static let constantNames = ["VND", "USD", "EUR", "%", "m2", "km2", "ha", "m3"]

  public static let vnd = UnitName(id: 0)
  public static let usd = UnitName(id: 1)
  public static let eur = UnitName(id: 2)
  public static let percent = UnitName(id: 3)
  public static let squareMetre = UnitName(id: 4)
  public static let squareKilometre = UnitName(id: 5)
  public static let hectare = UnitName(id: 6)
  public static let cubicMetre = UnitName(id: 7)
}

/// The names behind `UnitName`s.
final class UnitRegistry: Sendable {
  static let shared = UnitRegistry()

  /// The names every run knows, in `UnitName.id` order: the constants of `UnitName` first,
  /// then the counted nouns. Never changed, so read without a lock.
  let fixed: [String]
  private let fixedIDs: [String: UInt32]
  /// Names added later (ids from `fixed.count` on).
  private let added = Mutex<(ids: [String: UInt32], names: [String])>(([:], []))

  init() {
    var names = UnitName.constantNames
    var ids = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt32($0)) })
    for entry in CountedNouns.parsed where ids[entry.noun] == nil {
      ids[entry.noun] = UInt32(names.count)
      names.append(entry.noun)
    }
    fixed = names
    fixedIDs = ids
  }

  func id(of name: String) -> UInt32 {
    if let id = fixedIDs[name] { return id }
    return added.withLock { state in
      if let id = state.ids[name] { return id }
      let id = UInt32(fixed.count + state.names.count)
      state.names.append(name)
      state.ids[name] = id
      return id
    }
  }

  func name(of id: UInt32) -> String {
    let i = Int(id)
    if i < fixed.count { return fixed[i] }
    return added.withLock { $0.names[i - fixed.count] }
  }
}
