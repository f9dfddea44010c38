/// An append-only array stored in fixed-size chunks. Unlike `Array` it never doubles and
/// copies: a table of hundreds of thousands of records carries at most one chunk of slack.
public struct ChunkedArray<Element>: RandomAccessCollection, MutableCollection {
    // Inlinable reads: the TUI's list builders read hundreds of thousands of task records per
    // rebuild, and a call into this module per read copied each record through its witness table.
    @inlinable static var chunkShift: Int { 12 }
    @inlinable static var chunkSize: Int { 1 << chunkShift }

    @usableFromInline var chunks: [[Element]] = []
    public private(set) var count = 0

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        get { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
        set { chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] = newValue }
        _modify { yield &chunks[position >> Self.chunkShift][position & (Self.chunkSize - 1)] }
    }

    public mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    /// Elements the allocated chunks can hold.
    public var capacity: Int { chunks.reduce(0) { $0 + $1.capacity } }
}

extension ChunkedArray: Sendable where Element: Sendable {}
