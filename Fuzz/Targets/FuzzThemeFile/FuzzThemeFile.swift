import FuzzSupport
import TUI

/// The theme file parser on arbitrary text; every colour it accepts must be a valid index at
/// each terminal depth (curses is handed these numbers).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    guard let theme = try? Theme.parse(text, name: "fuzz") else { return 0 }
    for role in Role.allCases {
        for color in [theme[role].foreground, theme[role].background] {
            for depth in [256, 16, 8] {
                let index = color.index(forColors: depth)
                precondition(index >= -1 && index < depth, "colour index \(index) at \(depth) colours")
            }
        }
    }
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzThemeFile_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
