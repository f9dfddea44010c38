/// Where a call's price comes from: the user's pricing file, or the generated catalog.
public enum PriceSource: Sendable {
    /// A `--pricing` file entry, by the model name it was given under.
    case userFile(String, ModelPrice)
    case catalog(PriceMatch)
}

/// The generated catalog with a user's overrides on top.
public struct PriceTable: Sendable {
    public let catalog: PriceCatalog
    /// Lowercased model name → price, from a pricing file.
    public private(set) var overrides: [String: ModelPrice]

    public init(catalog: PriceCatalog = .bundled, overrides: [String: ModelPrice] = [:]) {
        self.catalog = catalog
        self.overrides = overrides
    }

    public mutating func override(with other: [String: ModelPrice]) {
        overrides.merge(other) { _, new in new }
    }

    /// The price source for a call to `model` served by `provider` (either may be unknown
    /// to the catalog): a pricing-file entry wins over the catalog.
    public func lookup(model: String, provider: String?) -> PriceSource? {
        if let (name, price) = userPrice(for: model) { return .userFile(name, price) }
        return catalog.match(model: model, provider: provider).map(PriceSource.catalog)
    }

    /// A pricing-file entry: the exact name, else the longest name the model starts with
    /// (`gpt-4o-2024-08-06` finds `gpt-4o`). A `provider/` prefix is ignored.
    func userPrice(for model: String) -> (String, ModelPrice)? {
        guard !overrides.isEmpty else { return nil }
        var name = model.lowercased()
        if let slash = name.lastIndex(of: "/") { name = String(name[name.index(after: slash)...]) }
        if let exact = overrides[name] { return (name, exact) }
        return overrides.filter { name.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }.map {
            ($0.key, $0.value)
        }
    }
}

extension PriceSource {
    /// The price for a call at `time` (catalog prices may change by date).
    public func price(at time: Timestamp) -> ModelPrice {
        switch self {
        case .userFile(_, let price): return price
        case .catalog(let match): return match.price(at: time)
        }
    }
}
