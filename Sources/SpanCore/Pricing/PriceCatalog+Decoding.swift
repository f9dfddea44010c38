import Foundation

extension PriceCatalog {
    public struct DataError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads the JSON document `scripts/update-prices.py` writes.
    public init(json: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let rawProviders = root["providers"] as? [[String: Any]]
        else { throw DataError(description: "price data: expected an object with \"providers\"") }
        var providers: [Provider] = []
        var fallbackIDs: [[String]] = []
        for p in rawProviders {
            guard let id = p["id"] as? String, let models = p["models"] as? [[String: Any]] else {
                throw DataError(description: "price data: a provider without id or models")
            }
            providers.append(
                Provider(
                    id: id, name: p["name"] as? String ?? id, modelMatch: try p["model_match"].map(Self.rule),
                    providerMatch: try p["provider_match"].map(Self.rule), fallback: [],
                    models: try models.map(Self.model)))
            fallbackIDs.append(p["fallback"] as? [String] ?? [])
        }
        for i in providers.indices {
            providers[i].fallback = fallbackIDs[i].compactMap { id in providers.firstIndex { $0.id == id } }
        }
        self.init(
            version: root["version"] as? String ?? "?", date: root["date"] as? String ?? "?", providers: providers)
    }

    private static func model(_ m: [String: Any]) throws -> Model {
        guard let id = m["id"] as? String, let match = m["match"], let prices = m["prices"] as? [[String: Any]] else {
            throw DataError(description: "price data: a model without id, match or prices")
        }
        return Model(id: id, name: m["name"] as? String, match: try rule(match), prices: try prices.map(datedPrice))
    }

    private static func datedPrice(_ p: [String: Any]) throws -> DatedPrice {
        var startDay: Int64?
        if let date = p["start_date"] as? String {
            guard let day = epochDay(date) else { throw DataError(description: "price data: bad date \(date)") }
            startDay = day
        }
        var timeOfDay: (Int64, Int64)?
        if let window = p["time_of_day"] as? [String], window.count == 2 {
            guard let start = secondsOfDay(window[0]), let end = secondsOfDay(window[1]) else {
                throw DataError(description: "price data: bad time of day \(window)")
            }
            timeOfDay = (start, end)
        }
        let price = ModelPrice(
            input: try rate(p["input"]), output: try rate(p["output"]), cacheRead: try rate(p["cache_read"]),
            cacheWrite: try rate(p["cache_write"]),
            perThousandRequests: (p["requests_kcount"] as? NSNumber)?.doubleValue)
        return DatedPrice(startDay: startDay, timeOfDay: timeOfDay, price: price)
    }

    private static func rate(_ value: Any?) throws -> TokenRate? {
        guard let value else { return nil }
        if let n = value as? NSNumber { return TokenRate(n.doubleValue) }
        guard let tiered = value as? [String: Any], let base = tiered["base"] as? NSNumber,
            let tiers = tiered["tiers"] as? [[NSNumber]]
        else { throw DataError(description: "price data: a price that is neither a number nor tiered") }
        return TokenRate(
            base.doubleValue,
            tiers: tiers.filter { $0.count == 2 }.map { .init(start: $0[0].int64Value, perMillion: $0[1].doubleValue) })
    }

    static func rule(_ value: Any) throws -> MatchRule {
        guard let clause = value as? [String: Any], clause.count == 1, let (kind, arg) = clause.first else {
            throw DataError(description: "price data: a match rule must have exactly one clause")
        }
        if let list = arg as? [Any] {
            switch kind {
            case "or": return .anyOf(try list.map(rule))
            case "and": return .allOf(try list.map(rule))
            default: break
            }
        } else if let text = arg as? String {
            switch kind {
            case "equals": return .equals(text)
            case "starts_with": return .startsWith(text)
            case "ends_with": return .endsWith(text)
            case "contains": return .contains(text)
            case "regex": return .regex(CompiledPattern(text))
            default: break
            }
        }
        throw DataError(description: "price data: unknown match clause \"\(kind)\"")
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian).
    static func epochDay(_ text: String) -> Int64? {
        let parts = text.split(separator: "-").compactMap { Int64($0) }
        guard parts.count == 3 else { return nil }
        var (y, m) = (parts[0], parts[1])
        let d = parts[2]
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Howard Hinnant's days_from_civil.
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        m = m > 2 ? m - 3 : m + 9
        let doy = (153 * m + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func secondsOfDay(_ text: String) -> Int64? {
        let parts = text.split(separator: ":").compactMap { Int64($0) }
        guard parts.count == 3 else { return nil }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }
}
