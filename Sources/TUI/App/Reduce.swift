import SpanCore

/// The Elm-style update: applies `action` to `state`, returning the effects the loop must
/// carry out. `data` answers what the lists hold; nothing here performs I/O.
public func reduce(_ state: inout AppState, _ action: Action, data: ViewData) -> [Effect] {
    state.apply(action, data: data)
}

extension AppState {
    mutating func apply(_ action: Action, data: ViewData) -> [Effect] {
        switch action {
        case .moveDown: move(by: 1, data)
        case .moveUp: move(by: -1, data)
        case .pageDown: move(by: Layout.listHeight(view, height: height), data)
        case .pageUp: move(by: -Layout.listHeight(view, height: height), data)
        case .top: move(by: -Int.max / 2, data)
        case .bottom: move(by: Int.max / 2, data)
        case .select(let row):
            let current = position(of: view).selected
            move(by: row - current, data)
        case .scroll(let delta): move(by: delta, data)
        case .open: open(data)
        case .openTrace: openTrace(data)
        case .back: back()
        case .nextTab: show(Tab(rawValue: (tab.rawValue + 1) % Tab.allCases.count)!)
        case .previousTab: show(Tab(rawValue: (tab.rawValue + Tab.allCases.count - 1) % Tab.allCases.count)!)
        case .showTab(let t): show(t)
        case .toggleHelp: showHelp.toggle()
        case .toggleLanes:
            if case .timeline(let project, let lanes, _)? = drills.last {
                drills[drills.count - 1] = .timeline(project: project, workerLanes: !lanes, ListPosition())
                say(lanes ? "a row per task" : "a row per worker: idle gaps and overload show")
            }
        case .toggleTools:
            showTools.toggle()
            workers = ListPosition()
            say(showTools ? "tools: calls, errors, p95 and how often models were offered each" : "workers and agents")
        case .openTranscript: openTranscript(data)
        case .collapse: collapse(data)
        case .expand: expand(data)
        case .cycleSort: sort(by: TaskSort(rawValue: (tasks.sort.rawValue + 1) % TaskSort.allCases.count)!)
        // A click on the title of the column already sorted by turns the order around, as `S` does.
        case .reverseSort, .sort(tasks.sort):
            tasks.descending.toggle()
            saySort()
        case .sort(let key): sort(by: key)
        case .cycleFilter:
            let order: [TaskStatus?] = [nil, .failed, .running, .pending, .completed]
            let i = order.firstIndex(of: tasks.filter) ?? 0
            tasks.filter = order[(i + 1) % order.count]
            tasks.position = ListPosition()
            say("showing \(tasks.filter?.name ?? "all") tasks")
        case .startSearch: startSearch(view == .transcript ? .transcriptSearch : .taskSearch)
        case .startContentSearch: startSearch(.contentSearch)
        case .nextMatch(let forward): findInTranscript(data, from: 1, forward: forward)
        case .promptInput(let c):
            guard var p = prompt, p.count < 200 else { break }
            p.append(c)
            typed(p, data)
        case .promptBackspace:
            guard var p = prompt, !p.isEmpty else { break }
            p.removeLast()
            typed(p, data)
        case .promptCommit: prompt = nil
        case .promptCancel:
            prompt = nil
            typed("", data)
            prompt = nil
        case .exportTrace:
            if let id = currentTrace(data) { return [.exportTrace(id)] }
            say("no trace to export here: open a task's waterfall first")
        case .replay(let control):
            guard feed.mode == .replay else {
                say("pause and speed work in `spantop replay`")
                break
            }
            return [.replay(control)]
        case .quit:
            quitting = true
            return [.quit]
        case .resize(let w, let h):
            width = w
            height = h
            move(by: 0, data)
        case .tick(let t):
            now = t
            if notice != nil, noticeUntil.map({ t >= $0 }) ?? true { notice = nil }
        case .throughput(let rate):
            throughput.append(rate)
            if throughput.count > 120 { throughput.removeFirst(throughput.count - 120) }
        case .costs(let time, let byProject):
            // Projects gone from the store take their samples with them.
            costSamples = costSamples.filter { byProject[$0.key] != nil }
            for (project, cost) in byProject {
                var samples = costSamples[project, default: []]
                samples.append(CostSample(time: time, cost: cost))
                let from = time - Self.burnWindow
                if let keep = samples.firstIndex(where: { $0.time >= from }), keep > 0 { samples.removeFirst(keep) }
                costSamples[project] = samples
            }
        case .feed(let f): feed = f
        case .notice(let text): say(text)
        }
        return []
    }

