/// Error and critical `log.message` lines: kept per project, linked to the task they name.
extension TraceStore {
    func recordLog(_ span: StoredSpan, _ trace: TraceRecord, project: StringID) {
        let message = knownString(.logMessage, trace) ?? span.statusMessage
        let mentioned = LogMention.taskID(in: strings.string(message)).map { strings.intern($0) } ?? .empty
        let p = projectSlot(project)
        revive(p)
        projectTable.records[p].logs.append(
            LogEntry(
                time: span.startTime, level: knownString(.logLevel, trace) ?? .empty, message: message,
                mentionedTask: mentioned, trace: trace.serial))
        if trace.logProjects.last != project && !trace.logProjects.contains(project) {
            trace.logProjects.append(project)
        }
        touchProject(project, span)
    }
}
