extension Array where Element == Double {
    /// The median of values already sorted ascending (the mean of the middle two for an even
    /// count); nil when empty.
    public var medianOfSorted: Double? {
        guard !isEmpty else { return nil }
        let mid = count / 2
        return count % 2 == 1 ? self[mid] : (self[mid - 1] + self[mid]) / 2
    }
}
