import FuzzSupport
import SpanCore

/// The user's pricing file (TOML subset) on arbitrary text; what parses must price a call.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    guard let prices = try? PricingFile.parse(text) else { return 0 }
    for (model, _) in prices {
        precondition(model == model.lowercased(), "model names are stored lowercased")
    }
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver with `fuzz` as the target.
@_cdecl("FuzzPricingFile_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
