/// The theme files shipped in `themes/`, embedded in the binary at build time.
///
/// Embedded rather than a resource bundle: an installed or copied binary has no bundle beside
/// it, and SwiftPM's generated `Bundle.module` stops the program when the bundle is missing.
public enum BundledThemes {
    public static let names = ["default", "light", "high-contrast", "mono"]

    /// The text of the bundled theme `name`, or nil when there is none by that name.
    public static func text(named name: String) -> String? {
        let bytes: [UInt8]
        switch name {
        case "default": bytes = PackageResources.default_theme
        case "light": bytes = PackageResources.light_theme
        case "high-contrast": bytes = PackageResources.high_contrast_theme
        case "mono": bytes = PackageResources.mono_theme
        default: return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
