import Testing

@testable import SpanCore

/// Message lists interned as pieces (`StringInterner.internSplitting`): a model call's input
/// repeats the earlier calls' messages, and those are stored once; every text reads back byte
/// for byte, is found by its whole text, and survives sweeps with its pieces.
struct SplitStringTests {
    static func intern(_ s: inout StringInterner, _ text: String) -> StringID {
        var text = text
        return text.withUTF8 { s.internSplitting($0.baseAddress!, $0.count) }
    }

    static let message =
        #"{"role":"user","parts":[{"type":"text","content":"When is Kyoto best? [autumn, \"late\"]"}]}"#
    static let answer = #"{"role":"assistant","parts":[{"type":"text","content":"Mid-November {maples}"}]}"#

    @Test func arraysReadBackExactlyAndShareTheirElements() {
        var s = StringInterner()
        let first = "[" + Self.message + "," + Self.answer + "]"
        let second = "[" + Self.message + ", " + Self.answer + ",\n  " + Self.message + " ]"
        let a = Self.intern(&s, first)
        let before = s.arenaBytes
        let b = Self.intern(&s, second)
        #expect(s.string(a) == first)
        #expect(s.string(b) == second)
        #expect(s.length(b) == second.utf8.count)
        // The second list added only its own separators and piece ids, not the messages again.
        #expect(s.arenaBytes - before < 64)
        #expect(s.pieces(of: a)?.count == 5)
        #expect(s.pieces(of: b)?.count == 7)
        #expect(s.pieces(of: a)?[1] == s.pieces(of: b)?[1])
        // Found by its whole text, however it is interned next.
        #expect(s.lookup(second) == b)
        #expect(s.intern(second) == b)
        #expect(Self.intern(&s, first) == a)
    }

    @Test func whatIsNotAnArrayOfTwoIsStoredWhole() {
        var s = StringInterner()
        for text in [
            "[]", "[" + Self.message + "]", "[1,2", "[1,,2]", "[1,2] trailing", "{\"a\": [1,2]}", "plain",
            "[\"a\\\"],[\", 2]",
        ] {
            let id = Self.intern(&s, text)
            #expect(s.string(id) == text, "\(text)")
            let split = s.pieces(of: id) != nil
            #expect(split == (text == "[\"a\\\"],[\", 2]"), "\(text)")
        }
    }

    @Test func sweepsKeepALiveListsPiecesAndFreeADeadOnes() {
        var s = StringInterner()
        let shared = "[" + Self.message + "," + Self.answer + "]"
        let alone = "[\"only here, in this list\", \"and here\"]"
        let kept = Self.intern(&s, shared)
        let dropped = Self.intern(&s, alone)
        var marks = StringMarks(limit: s.idLimit)
        marks.mark(kept)
        _ = s.sweep(keeping: marks.bits)
        #expect(s.string(kept) == shared)
        #expect(s.lookup(alone) == nil)
        #expect(s.lookup("\"only here, in this list\"") == nil)
        #expect(s.lookup(Self.message) != nil, "a live list's piece stays")
        _ = dropped
        // Interned again after the sweep, it reads back and dedupes as before.
        let again = Self.intern(&s, alone)
        #expect(s.string(again) == alone)
        #expect(Self.intern(&s, shared) == kept)
    }
}