    /// Sorts the task tree by `key`; amounts start with the largest.
    private mutating func sort(by key: TaskSort) {
        tasks.sort = key
        tasks.descending = [.tokens, .cost, .processing, .queue, .attempts, .quality].contains(key)
        saySort()
    }

    private mutating func saySort() {
        say("sorted by \(tasks.sort.title)\(tasks.descending ? " (descending)" : "")")
    }

    mutating func say(_ text: String) {
        notice = text
        noticeUntil = now.map { $0 + Self.noticeShown }
    }

    /// The list position of a view.
    public func position(of view: ViewID) -> ListPosition {
        switch view {
        case .overview: return overview
        case .tasks: return tasks.position
        case .workers: return workers
        case .failures: return failures
        case .forwarding: return forwarding
        case .models: return models
        case .waterfall:
            if case .waterfall(_, let p)? = drills.last { return p }
            return ListPosition()
        case .timeline:
            if case .timeline(_, _, let p)? = drills.last { return p }
            return ListPosition()
        case .detail:
            if case .detail(_, _, let scroll)? = drills.last {
                var p = ListPosition()
                p.top = scroll
                p.selected = scroll
                return p
            }
            return ListPosition()
        case .transcript:
            if case .transcript(let page)? = drills.last {
                var p = ListPosition()
                p.top = page.scroll
                p.selected = page.scroll
                return p
            }
            return ListPosition()
        }
    }

    private mutating func setPosition(_ p: ListPosition, of view: ViewID) {
        switch view {
        case .overview: overview = p
        case .tasks: tasks.position = p
        case .workers: workers = p
        case .failures: failures = p
        case .forwarding: forwarding = p
        case .models: models = p
        case .waterfall:
            if case .waterfall(let target, _)? = drills.last { drills[drills.count - 1] = .waterfall(target, p) }
        case .timeline:
            if case .timeline(let project, let lanes, _)? = drills.last {
                drills[drills.count - 1] = .timeline(project: project, workerLanes: lanes, p)
            }
        case .detail:
            if case .detail(let trace, let span, _)? = drills.last {
                drills[drills.count - 1] = .detail(trace: trace, span: span, scroll: p.top)
            }
        case .transcript:
            if case .transcript(var page)? = drills.last {
                page.scroll = p.top
                drills[drills.count - 1] = .transcript(page)
            }
        }
    }

    /// Rows of the current view's list.
    func rowCount(_ view: ViewID, _ data: ViewData) -> Int {
        switch view {
        case .overview: return data.projectRows().count
        case .tasks: return data.taskRows(tasks).count
        case .workers: return showTools ? data.toolRows().count : data.workerRows().count
        case .failures: return data.failureRows().count
        case .forwarding: return feed.destinations.count
        case .models: return data.modelRows().count
        case .waterfall:
            if case .waterfall(let target, _)? = drills.last { return data.waterfallRows(target).rows.count }
            return 0
        case .timeline:
            if case .timeline(let project, let lanes, _)? = drills.last {
                return data.timelineRows(project: project, workerLanes: lanes).count
            }
            return 0
        case .detail: return data.detailLineCount(self)
        case .transcript:
            if case .transcript(let page)? = drills.last {
                return data.transcriptLines(page, width: Layout.detailTextWidth(width)).count
            }
            return 0
        }
    }

    private mutating func move(by delta: Int, _ data: ViewData) {
        let v = view
        let count = rowCount(v, data)
        let visible = Layout.listHeight(v, height: height)
        var p = position(of: v)
        if v.isPage {
            // A page scrolls; there is no selection.
            p.top = max(0, min(p.top.addingReportingOverflow(delta).partialValue, count - visible))
            setPosition(p, of: v)
            return
        }
        guard count > 0 else {
            setPosition(ListPosition(), of: v)
            return
        }
        p.selected = max(0, min(count - 1, p.selected.addingReportingOverflow(delta).partialValue))
        if p.selected < p.top { p.top = p.selected }
        if p.selected >= p.top + visible { p.top = p.selected - visible + 1 }
        p.top = max(0, min(p.top, max(0, count - visible)))
        setPosition(p, of: v)
    }

    private mutating func show(_ t: Tab) {
        drills.removeAll()
        tab = t
        prompt = nil
    }

    private mutating func back() {
        if showHelp {
            showHelp = false
        } else if prompt != nil {
            prompt = nil
        } else if !drills.isEmpty {
            drills.removeLast()
        } else if tab != .overview {
            tab = .overview
        }
    }
}
