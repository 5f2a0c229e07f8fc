using AgentPlatform.Llm.Agents;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm.Tests.Agents;

public sealed class LlmAgentCatalogTests
{
    /// <summary>The channel listener reconciles its members from this listing; an unchanged agent must come back as the same
    /// instance, or the listener would restart its member.</summary>
    [Fact]
    public async Task Listing_every_agent_reads_the_directory_once_however_many_are_registered()
    {
        var options = new LlmOptions { Keys = { ["provider"] = "sk-listed" } };
        options.Agents["configured"] = new LlmAgentOptions { Endpoint = "https://llm.example/v1", Model = "m", ApiKey = "sk-configured", Channels = ["lobby"] };
        var registered = Enumerable.Range(0, 5).ToDictionary(
            i => $"registered-{i}",
            i => new StoredLlmAgent(new LlmAgentRegistration("https://llm.example/v1", "m", ApiKeyRef: "provider", Channels: i % 2 == 0 ? ["lobby"] : []), 1));
        var runtime = new RecordingDirectoryRuntime(registered);
        await using var services = new ServiceCollection().AddSingleton<IActorRuntime>(runtime).BuildServiceProvider();
        var catalog = new LlmAgentCatalog(Options.Create(options), services, new NoLlmSecretReader());

        var agents = await catalog.ListAsync();
        var readsForOneListing = runtime.DirectoryReads;
        var again = await catalog.ListAsync();

        Assert.Equal(1, readsForOneListing);
        Assert.All(agents, a => Assert.Same(a.Value, again[a.Key]));
        Assert.Equal(["configured", .. registered.Keys], agents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("sk-configured", agents["configured"].ApiKey);
        Assert.All(registered.Keys, name => Assert.Equal("sk-listed", agents[name].ApiKey));
        Assert.Equal(["configured", "registered-0", "registered-2", "registered-4"], agents.Where(a => a.Value.Channels.Count > 0).Select(a => a.Key).Order(StringComparer.Ordinal));
    }
}
