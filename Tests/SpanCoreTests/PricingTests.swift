import Testing

@testable import SpanCore

/// The generated catalog and its matching rules, as a user's model names meet them.
struct PriceMatchingTests {
    let catalog = PriceCatalog.bundled

    func entry(_ model: String, _ provider: String? = nil) -> String? {
        catalog.match(model: model, provider: provider).map { "\($0.provider.id)/\($0.model.id)" }
    }

    @Test func bundledDataLoadsWhole() {
        #expect(catalog.providers.count == GeneratedPriceData.providerCount)
        #expect(catalog.modelCount == GeneratedPriceData.modelCount)
        #expect(catalog.version == GeneratedPriceData.version)
        // Every regex of the data compiles in Swift (one that did not would never match).
        func patterns(_ r: MatchRule) -> [CompiledPattern] {
            switch r {
            case .regex(let p): return [p]
            case .anyOf(let rs), .allOf(let rs): return rs.flatMap(patterns)
            default: return []
            }
        }
        let all = catalog.providers.flatMap { p in
            ([p.modelMatch, p.providerMatch].compactMap { $0 } + p.models.map(\.match)).flatMap(patterns)
        }
        #expect(all.count > 50)
        #expect(all.filter { !$0.compiled }.map(\.pattern) == [])
    }

    @Test func datedVersionsPrefixesAndLatestFindTheirModel() {
        #expect(entry("gpt-4o-mini-2024-07-18") == "openai/gpt-4o-mini")
        #expect(entry("GPT-4o-Mini") == "openai/gpt-4o-mini")
        #expect(entry("claude-3-5-haiku-20241022") == "anthropic/claude-3-5-haiku-latest")
        #expect(entry("mistral-large-latest") == "mistral/mistral-large")
        #expect(entry("deepseek-chat") == "deepseek/deepseek-chat")
        #expect(entry("gemini-2.5-pro", "gcp.vertex_ai") == "google/gemini-2.5-pro")
    }

    @Test func routerStyleNamesUseTheirPrefix() {
        // genai-prices alone finds no provider for these; the prefix names it.
        #expect(entry("openai/gpt-4o-mini") == "openai/gpt-4o-mini")
        #expect(entry("gpt-4o-mini", "litellm") == "openai/gpt-4o-mini")
        #expect(entry("openai/gpt-4o-mini", "openai") == "openai/gpt-4o-mini")
        // OpenRouter lists router-style ids itself.
        #expect(entry("openai/gpt-4o-mini", "openrouter") == "openrouter/openai/gpt-4o-mini")
    }

    @Test func semanticConventionProvidersMapToTheData() {
        #expect(catalog.provider(named: "azure.ai.openai").map { catalog.providers[$0].id } == "azure")
        #expect(catalog.provider(named: "x_ai").map { catalog.providers[$0].id } == "x-ai")
        #expect(catalog.provider(named: "mistral_ai").map { catalog.providers[$0].id } == "mistral")
        #expect(catalog.provider(named: "aws.bedrock").map { catalog.providers[$0].id } == "aws")
        #expect(catalog.provider(named: "gcp.gemini").map { catalog.providers[$0].id } == "google")
        #expect(catalog.provider(named: "acme") == nil)
        // Azure serves OpenAI's models at OpenAI's price (a fallback in the data).
        let azure = catalog.match(model: "gpt-4o", provider: "azure.ai.openai")
        #expect(azure?.servingProvider == "azure")
        #expect(entry("grok-3", "x_ai") == "x-ai/grok-3")
        #expect(entry("command-r-plus", "cohere") == "cohere/command-r-plus")
        #expect(entry("llama-3.3-70b-versatile", "groq") == "groq/llama-3.3-70b-versatile")
    }

    @Test func bedrockAndVertexIDs() {
        #expect(entry("anthropic.claude-3-5-sonnet-20241022-v2:0", "aws.bedrock")?.hasPrefix("aws/") == true)
        // Without a provider the Bedrock shape of the id finds AWS.
        #expect(entry("anthropic.claude-3-5-sonnet-20241022-v2:0")?.hasPrefix("aws/") == true)
        #expect(entry("us.anthropic.claude-sonnet-4-20250514-v1:0")?.hasPrefix("aws/") == true)
        #expect(entry("claude-sonnet-4-5@20250929", "gcp.vertex_ai") != nil)
        #expect(PriceCatalog.looksLikeBedrockID("gpt-4.1") == false)
        #expect(PriceCatalog.looksLikeBedrockID("claude-3.5-sonnet") == false)
    }

    @Test func unknownProviderFallsBackToTheModelAndUnknownModelHasNoPrice() {
        #expect(entry("gpt-4o", "acme") == "openai/gpt-4o")
        #expect(entry("acme-llm-9000", "acme") == nil)
        #expect(entry("") == nil)
    }

    @Test func compactDatesAreRetriedDashed() {
        #expect(PriceCatalog.dashedDate("gpt-5.2-20251211") == "gpt-5.2-2025-12-11")
        #expect(PriceCatalog.dashedDate("model-20251301") == "model-20251301")  // no month 13
        #expect(PriceCatalog.dashedDate("x-20240229:0") == "x-2024-02-29:0")
        #expect(PriceCatalog.dashedDate("x-20230229") == "x-20230229")  // not a leap year
    }

