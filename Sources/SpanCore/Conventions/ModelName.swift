/// What counts as the same model when a call names the one it asked for and the one that
/// answered: a dated snapshot of the requested model (`gpt-4o-mini` → `gpt-4o-mini-2024-07-18`)
/// is the same model; `gpt-4o` → `gpt-4o-mini` is not.
public enum ModelName {
    public static func isMismatch(requested: String, served: String) -> Bool {
        guard requested != served else { return false }
        let asked = requested.utf8
        let got = served.utf8
        guard got.starts(with: asked) else { return true }
        let rest = got.dropFirst(asked.count)
        guard rest.first == UInt8(ascii: "-"), let digit = rest.dropFirst().first else { return true }
        return !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit)
    }
}
