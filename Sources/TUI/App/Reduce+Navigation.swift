import SpanCore

extension AppState {
    mutating func open(_ data: ViewData) {
        let v = view
        let selected = position(of: v).selected
        switch v {
        case .overview:
            let rows = data.projectRows()
            guard selected < rows.count else { return }
            tasks.project = data.store.projects[rows[selected]].id
            tasks.position = ListPosition()
            tasks.collapsed = []
            tab = .tasks
        case .tasks:
            let rows = data.taskRows(tasks)
            guard selected < rows.count else { return }
            let task = data.store.tasks[rows[selected].task]
            if task.source != .run, task.parentID.isEmpty, !task.children.isEmpty {
                // A workforce's root task, or a root run with nested runs: its project's tasks on
                // one time axis.
                drills.append(.timeline(project: task.project, workerLanes: false, ListPosition()))
            } else {
                drills.append(.waterfall(.task(rows[selected].task), ListPosition()))
            }
        case .timeline:
            guard case .timeline(let project, let lanes, let p)? = drills.last else { return }
            let rows = data.timelineRows(project: project, workerLanes: lanes)
            guard p.selected < rows.count, let t = rows[p.selected].task else { return }
            drills.append(.waterfall(.task(t), ListPosition()))
        case .failures:
            let rows = data.failureRows()
            guard selected < rows.count else { return }
            let failure = rows[selected]
            let target = WaterfallTarget.task(failure.task)
            var p = ListPosition()
            // Land on the failed span itself.
            let (trace, spans) = data.waterfallRows(target)
            if let trace, let i = spans.firstIndex(where: { trace.spans[$0.span].spanID == failure.spanID }) {
                p.selected = i
                p.top = max(0, i - Layout.listHeight(.waterfall, height: height) / 2)
            }
            drills.append(.waterfall(target, p))
        case .waterfall:
            guard case .waterfall(let target, let p)? = drills.last else { return }
            let (trace, rows) = data.waterfallRows(target)
            guard let trace, p.selected < rows.count else { return }
            drills.append(.detail(trace: trace.id, span: trace.spans[rows[p.selected].span].spanID, scroll: 0))
        case .transcript:
            // `enter` unfolds (and folds again) the long texts.
            if case .transcript(var page)? = drills.last {
                page.unfolded.toggle()
                drills[drills.count - 1] = .transcript(page)
            }
        case .workers, .forwarding, .models, .detail:
            return
        }
    }

    /// The conversation of the selected task; from the failures view it opens at the first
    /// failure in it.
    mutating func openTranscript(_ data: ViewData) {
        let selected = position(of: view).selected
        var task: TaskIndex?
        var atFailure = false
        switch view {
        case .tasks:
            let rows = data.taskRows(tasks)
            if selected < rows.count { task = rows[selected].task }
        case .failures:
            let rows = data.failureRows()
            if selected < rows.count { task = rows[selected].task }
            atFailure = true
        case .waterfall:
            if case .waterfall(.task(let t), _)? = drills.last { task = t }
        case .detail:
            // A model call's span: that call alone.
            if case .detail(let trace, let span, _)? = drills.last,
                let spanID = Optional(SpanID(span)), data.store.transcript(ofCall: spanID, in: trace) != nil
            {
                drills.append(.transcript(TranscriptPage(.call(trace: trace, span: span))))
                return
            }
            say("not a model call: press c on a task, a failure or a model call's span")
            return
        default: break
        }
        guard let task else { return }
        var page = TranscriptPage(.task(task))
        let lines = data.transcriptLines(page, width: Layout.detailTextWidth(width))
        if atFailure, let i = lines.firstIndex(where: { $0.role == .error }) {
            page.scroll = max(0, i - Layout.listHeight(.transcript, height: height) / 3)
        }
        drills.append(.transcript(page))
    }

    mutating func openTrace(_ data: ViewData) {
        let selected = position(of: view).selected
        var traceID: TraceID?
        switch view {
        case .tasks:
            let rows = data.taskRows(tasks)
            if selected < rows.count { traceID = data.store.tasks[rows[selected].task].traceID }
        case .failures:
            let rows = data.failureRows()
            if selected < rows.count { traceID = data.store.tasks[rows[selected].task].traceID }
        case .timeline:
            if case .timeline(let project, let lanes, let p)? = drills.last {
                let rows = data.timelineRows(project: project, workerLanes: lanes)
                if p.selected < rows.count, let t = rows[p.selected].task { traceID = data.store.tasks[t].traceID }
            }
        case .waterfall:
            if case .waterfall(.task(let t), _)? = drills.last {
                drills.removeLast()
                traceID = data.store.tasks[t].traceID
            }
        default: break
        }
        guard let traceID else { return }
        guard data.store.trace(traceID) != nil else {
            say("that trace is no longer stored (evicted by --max-spans)")
            return
        }
        drills.append(.waterfall(.trace(traceID), ListPosition()))
    }

    /// The trace on screen, for export.
    func currentTrace(_ data: ViewData) -> TraceID? {
        switch drills.last {
        case .detail(let trace, _, _)?: return trace
        case .waterfall(let target, _)?: return data.trace(of: target)?.id
        default: return nil
        }
    }

    mutating func collapse(_ data: ViewData) {
        guard view == .tasks else { return }
        let rows = data.taskRows(tasks)
        let i = tasks.position.selected
        guard i < rows.count else { return }
        if rows[i].hasChildren && !rows[i].isCollapsed {
            tasks.collapsed.insert(rows[i].task)
            return
        }
        // Already folded or a leaf: go to the parent row.
        var j = i - 1
        while j >= 0, rows[j].depth >= rows[i].depth { j -= 1 }
        if j >= 0 { _ = apply(.select(row: j), data: data) }
    }

    mutating func expand(_ data: ViewData) {
        guard view == .tasks else { return }
        let rows = data.taskRows(tasks)
        let i = tasks.position.selected
        guard i < rows.count else { return }
        tasks.collapsed.remove(rows[i].task)
    }
}
