using System.Net.Http.Json;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Operations;

public sealed class CliApiCommandTests(ITestOutputHelper output)
{
    private const string OperatorToken = "cli-test-operator-token-0123456789";

    [Fact]
    public async Task Agents_list_and_definitions_apply_work_against_a_running_host_with_the_operator_token()
    {
        var timeout = TestTimeout.After(120);
        await using var host = await HostProcess.StartNewAsync(output, new Dictionary<string, string> { ["Api__OperatorToken"] = OperatorToken }, timeout);
        using var client = host.CreateClient();
        (await client.PostAsJsonAsync(new Uri("api/v1/agents", UriKind.Relative), new { name = "cli-listed" }, timeout)).Dispose();
        var definition = Path.Combine(host.DataDirectory, "cli-demo.yaml");
        await File.WriteAllTextAsync(definition, "id: cli-demo\nsteps:\n  - { id: one, kind: agent_task, agent: cli-listed }\n", timeout);
        string[] connection = ["--url", host.BaseAddress.ToString(), "--token", OperatorToken];

        var list = await HostCommand.RunAsync(["agents", "list", .. connection], host.DataDirectory, cancellationToken: timeout);
        var apply = await HostCommand.RunAsync(["definitions", "apply", "-f", definition, .. connection], host.DataDirectory, cancellationToken: timeout);
        var again = await HostCommand.RunAsync(["definitions", "apply", "-f", definition, .. connection], host.DataDirectory, cancellationToken: timeout);
        var denied = await HostCommand.RunAsync(["agents", "list", "--url", host.BaseAddress.ToString(), "--token", "wrong-operator-token-000000"], host.DataDirectory, cancellationToken: timeout);
        output.WriteLine(list.Output + apply.Output + again.Output + denied.Error);

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("cli-listed", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, apply.ExitCode);
        Assert.Contains("Registered cli-demo version 1", apply.Output, StringComparison.Ordinal);
        Assert.Contains("Unchanged cli-demo version 1", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, denied.ExitCode);
        Assert.Contains("401", denied.Error, StringComparison.Ordinal);
    }
}
