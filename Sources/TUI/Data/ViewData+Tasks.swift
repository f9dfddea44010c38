import SpanCore

/// What the task rows depend on besides the store.
struct TaskTreeKey: Equatable {
    var project: StringID?
    var collapsed: Set<TaskIndex>
    var sort: TaskSort
    var descending: Bool
    var filter: TaskStatus?
    var search: String
    var contentSearch: String
}

extension ViewData {
    /// The project the task tree shows: the chosen one, else the first by name.
    public func taskProject(_ tree: TaskTreeState) -> ProjectRecord? {
        if let id = tree.project, let p = store.projects.first(where: { $0.id == id }) { return p }
        return projectRows().first.map { store.projects[$0] }
    }

    /// The visible rows of the task tree, parents before their subtasks.
    public func taskRows(_ tree: TaskTreeState) -> [TaskRow] {
        let project = taskProject(tree)
        // Keyed by the project shown, not the one asked for: no choice and choosing the first
        // project show the same rows.
        let key = TaskTreeKey(
            project: project?.id, collapsed: tree.collapsed, sort: tree.sort, descending: tree.descending,
            filter: tree.filter, search: tree.search, contentSearch: tree.contentSearch)
        return cached(&taskCache, key: key) {
            guard let project else { return [] }
            return buildTaskRows(project, key)
        }
    }

    private func buildTaskRows(_ project: ProjectRecord, _ key: TaskTreeKey) -> [TaskRow] {
        let tasks = store.tasks
        let inProject = project.tasks
        let narrowing = key.filter != nil || !key.search.isEmpty || !key.contentSearch.isEmpty
        let mentioning = key.contentSearch.isEmpty ? nil : contentMatches(key.contentSearch).tasks
        // With a filter or search, a task shows when it matches or a subtask does.
        var shown: TaskMarks? = nil
        if narrowing {
            var set = TaskMarks(slots: tasks.count)
            let query = key.search.lowercased()
            for t in inProject where matches(t, key.filter, query) && mentioning.map({ $0.contains(t) }) ?? true {
                var current: TaskIndex? = t
                var steps = 0
                while let c = current, steps < 256, set.insert(c) {
                    let parent = tasks[c].parentID
                    current = parent.isEmpty ? nil : project.taskIndex[parent]
                    steps += 1
                }
            }
            shown = set
        }
        var roots: [TaskIndex] = []
        for t in inProject {
            let parent = tasks[t].parentID
            if parent.isEmpty || project.taskIndex[parent] == nil { roots.append(t) }
        }
        let rollups = store.rollups(inProject)
        let path = TaskMarks(slots: tasks.count, marking: store.criticalPath(project)?.tasks ?? [])
        let outliers = TaskMarks(slots: tasks.count, marking: store.outliers(project))
        let order = TaskOrder(store: store, sort: key.sort, descending: key.descending)
        var rows: [TaskRow] = []
        rows.reserveCapacity(inProject.count)
        var visited = TaskMarks(slots: tasks.count)
        // Depth-first with an explicit stack: parent chains in span data can be long or cyclic.
        func walk(_ start: [TaskIndex]) {
            // Folded subtasks are walked too (as hidden) so they do not count as unreachable.
            var stack: [(task: TaskIndex, depth: Int, hidden: Bool)] = order.sorted(start).reversed().map {
                ($0, 0, false)
            }
            while let (t, depth, hidden) = stack.popLast() {
                guard visited.insert(t) else { continue }
                let children = tasks[t].children
                if hidden || (shown.map { !$0.contains(t) } ?? false) {
                    for c in children { stack.append((c, depth + 1, true)) }
                    continue
                }
                let collapsed = key.collapsed.contains(t) && !narrowing
                rows.append(
                    TaskRow(
                        task: t, depth: depth, hasChildren: !children.isEmpty, isCollapsed: collapsed,
                        rollup: children.isEmpty ? nil : rollups[t], critical: path.contains(t),
                        outlier: outliers.contains(t)))
                for c in order.sorted(children).reversed() { stack.append((c, depth + 1, collapsed)) }
            }
        }
        walk(roots)
        // Tasks only reachable through a cycle of parents still appear, at the top level.
        let unreached = inProject.filter { !visited.contains($0) && (shown?.contains($0) ?? true) }
        if !unreached.isEmpty { walk(unreached) }
        return rows
    }

    /// Tasks in every project whose conversations contain `text`, cached until the store changes.
    public func contentMatches(_ text: String) -> ContentMatches {
        cached(&contentSearchCache, key: text) {
            // The index outlives keystrokes while the store stands still; it narrows as you type.
            var index = cached(&contentIndexCache, key: 0) { store.contentIndex() }
            let found = store.tasks(withContent: text, in: &index)
            contentIndexCache?.value = index
            return found
        }
    }

    private func matches(_ t: TaskIndex, _ filter: TaskStatus?, _ query: String) -> Bool {
        let task = store.tasks[t]
        if let filter, task.status != filter { return false }
        if query.isEmpty { return true }
        if store.string(task.id).lowercased().contains(query) { return true }
        return !task.name.isEmpty && store.string(task.name).lowercased().contains(query)
    }
}