    @Test func datedPricesFollowTheCallsDay() throws {
        // o3's price was cut on 2025-06-10.
        let o3 = try #require(catalog.match(model: "o3", provider: "openai"))
        let before = o3.price(at: midnight("2025-06-09"))
        let after = o3.price(at: midnight("2025-06-10"))
        #expect(before.input != after.input)
        #expect(after.input?.perMillion == 2)
    }

    func midnight(_ date: String) -> Timestamp {
        .epoch + Nanoseconds.seconds(86_400) * UInt64(PriceCatalog.epochDay(date)!)
    }
}

/// One call's cost: cached input at its own price, long-context tiers, per-request prices.
struct CallCostTests {
    let sonnet = ModelPrice(
        input: TokenRate(3, tiers: [.init(start: 200_000, perMillion: 6)]),
        output: TokenRate(15, tiers: [.init(start: 200_000, perMillion: 22.5)]),
        cacheRead: TokenRate(0.3, tiers: [.init(start: 200_000, perMillion: 0.6)]),
        cacheWrite: TokenRate(3.75, tiers: [.init(start: 200_000, perMillion: 7.5)]))

    @Test func cacheReadsAndWritesAreChargedAtTheirPrices() {
        let usage = CallUsage(input: 10_000, output: 1_000, cacheRead: 6_000, cacheWrite: 2_000)
        let dollars: [Double] = [2_000 * 3, 6_000 * 0.3, 2_000 * 3.75, 1_000 * 15]
        let expected = dollars.reduce(0, +) / 1e6
        #expect(abs(sonnet.cost(of: usage) - expected) < 1e-12)
    }

    @Test func theTierFollowsTheWholeInputOfTheCall() {
        let at = CallUsage(input: 200_000, output: 100, cacheRead: 150_000)
        let over = CallUsage(input: 200_001, output: 100, cacheRead: 150_000)
        let base: [Double] = [50_000 * 3, 150_000 * 0.3, 100 * 15]
        let tiered: [Double] = [50_001 * 6, 150_000 * 0.6, 100 * 22.5]
        #expect(abs(sonnet.cost(of: at) - base.reduce(0, +) / 1e6) < 1e-12)
        #expect(abs(sonnet.cost(of: over) - tiered.reduce(0, +) / 1e6) < 1e-12)
    }

    @Test func withoutACachePriceCachedTokensAreInput() {
        let plain = ModelPrice(input: 2, output: 6)
        let usage = CallUsage(input: 10_000, output: 0, cacheRead: 8_000)
        #expect(abs(plain.cost(of: usage) - 10_000 * 2 / 1e6) < 1e-12)
    }

    @Test func inputCountedWithoutTheCacheIsTakenAsApart() {
        // Some instrumentations report input without the cached part: it cannot be smaller.
        let usage = CallUsage(input: 1_000, output: 10, cacheRead: 5_000)
        #expect(usage.input == 6_000)
        #expect(usage.total == 6_010)
    }

    @Test func perRequestPricesAddPerCall() {
        let sonar = ModelPrice(input: TokenRate(1), output: TokenRate(1), perThousandRequests: 12)
        #expect(abs(sonar.cost(of: CallUsage(input: 0, output: 0)) - 0.012) < 1e-12)
    }

    @Test func langfuseBucketsAreDisjointUnlessTheTotalSaysOtherwise() throws {
        let anthropic = try #require(
            UsageDetails.usage(#"{"input": 1000, "cache_read_input_tokens": 4000, "output": 200}"#))
        #expect(anthropic.usage == CallUsage(input: 5_000, output: 200, cacheRead: 4_000))
        let included = try #require(
            UsageDetails.usage(#"{"input": 5000, "input_cached_tokens": 4000, "output": 200, "total": 5200}"#))
        #expect(included.usage == CallUsage(input: 5_000, output: 200, cacheRead: 4_000))
        let totalOnly = try #require(UsageDetails.usage(#"{"total": 900}"#))
        #expect(totalOnly.unsplit == 900)
        #expect(UsageDetails.usage(#"{"input": 0}"#) == nil)
    }
}

/// A user's pricing file on top of the generated data.
struct PricingFileTests {
    @Test func userFileOverridesTheCatalog() throws {
        let parsed = try PricingFile.parse(
            """
            # my prices
            [models."gpt-4o"]
            input = 1.0   # discounted
            output = 4
            cache_read = 0.5
            [models.local-llama]
            input = 0
            output = 0
            """)
        var t = PriceTable()
        t.override(with: parsed)
        guard case .userFile(let name, let price) = t.lookup(model: "gpt-4o-2024-08-06", provider: "openai") else {
            Issue.record("expected the pricing file's entry")
            return
        }
        #expect(name == "gpt-4o")
        #expect(price == ModelPrice(input: 1, output: 4, cacheRead: 0.5))
        guard case .userFile(_, let local) = t.lookup(model: "local-llama-3", provider: nil) else {
            Issue.record("expected the pricing file's entry")
            return
        }
        #expect(local == ModelPrice(input: 0, output: 0))
        guard case .catalog = t.lookup(model: "gpt-4.1", provider: nil) else {
            Issue.record("other models keep the catalog's price")
            return
        }
    }

    @Test func badFilesNameTheLine() {
        #expect(throws: PricingFile.ParseError.self) { try PricingFile.parse("[models.x]\ninput = cheap\n") }
        #expect(throws: PricingFile.ParseError.self) { try PricingFile.parse("[models.x]\ninput = 1\ncache = 2\n") }
        do {
            _ = try PricingFile.parse("[models.x]\ninput = 1\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "line 1: model \"x\" needs both `input` and `output`")
        }
    }
}
