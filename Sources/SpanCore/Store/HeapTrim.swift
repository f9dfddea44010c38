#if canImport(Glibc)
    import Glibc
#endif

/// Hands the allocator's free pages back to the system (glibc's `malloc_trim`). Eviction frees
/// memory in scattered pieces that glibc keeps; without this a long session's resident size
/// stays at its high-water mark rather than at what is live. False where unavailable.
public enum HeapTrim {
    private typealias Trim = @convention(c) (Int) -> Int32
    // Looked up once: the Glibc module does not export `malloc.h`.
    nonisolated(unsafe) private static let trim: Trim? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: Trim.self)
        #else
            return nil
        #endif
    }()

    @discardableResult
    public static func returnFreePages() -> Bool {
        guard let trim else { return false }
        _ = trim(0)
        return true
    }
}
