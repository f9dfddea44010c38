extension RunDiff {
    /// Pairs the tasks of two runs of a project.
    ///
    /// First by description: the k-th task with a description in one run pairs with the k-th
    /// task with the same description in the other (tasks come in order of creation). Then by
    /// position: the k-th subtask of a paired parent pairs with the k-th subtask of its partner
    /// when neither is paired yet, and so on down the tree. Top-level tasks count as subtasks of
    /// the paired projects.
    enum TaskMatcher {
        /// - Parameters:
        ///   - before: the before run's tasks, in order of creation.
        ///   - after: the after run's tasks, in order of creation.
        /// - Returns: for each before task the index of its after partner or -1, and the reverse.
        static func match(_ before: [Report.Task], _ after: [Report.Task]) -> (forward: [Int], backward: [Int]) {
            var forward = [Int](repeating: -1, count: before.count)
            var backward = [Int](repeating: -1, count: after.count)
            // Parents whose subtasks still have to be paired by position; the two roots stand
            // for the projects.
            var work: [(Int, Int)] = [(before.count, after.count)]

            var byName: [String: [Int]] = [:]
            for (i, t) in before.enumerated() { byName[t.name, default: []].append(i) }
            var used: [String: Int] = [:]
            for (a, t) in after.enumerated() {
                guard let candidates = byName[t.name] else { continue }
                let k = used[t.name, default: 0]
                guard k < candidates.count else { continue }
                used[t.name] = k + 1
                forward[candidates[k]] = a
                backward[a] = candidates[k]
                work.append((candidates[k], a))
            }

            let beforeChildren = children(before)
            let afterChildren = children(after)
            while let (b, a) = work.popLast() {
                for (cb, ca) in zip(beforeChildren[b], afterChildren[a]) where forward[cb] < 0 && backward[ca] < 0 {
                    forward[cb] = ca
                    backward[ca] = cb
                    work.append((cb, ca))
                }
            }
            return (forward, backward)
        }

        /// Subtasks of each task in order of creation; the extra last list holds the tasks
        /// without a parent in the project.
        static func children(_ tasks: [Report.Task]) -> [[Int]] {
            var index: [String: Int] = [:]
            index.reserveCapacity(tasks.count)
            for (i, t) in tasks.enumerated() { index[t.id] = i }
            var lists = [[Int]](repeating: [], count: tasks.count + 1)
            for (i, t) in tasks.enumerated() {
                let parent = t.parentID.flatMap { index[$0] }.flatMap { $0 == i ? nil : $0 } ?? tasks.count
                lists[parent].append(i)
            }
            return lists
        }
    }
}
