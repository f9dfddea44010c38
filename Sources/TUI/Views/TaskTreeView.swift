import SpanCore

/// The tasks of one project as a tree, with status, worker, model, attempts, times, tokens,
/// cost and quality.
enum TaskTreeView {
    static func draw(_ s: inout Screen, _ state: AppState, _ data: ViewData) {
        let tree = state.tasks
        let project = data.taskProject(tree)
        let rows = data.taskRows(tree)
        var detail = "\(rows.count) shown · sort \(tree.sort.title)\(tree.descending ? " ↓" : " ↑")"
        if let f = tree.filter { detail += " · filter \(f.name)" }
        if !tree.search.isEmpty { detail += " · search \"\(tree.search)\"" }
        if !tree.contentSearch.isEmpty {
            if tree.contentSearch.utf8.count < ContentIndex.minimumQuery {
                detail += " · said \"\(tree.contentSearch)\": type \(ContentIndex.minimumQuery)+ characters"
            } else {
                let found = data.contentMatches(tree.contentSearch)
                detail +=
                    " · said \"\(tree.contentSearch)\": \(found.tasks.count) task\(found.tasks.count == 1 ? "" : "s")"
            }
        }
        Chrome.drawContext(&s, "Tasks › " + (project.map { data.store.string($0.id) } ?? "no project"), detail)
        let table = table(width: s.width)
        table.drawHeader(&s, y: Layout.listTop - 1, sort: tree.sort, descending: tree.descending)
        guard !rows.isEmpty else {
            Chrome.drawEmpty(&s, project == nil ? OverviewView.emptyText(state.feed) : "no task matches")
            return
        }
        let p = tree.position
        table.drawList(&s, rows, at: p, view: .tasks) { row in
            Cells(row: row, task: data.store.tasks[row.task], data: data, clock: state.feed.clock)
        }
    }

    /// The columns placed on a screen `width` wide; render and header clicks share it.
    static func table(width: Int) -> TableLayout<Cells, TaskSort> {
        TableLayout(columns, width: width - 1)
    }
}
