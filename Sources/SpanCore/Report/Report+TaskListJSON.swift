import Dispatch

extension Report {
    /// Lists shorter than this are written on the caller's thread: a second thread costs more
    /// than it saves.
    static var parallelTaskListFrom: Int { 8_192 }

    /// A project's `task_list` elements, `, ` between them: a long list is written in two
    /// halves on two threads (the report of a large recording spends half its time here), then
    /// joined; the bytes are the same as writing it in one pass.
    static func taskListElements(_ tasks: [Task]) -> [UInt8] {
        guard tasks.count >= parallelTaskListFrom else { return elements(tasks[...]) }
        let middle = tasks.count / 2
        let halves = [tasks[..<middle], tasks[middle...]]
        nonisolated(unsafe) var written: [[UInt8]] = [[], []]
        written.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let slots = out
            DispatchQueue.concurrentPerform(iterations: 2) { i in slots[i] = elements(halves[i]) }
        }
        return written[0] + [UInt8(ascii: ","), UInt8(ascii: " ")] + written[1]
    }

    private static func elements(_ tasks: ArraySlice<Task>) -> [UInt8] {
        var w = JSONWriter()
        for t in tasks { w.task(t) }
        return w.bytes
    }
}
