import Foundation

/// The theme files shipped in `themes/`, read from the package's resource bundle.
public enum BundledThemes {
    public static let names = ["default", "light", "high-contrast", "mono"]

    /// The text of the bundled theme `name`, or nil when there is none by that name.
    public static func text(named name: String) -> String? {
        guard names.contains(name),
            let url = Bundle.module.url(forResource: name, withExtension: "theme"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
