using System.Net;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Host;

public sealed class HealthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Started_host_answers_healthz_on_loopback()
    {
        var timeout = TestTimeout.After(90);
        await using var host = await HostProcess.StartNewAsync(output, cancellationToken: timeout);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), timeout);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(timeout), StringComparison.Ordinal);
    }
}
