using System.Text.Json;
using AgentPlatform.Llm.Agents;
using Xunit.Abstractions;

namespace AgentPlatform.Llm.Tests.Agents;

public sealed class LlmAgentRegistrationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_registration_is_checked_field_by_field_and_may_only_reference_a_key_never_carry_one()
    {
        await using var rig = await ExecutorRig.StartAsync(output, (options, _) => options.Keys["provider"] = "sk-kept-in-config");
        var valid = new LlmAgentRegistration("https://llm.example/v1", "m", ApiKeyRef: "provider", Capabilities: new Dictionary<string, double> { ["x"] = 0.5 });

        var fine = rig.Catalog.Validate("reviewer", valid);
        var bad = rig.Catalog.Validate("writer", valid with
        {
            Endpoint = "not a url",
            Temperature = -1,
            MaxOutputTokens = 0,
            MaxConcurrentTasks = 0,
            ResponseSchema = JsonDocument.Parse("[1]").RootElement,
            ApiKeyRef = "absent",
        });
        var secretOutsideDapr = rig.Catalog.Validate("reviewer", valid with { ApiKeyRef = null, ApiKeySecret = "llm-key" });
        var noKey = rig.Catalog.Validate("reviewer", valid with { ApiKeyRef = null });

        Assert.Empty(fine);
        Assert.Equal(
            ["api_key_ref", "endpoint", "max_concurrent_tasks", "max_output_tokens", "name", "response_schema", "temperature"],
            bad.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Equal("api_key_secret", Assert.Single(secretOutsideDapr).Field);
        Assert.Equal("api_key_ref", Assert.Single(noKey).Field);
        Assert.Equal("sk-kept-in-config", valid.ToOptions("sk-kept-in-config").ApiKey);
        Assert.DoesNotContain("sk-kept-in-config", JsonSerializer.Serialize(valid), StringComparison.Ordinal);
    }
}
