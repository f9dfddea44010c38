/// A price source reduced to what pricing a call needs. The store keeps one per (provider,
/// model) pair and hands out the reference: pricing a span copies a pointer, not the entry with
/// its rules and names.
final class CallPricer: Sendable {
    private let dated: [PriceCatalog.DatedPrice]

    init(_ source: PriceSource) {
        switch source {
        case .userFile(_, let price): dated = [.init(startDay: nil, timeOfDay: nil, price: price)]
        case .catalog(let match): dated = match.model.prices
        }
    }

    /// Index of the price that applies at `time`: the last whose condition holds, else the first.
    @inline(__always)
    private func index(at time: Timestamp) -> Int {
        if dated.count == 1 { return 0 }
        var i = dated.count - 1
        while i > 0, !dated[i].applies(at: time) { i -= 1 }
        return i
    }

    /// USD for one call, and whether part of it is an estimate: tokens known only as part of a
    /// total (`unsplit`) are priced at the blended rate; nil when they cannot be (no input and
    /// output price to blend). `perCall` adds the per-request price.
    func cost(of usage: CallUsage, unsplit: Int64, at time: Timestamp, perCall: Bool) -> (Double, estimated: Bool)? {
        let i = index(at: time)
        var dollars = dated[i].price.tokenCost(of: usage)
        if perCall, let perThousand = dated[i].price.perThousandRequests { dollars += perThousand / 1000 }
        guard unsplit > 0 else { return (dollars, false) }
        guard let blended = dated[i].price.blendedPerMillion else { return nil }
        return (dollars + Double(unsplit) * blended / 1e6, true)
    }
}
