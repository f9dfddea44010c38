/// The hash dictionaries use for the store's own ids (string ids, task indexes, trace
/// serials, origins).
///
/// These ids are small integers the store hands out itself, never chosen by a sender, so
/// there is no flooding to defend against and SipHash (~80 instructions a probe, 10% of
/// ingest) buys nothing. A multiply and a shift spread the bits the table masks.
@inlinable
func idHash(_ value: UInt32, seed: Int) -> Int {
    let h = (UInt64(value) ^ UInt64(truncatingIfNeeded: seed)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: h ^ (h >> 32))
}
