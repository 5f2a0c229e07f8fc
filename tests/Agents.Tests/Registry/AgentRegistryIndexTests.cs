using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;

namespace AgentPlatform.Agents.Tests.Registry;

public sealed class AgentRegistryIndexTests
{
    [Fact]
    public void The_score_is_the_weighted_share_of_the_request_the_agent_meets()
    {
        var index = new AgentRegistryIndex();
        index.Apply(Entry("a", new() { ["search"] = 1.0, ["write"] = 0.5 }));

        var match = index.Match(Request(new() { ["search"] = 3, ["write"] = 1 }), 10);

        Assert.Equal((3 * 1.0 + 1 * 0.5) / 4, Assert.Single(match.Candidates).Score, 12);
    }

    [Fact]
    public void Only_idle_and_working_agents_above_min_confidence_are_candidates_and_the_others_say_why()
    {
        var index = new AgentRegistryIndex();
        index.Apply(Entry("idle", new() { ["search"] = 0.9 }));
        index.Apply(Entry("working", new() { ["search"] = 0.8 }, AgentStatus.Working, load: 1, max: 2));
        index.Apply(Entry("weak", new() { ["search"] = 0.2 }));
        index.Apply(Entry("zero", new() { ["search"] = 0.0 }));
        index.Apply(Entry("busy", new() { ["search"] = 1.0 }, AgentStatus.Busy));
        index.Apply(Entry("waiting", new() { ["search"] = 1.0 }, AgentStatus.Waiting));
        index.Apply(Entry("error", new() { ["search"] = 1.0 }, AgentStatus.Error));
        index.Apply(Entry("offline", new() { ["search"] = 1.0 }, AgentStatus.Offline));
        index.Apply(Entry("unrelated", new() { ["cook"] = 1.0 }));

        var match = index.Match(Request(new() { ["search"] = 1 }, 0.5), 10);

        Assert.Equal(["idle", "working"], match.Candidates.Select(c => c.AgentId));
        Assert.Equal(2, match.CandidateCount);
        Assert.Equal(6, match.ExcludedCount);
        Assert.Equal(
            new Dictionary<string, ExclusionReason>
            {
                ["busy"] = ExclusionReason.Busy, ["waiting"] = ExclusionReason.Waiting, ["error"] = ExclusionReason.Error,
                ["offline"] = ExclusionReason.Offline, ["weak"] = ExclusionReason.BelowMinConfidence, ["zero"] = ExclusionReason.BelowMinConfidence,
            },
            match.Excluded.ToDictionary(e => e.AgentId, e => e.Reason));
    }

    [Fact]
    public void Ties_break_on_success_rate_then_latency_then_load_then_id()
    {
        var index = new AgentRegistryIndex();
        var capabilities = new Dictionary<string, double> { ["search"] = 0.7 };
        index.Apply(Entry("d-loaded", capabilities, AgentStatus.Working, load: 2, max: 5, track: new AgentTrackRecord(8, 2, 100)));
        index.Apply(Entry("c-light", capabilities, AgentStatus.Working, load: 1, max: 5, track: new AgentTrackRecord(8, 2, 100)));
        index.Apply(Entry("b-slow", capabilities, track: new AgentTrackRecord(8, 2, 500)));
        index.Apply(Entry("a-reliable", capabilities, track: new AgentTrackRecord(9, 1, 900)));
        index.Apply(Entry("f-unknown", capabilities, track: new AgentTrackRecord(8, 2, null)));
        index.Apply(Entry("e-same", capabilities, AgentStatus.Working, load: 1, max: 5, track: new AgentTrackRecord(8, 2, 100)));

        var ranked = index.Match(Request(new() { ["search"] = 1 }), 10).Candidates.Select(c => c.AgentId);

        Assert.Equal(["a-reliable", "c-light", "e-same", "d-loaded", "b-slow", "f-unknown"], ranked);
    }

    [Fact]
    public void Equal_inputs_give_the_same_ranking_whatever_the_order_agents_arrived_in()
    {
        var entries = Enumerable.Range(0, 200)
            .Select(i => Entry($"agent-{i:D3}", new() { ["x"] = (i % 7) / 10.0, ["y"] = (i % 3) / 10.0 }, load: 0, track: new AgentTrackRecord(i % 4, i % 2, (i % 5) * 10)))
            .ToList();
        var forward = new AgentRegistryIndex();
        var backward = new AgentRegistryIndex();
        entries.ForEach(e => forward.Apply(e));
        Enumerable.Reverse(entries).ToList().ForEach(e => backward.Apply(e));
        var request = Request(new() { ["y"] = 2, ["x"] = 1 });

        Assert.Equal(forward.Match(request, 100).Candidates, backward.Match(request, 100).Candidates);
    }

    [Fact]
    public void An_older_or_repeated_entry_changes_nothing_and_a_removal_is_not_undone_by_a_late_entry()
    {
        var index = new AgentRegistryIndex();
        var capabilities = new Dictionary<string, double> { ["search"] = 1 };
        Assert.True(index.Apply(Entry("a", capabilities, version: 2)));
        Assert.False(index.Apply(Entry("a", capabilities, AgentStatus.Offline, version: 1)));
        Assert.False(index.Apply(Entry("a", capabilities, AgentStatus.Offline, version: 2)));
        Assert.Equal(AgentStatus.Idle, index.Find("a")!.Status);

        Assert.True(index.Apply(Entry("a", capabilities, version: 3) with { Removed = true }));
        Assert.False(index.Apply(Entry("a", capabilities, version: 2)));

        Assert.Null(index.Find("a"));
        Assert.Empty(index.Match(Request(new() { ["search"] = 1 }), 10).Candidates);
    }

