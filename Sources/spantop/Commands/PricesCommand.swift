import ArgumentParser
import Foundation
import SpanCore

/// `spantop prices [MODEL] [--provider P]`: which price applies to a model and why.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Show the price entry that applies to a model, and the price data's version and date.",
        discussion: """
            Prices come from pydantic's genai-prices (MIT), generated into spantop by \
            scripts/update-prices.sh; a --pricing file (or ~/.config/spantop/pricing.toml) overrides them. \
            MODEL is matched as spans name it (gen_ai.response.model, llm.model_name, …): dated versions, \
            provider/model names and Bedrock ids find their entry. --provider takes \
            gen_ai.provider.name values (openai, gcp.vertex_ai, aws.bedrock, azure.ai.openai, …) or \
            genai-prices ids. Without MODEL it lists the providers. \
            Exit status: 0 when a price applies, 1 when none does, 2 on a bad pricing file.
            """)

    @Argument(help: ArgumentHelp("A model name as spans carry it, e.g. gpt-4o-mini-2024-07-18.", valueName: "model"))
    var model: String?

    @Option(help: ArgumentHelp("The provider serving the model.", valueName: "provider"))
    var provider: String?

    @OptionGroup var pricing: PricingOptions

    func run() throws {
        let table = try pricing.priceTable()
        let catalog = table.catalog
        guard let model else {
            print(summary(table))
            return
        }
        guard let source = table.lookup(model: model, provider: provider) else {
            var message = "no price for \(Text.clean(model))"
            if let provider { message += " (provider \(Text.clean(provider)))" }
            message += " in \(catalog.source) \(catalog.version) (\(catalog.date)): its cost is reported as unknown."
            message += " Add it to a --pricing file to price it."
            FileHandle.standardError.write(Data("spantop: \(message)\n".utf8))
            throw ExitCode(1)
        }
        print(source.describe(model: Text.clean(model), provider: provider, catalog: catalog), terminator: "")
    }

    private func summary(_ table: PriceTable) -> String {
        let c = table.catalog
        var out = "\(c.source) \(c.version) (\(c.date)): \(c.providers.count) providers, \(c.modelCount) models\n"
        if !table.overrides.isEmpty {
            out += "pricing file: \(table.overrides.count) model(s): "
            out += table.overrides.keys.sorted().joined(separator: ", ") + "\n"
        }
        out += "\n"
        out += Text.columns(
            [["provider", "models", "name"]] + c.providers.map { [$0.id, String($0.models.count), $0.name] }, indent: 2,
            maxLast: 40)
        return out
    }
}
