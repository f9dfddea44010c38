import Testing

@testable import SpanCore

/// Message content in each family, read from one span's attributes and events.
struct MessageReaderTests {
    static let user = #"[{"role":"user","parts":[{"type":"text","content":"hi"}]}]"#
    static let answer = #"[{"role":"assistant","parts":[{"type":"text","content":"hello"}],"finish_reason":"length"}]"#

    @Test func genAIJSONAttributes() {
        let r = MessageReader([
            "gen_ai.input.messages": .string(Self.user), "gen_ai.output.messages": .string(Self.answer),
            "gen_ai.system_instructions": .string(#"[{"type":"text","content":"be brief"}]"#),
        ])
        #expect(r.system.first?.parts == [.text("be brief")])
        #expect(r.input.first?.parts == [.text("hi")])
        #expect(r.output.first?.parts == [.text("hello")])
        #expect(r.finishReasons == ["length"])
    }

    @Test func theOperationDetailsEvent() {
        let event = EventRecord(
            name: "gen_ai.client.inference.operation.details",
            attributes: [
                KeyValue("gen_ai.input.messages", .string(Self.user)),
                KeyValue("gen_ai.output.messages", .string(Self.answer)),
            ])
        let r = MessageReader([:], events: [event])
        #expect(r.input.count == 1)
        #expect(r.output.first?.parts == [.text("hello")])
    }

    @Test func openInferenceInputValueAndIndexed() {
        let r = MessageReader([
            "input.value": .string(#"{"model":"m","messages":[{"role":"user","content":"from input.value"}]}"#),
            "llm.output_messages.0.message.role": "assistant",
            "llm.output_messages.0.message.content": "done",
            "llm.output_messages.0.message.contents.0.message_content.text": "done",
        ])
        #expect(r.input.first?.parts == [.text("from input.value")])
        #expect(r.output.first?.parts == [.text("done")])  // the same text twice is one part
    }

    @Test func malformedContentIsKeptRaw() {
        let r = MessageReader(["gen_ai.input.messages": "[{\"role\": \"user\", \"parts\": ["])
        #expect(r.input.first?.parts == [.text("[{\"role\": \"user\", \"parts\": [")])
        let parts = MessageReader.parts(of: "plain instructions")
        #expect(parts == [.text("plain instructions")])
        #expect(
            MessageReader.part(.object([("type", .string("image")), ("mime_type", .string("image/png"))]))
                == .blob("[image image/png]"))
    }
}

/// The byte search under content search: case folded for ASCII letters, anchored on the rarest
/// byte, never reading outside the text.
struct TextSearchTests {
    @Test func findsWhereverTheTextIs() {
        #expect(TextSearch.contains("Tofuku-ji opens at 06:00", "tofuku"))
        #expect(TextSearch.contains("Tofuku-ji opens at 06:00", "06:00"))
        #expect(TextSearch.contains("ends with Kyoto", "KYOTO"))
        #expect(TextSearch.contains("xxxxxxxxxxq", "xq"))
        #expect(!TextSearch.contains("Kyot", "kyoto"))
        #expect(!TextSearch.contains("abc", ""))
        #expect(TextSearch.contains("Kraków and Quito", "kraków"))
        #expect(!TextSearch.contains("KRAKÓW", "kraków"), "only ASCII letters fold")
    }
}
