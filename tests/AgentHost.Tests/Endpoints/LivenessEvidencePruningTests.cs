using AgentPlatform.Agents.Liveness;
using AgentPlatform.TestKit;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Tests.Endpoints;

/// <summary>The per-agent evidence map forgets agents whose evidence no longer suppresses anything, so churn does not grow it.</summary>
public sealed class LivenessEvidencePruningTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly CountingPresence _presence = new();

    [Fact]
    public async Task Stale_evidence_is_swept_once_the_map_is_large_and_fresh_evidence_still_suppresses()
    {
        var evidence = new LivenessEvidence(_presence, Options.Create(new AgentLivenessOptions()), _time);
        for (var i = 0; i <= LivenessEvidence.PruneAbove; i++)
        {
            await evidence.RecordAsync($"churned-{i}", CancellationToken.None);
        }

        Assert.Equal(LivenessEvidence.PruneAbove + 1, evidence.Remembered);

        _time.Advance(LivenessEvidence.MinSpacing);
        await evidence.RecordAsync("steady", CancellationToken.None);
        Assert.Equal(1, evidence.Remembered);

        await evidence.RecordAsync("steady", CancellationToken.None);
        Assert.Equal(LivenessEvidence.PruneAbove + 2, _presence.Heartbeats);
    }

    [Fact]
    public async Task A_small_map_is_left_alone()
    {
        var evidence = new LivenessEvidence(_presence, Options.Create(new AgentLivenessOptions()), _time);
        await evidence.RecordAsync("first", CancellationToken.None);
        _time.Advance(LivenessEvidence.MinSpacing);
        await evidence.RecordAsync("second", CancellationToken.None);

        Assert.Equal(2, evidence.Remembered);
    }

    private sealed class CountingPresence : IAgentPresence
    {
        public int Heartbeats { get; private set; }

        public ValueTask<AgentPresence> HeartbeatAsync(string agentId, CancellationToken cancellationToken = default)
        {
            Heartbeats++;
            return ValueTask.FromResult(default(AgentPresence)!);
        }

        public ValueTask<AgentPresence> GetAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<AgentPresence> ReportStatusAsync(string agentId, DeclaredStatus status, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<AgentPresence> DeclareAsync(string agentId, AgentDeclaration declaration, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public ValueTask<AgentRegistryEntry> GetEntryAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask RemoveAsync(string agentId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