    [Fact]
    public void A_changed_capability_map_moves_the_agent_between_capabilities()
    {
        var index = new AgentRegistryIndex();
        index.Apply(Entry("a", new() { ["search"] = 1 }, version: 1));
        index.Apply(Entry("a", new() { ["write"] = 1 }, version: 2));

        Assert.Equal(0, index.Match(Request(new() { ["search"] = 1 }), 10).CandidateCount + index.Match(Request(new() { ["search"] = 1 }), 10).ExcludedCount);
        Assert.Equal("a", Assert.Single(index.Match(Request(new() { ["write"] = 1 }), 10).Candidates).AgentId);
    }

    [Fact]
    public void The_limit_cuts_both_lists_but_the_counts_stay_whole()
    {
        var index = new AgentRegistryIndex();
        for (var i = 0; i < 30; i++)
        {
            index.Apply(Entry($"up-{i:D2}", new() { ["s"] = 1 }));
            index.Apply(Entry($"down-{i:D2}", new() { ["s"] = 1 }, AgentStatus.Offline));
        }

        var match = index.Match(Request(new() { ["s"] = 1 }), 5);

        Assert.Equal((5, 30, 5, 30), (match.Candidates.Count, match.CandidateCount, match.Excluded.Count, match.ExcludedCount));
        Assert.Equal(["up-00", "up-01", "up-02", "up-03", "up-04"], match.Candidates.Select(c => c.AgentId));
    }

    [Fact]
    public async Task Matches_running_while_agents_join_and_change_see_only_whole_entries()
    {
        var index = new AgentRegistryIndex();
        var request = Request(new() { ["a"] = 1, ["b"] = 1 });
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                index.Apply(Entry($"agent-{i % 500}", i % 2 == 0 ? new() { ["a"] = 1 } : new() { ["a"] = 1, ["b"] = 1 }, version: i + 1));
            }
        });
        while (!writer.IsCompleted)
        {
            var match = index.Match(request, 1000);
            Assert.All(match.Candidates, c => Assert.True(c.Score is 0.5 or 1.0, $"score {c.Score}"));
        }

        await writer;
        Assert.Equal(500, index.Match(request, 1000).CandidateCount);
        Assert.Equal(500, index.Count);
    }

    [Theory]
    [InlineData("", 1.0, 0.0)]
    [InlineData("Search", 1.0, 0.0)]
    [InlineData("search", 0.0, 0.0)]
    [InlineData("search", -1.0, 0.0)]
    [InlineData("search", 1001.0, 0.0)]
    [InlineData("search", double.NaN, 0.0)]
    [InlineData("search", 1.0, 1.5)]
    [InlineData("search", 1.0, -0.1)]
    public void Requests_out_of_bounds_are_rejected(string name, double weight, double minConfidence) =>
        Assert.Throws<ArgumentException>(() => CapabilityRequest.Create(new Dictionary<string, double> { [name] = weight }, minConfidence));

    [Fact]
    public void A_candidate_set_leaves_out_every_other_agent_however_well_it_scores_and_says_so_before_any_other_reason()
    {
        var index = new AgentRegistryIndex();
        index.Apply(Entry("best", new() { ["search"] = 1.0 }));
        index.Apply(Entry("offline-outsider", new() { ["search"] = 1.0 }, AgentStatus.Offline));
        index.Apply(Entry("member", new() { ["search"] = 0.4 }));
        index.Apply(Entry("busy-member", new() { ["search"] = 0.9 }, AgentStatus.Busy));

        var match = index.Match(CapabilityRequest.Create(new Dictionary<string, double> { ["search"] = 1 }, 0, null, ["member", "busy-member", "unknown"]), 10);

        Assert.Equal(["member"], match.Candidates.Select(c => c.AgentId));
        Assert.Equal(
            new Dictionary<string, ExclusionReason>
            {
                ["best"] = ExclusionReason.NotInCandidateSet, ["offline-outsider"] = ExclusionReason.NotInCandidateSet, ["busy-member"] = ExclusionReason.Busy,
            },
            match.Excluded.ToDictionary(e => e.AgentId, e => e.Reason));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(CapabilityRequest.MaxCandidates + 1)]
    public void A_candidate_set_lists_at_least_one_agent_and_at_most_the_limit(int count) =>
        Assert.Throws<ArgumentException>(() => CapabilityRequest.Create(
            new Dictionary<string, double> { ["search"] = 1 }, 0, null, [.. Enumerable.Range(0, count).Select(i => $"a{i}")]));

    [Fact]
    public void Counts_by_status_follow_the_latest_entry_of_each_agent_and_forget_removed_ones()
    {
        var index = new AgentRegistryIndex();
        index.Apply(Entry("a", []));
        index.Apply(Entry("b", [], AgentStatus.Busy));
        index.Apply(Entry("c", [], AgentStatus.Offline));
        index.Apply(Entry("a", [], AgentStatus.Working, version: 2));
        index.Apply(Entry("b", [], version: 2) with { Removed = true });

        var counts = index.CountByStatus();

        Assert.Equal(2, counts.Count);
        Assert.Equal(1, counts[AgentStatus.Working]);
        Assert.Equal(1, counts[AgentStatus.Offline]);
    }

    private static CapabilityRequest Request(Dictionary<string, double> weights, double minConfidence = 0) => CapabilityRequest.Create(weights, minConfidence);

    private static AgentRegistryEntry Entry(
        string id, Dictionary<string, double> capabilities, AgentStatus status = AgentStatus.Idle, int load = 0, int max = 1,
        AgentTrackRecord? track = null, long version = 1) =>
        new(id, status, capabilities, load, max, track ?? AgentTrackRecord.None, version);
}
