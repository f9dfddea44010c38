import Foundation

/// The providers, model-matching rules and prices generated from genai-prices
/// (`scripts/update-prices.sh`), and the lookup that finds the entry for a call.
public struct PriceCatalog: Sendable {
    public struct Provider: Sendable {
        public var id: String
        public var name: String
        /// Finds the provider from a model name when no provider is given.
        public var modelMatch: MatchRule?
        /// Finds the provider from a provider name other than its id.
        public var providerMatch: MatchRule?
        /// Providers whose models this one also serves (Azure serves OpenAI's), one step deep.
        public var fallback: [Int]
        public var models: [Model]
    }

    public struct Model: Sendable {
        public var id: String
        public var name: String?
        public var match: MatchRule
        /// In the data's order: the last one whose condition holds applies, else the first.
        public var prices: [DatedPrice]
    }

    /// Prices and when they apply: from a day on (a price change), or at a time of day (off-peak).
    public struct DatedPrice: Sendable {
        /// Days since 1970-01-01 (UTC) from which this price applies.
        public var startDay: Int64?
        /// Seconds after UTC midnight: applies in [start, end), wrapping past midnight.
        public var timeOfDay: (start: Int64, end: Int64)?
        public var price: ModelPrice

        func applies(at time: Timestamp) -> Bool {
            let seconds = Int64(time.since(.epoch).wholeSeconds)
            if let startDay, seconds / 86_400 < startDay { return false }
            if let (start, end) = timeOfDay {
                let s = seconds % 86_400
                return end < start ? (s >= start || s < end) : (s >= start && s < end)
            }
            return true
        }
    }

    /// Where the data came from, its version and publication date.
    public var source = "genai-prices"
    public var version: String
    public var date: String
    public var providers: [Provider]

    /// The data that ships with spantop. An unreadable table (a bad regeneration) leaves every
    /// cost unknown rather than wrong; the tests load it.
    public static let bundled: PriceCatalog = {
        (try? PriceCatalog(json: GeneratedPriceData.json))
            ?? PriceCatalog(version: GeneratedPriceData.version, date: GeneratedPriceData.date, providers: [])
    }()

    public init(version: String, date: String, providers: [Provider]) {
        self.version = version
        self.date = date
        self.providers = providers
    }

    public var modelCount: Int { providers.reduce(0) { $0 + $1.models.count } }

    public func providerIndex(id: String) -> Int? { providers.firstIndex { $0.id == id } }
}

/// What a lookup found: the provider and model entry, and why it applies.
public struct PriceMatch: Sendable {
    /// The provider whose entry holds the price.
    public var provider: PriceCatalog.Provider
    /// The provider the lookup searched: differs from `provider` when it serves another's models.
    public var servingProvider: String
    public var model: PriceCatalog.Model
    /// The rule that matched, e.g. `starts with "gpt-4o"`.
    public var rule: String
    /// How the provider was chosen when that was not direct, e.g. "served by openai's entry".
    public var note: String?

    /// The price that applies to a call made at `time`.
    public func price(at time: Timestamp) -> ModelPrice {
        model.prices.last { $0.applies(at: time) }?.price ?? model.prices.first?.price ?? ModelPrice()
    }
}
