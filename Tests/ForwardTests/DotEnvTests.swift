import Testing

@testable import Forward

@Suite struct DotEnvTests {
    @Test func parsesTheFormsPeopleWrite() {
        let parsed = DotEnv.parse(
            """
            # Langfuse
            LANGFUSE_PUBLIC_KEY=pk-lf-123
            export LANGFUSE_SECRET_KEY="sk-lf-456"
              LANGFUSE_BASE_URL = 'https://us.cloud.langfuse.com'   
            PLAIN=value # trailing comment
            HASH=abc#def
            EMPTY=
            QUOTED_HASH="a # b"
            ESCAPES="line\\nnext \\"q\\" back\\\\slash"
            SINGLE='no \\n escapes'
            WINDOWS=crlf\r

            """)
        #expect(parsed.badLines.isEmpty)
        #expect(
            parsed.values == [
                "LANGFUSE_PUBLIC_KEY": "pk-lf-123", "LANGFUSE_SECRET_KEY": "sk-lf-456",
                "LANGFUSE_BASE_URL": "https://us.cloud.langfuse.com", "PLAIN": "value", "HASH": "abc#def", "EMPTY": "",
                "QUOTED_HASH": "a # b", "ESCAPES": "line\nnext \"q\" back\\slash", "SINGLE": "no \\n escapes",
                "WINDOWS": "crlf",
            ])
    }

    @Test func laterAssignmentWinsAndBadLinesAreSkipped() {
        let parsed = DotEnv.parse("A=1\nnot an assignment\n=nokey\nB=\"unterminated\n1X=digit\nA=2\n")
        #expect(parsed.values == ["A": "2"])
        #expect(parsed.badLines == [2, 3, 4, 5])
    }
}

@Suite struct ForwardEnvironmentTests {
    @Test func processEnvironmentWinsThenLaterFiles() {
        let env = ForwardEnvironment(
            process: ["A": "process", "E": ""],
            files: [("first", ["A": "file1", "B": "file1", "C": "file1", "E": "file"]), ("second", ["B": "file2"])])
        #expect(env["A"] == "process")
        #expect(env["B"] == "file2")
        #expect(env["C"] == "file1")
        #expect(env["E"] == "file", "an empty variable counts as unset")
        #expect(env["D"] == nil)
    }
}
