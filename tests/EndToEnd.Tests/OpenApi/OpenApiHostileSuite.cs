using System.Globalization;
using System.Net.Http.Headers;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

/// <summary>For every operation in the real host's <c>/openapi/v1.json</c>, hostile variants (foreign and missing
/// credentials, invalid ids, wrong types, huge and negative numbers, malformed, oversized and deeply nested bodies, wrong
/// content types): none gets a 5xx or stalls, the process stays up, and the state readable through the API is the same
/// before and after each route's variants.</summary>
/// <remarks>Routes are read from the document, so routes added later are covered without touching this test. In CI each
/// route gets at most the subclass's default number of variants, a fixed-seed sample of all its variants; set
/// <c>HOSTILE_VARIANTS</c> to a number, or to <c>all</c>, for a longer local run, and <c>HOSTILE_SEED</c> for another sample.</remarks>
public abstract class OpenApiHostileSuite(OpenApiHostileFixture fixture, ITestOutputHelper output, int defaultVariantsPerRoute)
{
    [Fact]
    public async Task No_hostile_variant_of_any_documented_route_gets_a_5xx_or_changes_state()
    {
        var timeout = TestTimeout.After(600);
        var routes = OpenApiRoute.All(fixture.Document);
        Assert.Contains(routes, r => r.Name == "POST /api/v1/agents");
        Assert.Contains(routes, r => r.Name == "POST /api/v1/workflows/instances/{id}/events/{name}");
        var realIds = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agents"] = fixture.VictimId,
            ["channels"] = "lobby",
            ["definitions"] = "known",
            ["versions"] = "1",
            ["instances"] = "known-1",
            ["events"] = "go",
        };
        var generator = new HostileVariants(fixture.Document, realIds, fixture.OwnerKey, OpenApiHostileFixture.OperatorToken, fixture.StaleKey);
        var (perRoute, seed) = Budget();
        var random = new Random(seed);
        var failures = new List<string>();
        var sent = 0;
        var statuses = new SortedDictionary<int, int>();
        var before = await fixture.SnapshotAsync(timeout);
        foreach (var route in routes)
        {
            var all = generator.For(route).ToList();
            var chosen = all.Count <= perRoute ? all : [.. all.OrderBy(_ => random.Next()).Take(perRoute)];
            foreach (var hostile in chosen)
            {
                var status = await SendAsync(hostile, timeout);
                sent++;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status is >= 500 or 0)
                {
                    failures.Add($"{hostile.Route} [{hostile.Variant}] answered {(status == 0 ? "nothing within 30 s" : status.ToString(CultureInfo.InvariantCulture))}");
                }

                Assert.True(fixture.Host.IsRunning, $"The host died on {hostile.Route} [{hostile.Variant}].");
            }

            var after = await fixture.SnapshotAsync(timeout);
            if (after != before)
            {
                failures.Add($"{route.Name}: state changed.\nbefore:\n{before}\nafter:\n{after}");
                before = after;
            }

            output.WriteLine($"{route.Name}: {chosen.Count} of {all.Count} variants");
        }

        output.WriteLine($"{sent} requests over {routes.Count} routes (seed {seed}); statuses: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The variants per route and the sampling seed, from <c>HOSTILE_VARIANTS</c> and <c>HOSTILE_SEED</c>.</summary>
    private (int PerRoute, int Seed) Budget()
    {
        var variants = Environment.GetEnvironmentVariable("HOSTILE_VARIANTS");
        var perRoute = string.Equals(variants, "all", StringComparison.OrdinalIgnoreCase) ? int.MaxValue
            : int.TryParse(variants, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : defaultVariantsPerRoute;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 9;
        return (perRoute, seed);
    }

    /// <summary>Sends one variant; the status, or 0 when no answer came within 30 seconds (a stall).</summary>
    private async Task<int> SendAsync(HostileRequest hostile, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(hostile.Path, UriKind.Relative));
        foreach (var value in hostile.Authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", value);
        }

        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            if (!string.IsNullOrEmpty(hostile.ContentType))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(hostile.ContentType);
            }
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await fixture.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            return (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"{hostile.Route} [{hostile.Variant}]: {e.Message}");
            return 0;
        }
    }
}
