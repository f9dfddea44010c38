extension RunDiff {
    /// Pairs the tasks of two runs of a project.
    ///
    /// First by description: the k-th task with a description in one run pairs with the k-th
    /// task with the same description in the other (tasks come in order of creation). Then by
    /// position: the k-th subtask of a paired parent pairs with the k-th subtask of its partner
    /// when neither is paired yet, and so on down the tree. Top-level tasks count as subtasks of
    /// the paired projects.
    enum TaskMatcher {
        /// - Returns: for each before task the index of its after partner or -1, and the reverse.
        static func match(_ before: Project, _ after: Project) -> (forward: [Int], backward: [Int]) {
            let (b, a) = (before.tasks, after.tasks)
            var forward = [Int](repeating: -1, count: b.count)
            var backward = [Int](repeating: -1, count: a.count)
            // Parents whose subtasks still have to be paired by position; the two roots stand
            // for the projects.
            var work: [(Int, Int)] = [(b.count, a.count)]

            // Before tasks by description: the first unpaired one, and after each the next
            // with the same description (-1 at the end).
            var first: [String: Int] = [:]
            first.reserveCapacity(b.count)
            var next = [Int](repeating: -1, count: b.count)
            for i in b.indices.reversed() {
                next[i] = exchange(&first[b[i].name, default: -1], i)
            }
            for j in a.indices {
                guard let slot = first.index(forKey: a[j].name) else { continue }
                let i = first.values[slot]
                guard i >= 0 else { continue }
                first.values[slot] = next[i]
                forward[i] = j
                backward[j] = i
                work.append((i, j))
            }

            while let (i, j) = work.popLast() {
                for (cb, ca) in zip(before.tree.children(of: i), after.tree.children(of: j))
                where forward[cb] < 0 && backward[ca] < 0 {
                    forward[cb] = ca
                    backward[ca] = cb
                    work.append((cb, ca))
                }
            }
            return (forward, backward)
        }

        private static func exchange(_ value: inout Int, _ new: Int) -> Int {
            defer { value = new }
            return value
        }
    }

    /// Subtasks of each task in order of creation, in one flat list. Node `tasks.count` stands
    /// for the project: its subtasks are the tasks without a parent in the project.
    struct Tree {
        private var start: [Int]
        private var list: [Int]

        init(_ tasks: [Report.Task]) {
            let n = tasks.count
            var index: [String: Int] = [:]
            index.reserveCapacity(n)
            for i in tasks.indices { index[tasks[i].id] = i }
            var parent = [Int](repeating: n, count: n)
            start = [Int](repeating: 0, count: n + 3)
            for i in tasks.indices {
                if let id = tasks[i].parentID, let p = index[id], p != i { parent[i] = p }
                start[parent[i] + 2] += 1
            }
            for k in 2..<start.count { start[k] += start[k - 1] }
            // start[p + 1] is where p's subtasks go next; once all are placed it is where they end.
            list = [Int](repeating: 0, count: n)
            for i in 0..<n {
                list[start[parent[i] + 1]] = i
                start[parent[i] + 1] += 1
            }
        }

        func children(of node: Int) -> ArraySlice<Int> { list[start[node]..<start[node + 1]] }
    }
}
