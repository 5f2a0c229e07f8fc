using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Operations;

public sealed class StartupTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_misconfigured_start_prints_one_line_per_problem_and_exits_non_zero_without_a_stack_trace()
    {
        var directory = Directory.CreateTempSubdirectory("agent-platform-startup-").FullName;
        var notADirectory = Path.Combine(directory, "data-file");
        await File.WriteAllTextAsync(notADirectory, "not a directory");

        var result = await HostCommand.RunAsync([], directory, new Dictionary<string, string>
        {
            ["Api__OperatorToken"] = "short",
            ["Runtime__Mode"] = "cloud",
            ["Runtime__DataDirectory"] = notADirectory,
        }, TestTimeout.After(60));
        output.WriteLine(result.Output + result.Error);

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("Runtime:Mode must be 'embedded' or 'dapr'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is a file, not a directory", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Api:OperatorToken must be at least", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_alone_chooses_the_address()
    {
        var directory = Directory.CreateTempSubdirectory("agent-platform-urls-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.WriteLine(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
            var timeout = TestTimeout.After(60);
            HttpStatusCode? status = null;
            while (status is null && !process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri("healthz", UriKind.Relative), timeout);
                    status = response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100, timeout);
                }
            }

            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
