using System.Diagnostics;
using System.Text.Json;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Tests.Support;
using AgentPlatform.TestKit;
using Dapr.Client;

namespace AgentPlatform.DaprSidecar.Tests.Sidecars;

/// <summary>The double as its own process: <c>dotnet AgentPlatform.DaprSidecar.dll --app-port ...</c>.</summary>
public sealed class ChildProcessTests
{
    [Fact]
    public async Task It_prints_the_app_environment_serves_the_SDK_and_refuses_bad_arguments()
    {
        var token = TestTimeout.After(60);
        using var data = new TempDirectory();
        var assembly = typeof(DaprTestCluster).Assembly.Location;

        using (var refused = Start(assembly, "--app-port", "nope"))
        {
            var error = await refused.StandardError.ReadToEndAsync(token);
            await refused.WaitForExitAsync(token);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--app-port: 'nope' is not a port", error, StringComparison.Ordinal);
        }

        using var process = Start(
            assembly, "--app-port", FreePorts.TakeOne().ToString(), "--data-dir", data.Path,
            "--resources-path", Path.Combine(RepositoryPaths.Root, "components", "slim"));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(token);
            using var announcement = JsonDocument.Parse(line!);
            var environment = announcement.RootElement.GetProperty("environment");
            Assert.Equal("child-token", environment.GetProperty("DAPR_API_TOKEN").GetString());

            using var client = new DaprClientBuilder()
                .UseGrpcEndpoint(environment.GetProperty("DAPR_GRPC_ENDPOINT").GetString())
                .UseDaprApiToken("child-token")
                .Build();
            await client.SaveStateAsync("statestore", "from-a-test", "hello", cancellationToken: token);
            Assert.Equal("hello", await client.GetStateAsync<string>("statestore", "from-a-test", cancellationToken: token));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DAPR_API_TOKEN"] = "child-token";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
