import CNcursesw
import CResize
import TUI

/// The only code that talks to curses: draws the difference between frames and turns key,
/// mouse and resize input into `InputEvent`s.
public final class CursesTerminal {
    private var previous: Screen?
    private var runs: [CellRun] = []
    private var wide: [wchar_t] = []
    private var attributes: [UInt32] = []
    private var pairs: [Int32] = []
    /// Colours the terminal reports; the theme falls back from 256 to 16 to 8 to none.
    public let colors: Int
    private var ended = false

    /// Starts curses and sets up one colour pair per role.
    /// - Parameters:
    ///   - theme: the look; `useColor: false` (NO_COLOR) keeps only its attributes.
    public init(theme: Theme, useColor: Bool, mouse: Bool = true) throws(TerminalError) {
        guard spantop_curses_start(mouse ? 1 : 0) == 0 else { throw TerminalError("cannot start curses") }
        let reported = spantop_has_colors() == 1 ? Int(spantop_colors()) : 0
        colors = useColor ? reported : 0
        apply(theme)
    }

    /// Maps roles to colour pairs and attributes.
    public func apply(_ theme: Theme) {
        let usable = colors >= 8 && Int(spantop_color_pairs()) > Role.allCases.count
        let effective = usable ? theme : theme.withoutColors
        attributes = Role.allCases.map { role in
            let s = effective[role]
            return spantop_attributes(s.bold ? 1 : 0, s.underline ? 1 : 0, s.reverse ? 1 : 0, s.dim ? 1 : 0)
        }
        pairs = Role.allCases.map { role in
            guard usable else { return 0 }
            let s = effective[role]
            let pair = Int32(role.rawValue) + 1
            _ = spantop_init_pair(
                pair, Int32(s.foreground.index(forColors: colors)), Int32(s.background.index(forColors: colors)))
            return pair
        }
        previous = nil
    }

    /// The descriptor keys arrive on (curses reads the standard input): poll it to sleep until
    /// a key.
    public var inputDescriptor: Int32 { 0 }

    /// Makes a terminal resize also write to `descriptor` (a pipe the UI loop polls), since
    /// the signal may be delivered to another thread than the one sleeping.
    public func wakeOnResize(_ descriptor: Int32) { spantop_wake_on_resize(descriptor) }

    public var size: (width: Int, height: Int) { (Int(spantop_cols()), Int(spantop_lines())) }

    /// Writes only the cells that changed since the last frame.
    public func draw(_ screen: Screen) {
        screen.changes(since: previous, into: &runs)
        for run in runs {
            wide.removeAll(keepingCapacity: true)
            for s in run.scalars { wide.append(wchar_t(bitPattern: s.value)) }
            let role = Int(run.role.rawValue)
            wide.withUnsafeBufferPointer { buffer in
                spantop_put(
                    Int32(run.y), Int32(run.x), buffer.baseAddress, Int32(buffer.count), pairs[role], attributes[role])
            }
        }
        if previous == nil || !runs.isEmpty { spantop_refresh() }
        previous = screen
    }

    /// Forgets the last frame so the next draw repaints everything (after a resize).
    public func invalidate() {
        previous = nil
        spantop_clear_all()
    }

    /// Waits up to `timeoutMilliseconds` for input; nil when none arrived.
    public func read(timeoutMilliseconds: Int) -> InputEvent? {
        var value: Int32 = 0
        switch spantop_read(Int32(timeoutMilliseconds), &value) {
        case 0: return KeyDecoding.character(value).map(InputEvent.key)
        case 1:
            if value == KEY_RESIZE {
                invalidate()
                return .resize(width: size.width, height: size.height)
            }
            if value == KEY_MOUSE {
                var x: Int32 = 0
                var y: Int32 = 0
                switch spantop_mouse(&x, &y) {
                case 1: return .click(x: Int(x), y: Int(y))
                case 4: return .wheel(x: Int(x), y: Int(y), delta: -3)
                case 5: return .wheel(x: Int(x), y: Int(y), delta: 3)
                default: return nil
                }
            }
            return KeyDecoding.function(value).map(InputEvent.key)
        default: return nil
        }
    }

    /// Restores the terminal. Safe to call more than once.
    /// Rings the terminal bell (or flashes, where the terminal has no bell).
    public func bell() { beep() }

    public func end() {
        guard !ended else { return }
        ended = true
        spantop_wake_on_resize(-1)
        spantop_curses_end()
    }

    deinit { end() }
}

/// Why the terminal could not be used.
public struct TerminalError: Error, CustomStringConvertible {
    public var description: String
    init(_ d: String) { description = d }
}
