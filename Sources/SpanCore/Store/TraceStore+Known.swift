extension TraceStore {
    /// The stored attribute for a well-known key on the span being ingested, if present.
    @inline(__always)
    func known(_ key: WellKnownKey, _ trace: TraceRecord) -> StoredAttribute? {
        let slot = knownSlots[Int(key.rawValue)]
        return slot < 0 ? nil : trace.attributes[Int(slot)]
    }

    /// Interned string value of a well-known key, or nil when absent or not a non-empty string.
    @inline(__always)
    func knownString(_ key: WellKnownKey, _ trace: TraceRecord) -> StringID? {
        guard let a = known(key, trace), a.kind == .string, !a.stringID.isEmpty else { return nil }
        return a.stringID
    }

    @inline(__always)
    func knownNumber(_ key: WellKnownKey, _ trace: TraceRecord) -> Double? {
        guard let a = known(key, trace) else { return nil }
        if let n = a.number(trace.wideValues) { return n }
        // Some SDKs send numbers as strings.
        if a.kind == .string { return Double(strings.string(a.stringID)) }
        return nil
    }

    func knownInt(_ key: WellKnownKey, _ trace: TraceRecord) -> Int64? {
        guard let n = knownNumber(key, trace), n.isFinite, n >= 0, n < 9e18 else { return nil }
        return Int64(n)
    }

    /// The project the span belongs to: span attributes first, then the resource's, then
    /// the service name.
    func projectOf(_ origin: Origin, _ trace: TraceRecord) -> (id: StringID, explicit: Bool)? {
        for key in WellKnownKey.projectKeys {
            if let p = knownString(key, trace) { return (p, true) }
        }
        if let p = origin.resourceProject { return (p, true) }
        if let s = origin.serviceName { return (s, false) }
        return nil
    }

    func modelOf(_ trace: TraceRecord) -> StringID? {
        for key in WellKnownKey.modelKeys {
            if let m = knownString(key, trace) { return m }
        }
        return nil
    }

    func providerOf(_ trace: TraceRecord) -> StringID? {
        for key in WellKnownKey.providerKeys {
            if let p = knownString(key, trace) { return p }
        }
        return nil
    }
}
