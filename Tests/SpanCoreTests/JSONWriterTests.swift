import Foundation
import SpanCore
import Testing

/// The one JSON writer: what it writes, and that a JSON reader gets the values back.
@Suite struct JSONWriterTests {
    private func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        JSONWriter.appendString(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func quoted(bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    private func number(_ d: Double) -> String {
        var out: [UInt8] = []
        JSONWriter.appendNumber(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as the only element of an array, read back by Foundation.
    private func readBack(_ text: String) throws -> Any? {
        let array = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [Any]
        return array?.first
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let short: [UInt32: String] = [0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"]
        for value in UInt32(0)...0x1F {
            let c = String(UnicodeScalar(value)!)
            let expected = short[value] ?? String(format: "\\u%04x", value)
            #expect(quoted(c) == "\"\(expected)\"")
            #expect(try readBack(quoted("a\(c)b")) as? String == "a\(c)b")
        }
        #expect(quoted("\u{7F}") == #""\u007f""#)
    }

    @Test func quotesAndBackslashesAreEscaped() throws {
        #expect(quoted(#"say "hi" \o/"#) == #""say \"hi\" \\o/""#)
        #expect(try readBack(quoted(#"\"\\"#)) as? String == #"\"\\"#)
    }

    @Test func nonASCIITextPassesThroughAsUTF8() throws {
        for s in ["line\u{2028}separator\u{2029}", "emoji 🎉👩‍👩‍👧", "日本語", "ünïcödé"] {
            #expect(quoted(s) == "\"\(s)\"")
            #expect(try readBack(quoted(s)) as? String == s)
        }
    }

    @Test func invalidUTF8BecomesOneReplacementEscapePerByte() throws {
        // A stray continuation byte, a cut-short sequence, an encoded surrogate, an overlong "/".
        #expect(quoted(bytes: [0x61, 0x80, 0x62]) == #""a\ufffdb""#)
        #expect(quoted(bytes: [0x61, 0xE6, 0x97]) == #""a\ufffd\ufffd""#)
        #expect(quoted(bytes: [0xED, 0xA0, 0x80]) == #""\ufffd\ufffd\ufffd""#)
        #expect(quoted(bytes: [0xC0, 0xAF, 0xC3, 0xA9]) == "\"\\ufffd\\ufffdé\"")
        #expect(try readBack(quoted(bytes: [0x61, 0xFF])) as? String == "a\u{FFFD}")
        #expect(quoted(bytes: []) == #""""#)
    }

    @Test func integersAreExact() {
        var out: [UInt8] = []
        JSONWriter.appendInteger(Int64.min, to: &out)
        out.append(UInt8(ascii: " "))
        JSONWriter.appendInteger(UInt64.max, to: &out)
        out.append(UInt8(ascii: " "))
        JSONWriter.appendInteger(Int64(0), to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "-9223372036854775808 18446744073709551615 0")
    }

    @Test func doublesAreShortestRoundTripAndNonFiniteIsNull() throws {
        #expect(number(0.1) == "0.1")
        #expect(number(-0.0) == "-0.0")
        #expect(number(1e300) == "1e+300")
        #expect(number(5e-324) == "5e-324")
        #expect(number(.nan) == "null")
        #expect(number(.infinity) == "null")
        #expect(number(-.infinity) == "null")
        for d in [0.1, 1.0 / 3, -2.5e-8, 123_456_789.125, Double.greatestFiniteMagnitude, 9_007_199_254_740_993] {
            #expect(try (readBack(number(d)) as? NSNumber)?.doubleValue == d)
        }
        #expect(try readBack(number(.nan)) is NSNull)
    }

    @Test func reportRoundingKeepsItsSpelling() {
        var w = JSONWriter()
        w.beginArray()
        w.value(0.1234567891, digits: 9)
        w.value(12, digits: 2)
        w.value(-1e-12, digits: 9)
        w.value(2.0 / 3, digits: 2)
        w.value(.infinity, digits: 2)
        w.value(nil as Double?, digits: 2)
        w.endArray()
        #expect(w.text == "[0.123456789, 12.0, 0.0, 0.67, null, null]")
    }

    @Test func nestedDocumentsReadBack() throws {
        var w = JSONWriter()
        w.beginObject()
        w.field("s", "a\"b")
        w.field("n", nil as String?)
        w.field("i", Int64.max)
        w.field("ok", true)
        w.beginArray("list")
        w.beginObject()
        w.beginArray("empty")
        w.endArray()
        w.endObject()
        w.element("x")
        w.value(-0.5)
        w.endArray()
        w.beginObject("inner")
        w.endObject()
        w.key("section")
        w.beginArray()
        w.value(1)
        w.endArray()
        w.endObject()
        #expect(
            w.text == #"{"s": "a\"b", "n": null, "i": 9223372036854775807, "ok": true, "#
                + #""list": [{"empty": []}, "x", -0.5], "inner": {}, "section": [1]}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
        #expect(object["s"] as? String == "a\"b")
        #expect(object["n"] is NSNull)
        #expect((object["i"] as? NSNumber)?.int64Value == Int64.max)
        #expect(object["ok"] as? Bool == true)
        let list = try #require(object["list"] as? [Any])
        #expect((list[0] as? [String: Any])?["empty"] as? [Any] != nil)
        #expect(list[1] as? String == "x")
        #expect((list[2] as? NSNumber)?.doubleValue == -0.5)
        #expect((object["section"] as? [Int]) == [1])
    }

    @Test func sectionsFollowTheReportsOwnKeys() throws {
        let report = Report(TraceStore())
        let plain = report.jsonBytes()
        let section = JSONSection("forwarding") { w in
            w.beginArray()
            w.beginObject()
            w.field("name", "langfuse")
            w.endObject()
            w.endArray()
        }
        let composed = report.jsonBytes(extra: [section])
        #expect(composed == plain.dropLast() + Array(#", "forwarding": [{"name": "langfuse"}]}"#.utf8))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(composed)) as? [String: Any])
        #expect((object["forwarding"] as? [[String: String]])?.first?["name"] == "langfuse")
    }
}
