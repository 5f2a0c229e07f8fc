using AgentPlatform.Llm.Agents;

namespace AgentPlatform.Llm.Tests;

public sealed class LlmOptionsValidatorTests
{
    [Fact]
    public void EveryProblemIsReportedAtOnceNamingItsSetting()
    {
        var options = new LlmOptions();
        options.Agents["bad/name"] = new LlmAgentOptions
        {
            Endpoint = "ftp://example",
            Model = "",
            Temperature = 3,
            MaxOutputTokens = 0,
            Capabilities = { ["summarize"] = 1.5 },
            ResponseSchema = "{not json",
        };
        options.Governor.DecreaseFactor = 1;
        options.Governor.InitialConcurrency = 100;
        options.Budgets.MaxCostPerRun = 0;

        var result = new LlmOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        string[] expected =
        [
            "Llm:Agents:bad/name: the agent name",
            "Llm:Agents:bad/name:Endpoint",
            "Llm:Agents:bad/name:Model",
            "Llm:Agents:bad/name:ApiKey",
            "Llm:Agents:bad/name:Temperature",
            "Llm:Agents:bad/name:MaxOutputTokens",
            "Llm:Agents:bad/name:Capabilities:summarize",
            "Llm:Agents:bad/name:ResponseSchema",
            "Llm:Governor:InitialConcurrency",
            "Llm:Governor:DecreaseFactor",
            "Llm:Budgets:MaxCostPerRun",
        ];
        Assert.Equal(expected, result.Failures!.Select(f => expected.Single(e => f.StartsWith(e, StringComparison.Ordinal))));
    }

    [Fact]
    public void AConfiguredAgentWithItsKeyAndTheDefaultsIsValid()
    {
        var options = new LlmOptions();
        options.Agents["writer"] = new LlmAgentOptions { Endpoint = "http://127.0.0.1:5800/v1", Model = "m", ApiKey = "k" };

        Assert.True(new LlmOptionsValidator().Validate(null, options).Succeeded);
    }
}
