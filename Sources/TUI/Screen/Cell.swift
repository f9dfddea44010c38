/// One terminal cell: a scalar and its role. The right half of a wide character is a
/// continuation cell that draws nothing.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var role: Role
    public var isContinuation: Bool

    public init(_ scalar: Unicode.Scalar = " ", role: Role = .normal, isContinuation: Bool = false) {
        self.scalar = scalar
        self.role = role
        self.isContinuation = isContinuation
    }

    public static let blank = Cell()
}
