namespace AgentPlatform.AgentHost.Tests.Endpoints;

public sealed class AgentListScanBudgetTests
{
    private const int ExaminedPerPage = 1000;

    [Fact]
    public async Task A_selective_capability_filter_examines_a_bounded_slice_per_request_and_the_cursor_reaches_every_match()
    {
        await using var host = await TestHost.StartAsync();
        for (var batch = 0; batch < ExaminedPerPage / 50; batch++)
        {
            await Task.WhenAll(Enumerable.Range(batch * 50, 50).Select(i => host.RegisterAsync($"plain-{i}")));
        }

        var (rare1, _) = await host.RegisterAsync("rare-1", """{"rarecap":0.9}""");
        var (rare2, _) = await host.RegisterAsync("rare-2", """{"rarecap":0.5}""");

        var pages = new List<(int Count, string? Next)>();
        var found = new List<string>();
        string? after = null;
        do
        {
            var path = "api/v1/agents?capability=rarecap&limit=200" + (after is null ? string.Empty : $"&after={after}");
            using var response = await host.SendAsync(HttpMethod.Get, path, TestHost.OperatorToken);
            var page = await TestHost.ReadJsonAsync(response);
            var ids = page["agents"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
            after = page["next_cursor"]?.GetValue<string>();
            pages.Add((ids.Count, after));
            found.AddRange(ids);
        }
        while (after is not null && pages.Count < 10);

        Assert.Equal(0, pages[0].Count);
        Assert.NotNull(pages[0].Next);
        Assert.Equal([rare1, rare2], found);
        Assert.Null(pages[^1].Next);
    }
}
