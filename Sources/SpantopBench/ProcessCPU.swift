#if canImport(Glibc)
    import Glibc
#endif

/// CPU time (user + system) this process has used, all threads: the load generators report
/// their own cost, since they share the machine's cores with the server they measure.
enum ProcessCPU {
    /// Seconds of CPU used so far.
    static func seconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}
