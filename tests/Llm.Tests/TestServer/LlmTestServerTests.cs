using System.Diagnostics;
using System.Net.Http.Json;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;

namespace AgentPlatform.Llm.Tests.TestServer;

/// <summary>The test LLM server's own bookkeeping: bounded, opt-in request records in process, and the server as its own process (as
/// the benchmarks run it) printing its counts when asked on stdin and ending on SIGTERM with them.</summary>
public sealed class LlmTestServerTests
{
    private static string Assembly =>
        Path.Combine(RepositoryPaths.Root, "tests", "LlmTestServer", "bin", RepositoryPaths.Configuration, "net10.0", "AgentPlatform.LlmTestServer.dll");

    [Fact]
    public async Task Requests_keep_only_the_newest_records_and_their_messages_only_when_asked_while_the_counts_cover_all()
    {
        var timeout = TestTimeout.After(30);
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript { MaxRecordedRequests = 2 });
        using var http = new HttpClient();

        foreach (var text in new[] { "one", "two", "three" })
        {
            await CompleteAsync(http, server.BaseUrl, text, timeout);
        }

        var withoutMessages = server.Requests;
        server.Script.RecordMessages = true;
        await CompleteAsync(http, server.BaseUrl, "four", timeout);

        Assert.Equal(4, server.RequestCount);
        Assert.Equal(0, server.RateLimitedCount);
        Assert.Equal(2, withoutMessages.Count);
        Assert.All(withoutMessages, r => Assert.Equal((200, 0), (r.Status, r.Messages.Count)));
        Assert.Equal(["user: four"], server.Requests[^1].Messages);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_server_process_prints_its_counts_when_asked_and_ends_on_sigterm_printing_them()
    {
        var timeout = TestTimeout.After(60);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Assembly);
        using var process = Process.Start(start)!;
        try
        {
            var listening = await process.StandardOutput.ReadLineAsync(timeout) ?? "";
            Assert.StartsWith("listening ", listening, StringComparison.Ordinal);
            using var http = new HttpClient();
            await CompleteAsync(http, new Uri(listening["listening ".Length..]), "hello", timeout);
            await process.StandardInput.WriteLineAsync("counts".AsMemory(), timeout);
            await process.StandardInput.FlushAsync(timeout);
            Assert.Equal("requests 1 rate-limited 0 max-in-flight 1", await process.StandardOutput.ReadLineAsync(timeout));
            await CompleteAsync(http, new Uri(listening["listening ".Length..]), "again", timeout);

            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
            {
                await kill.WaitForExitAsync(timeout);
            }

            var summary = await process.StandardOutput.ReadToEndAsync(timeout);
            await process.WaitForExitAsync(timeout);

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("requests 2 rate-limited 0 max-in-flight 1", summary.Trim());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task CompleteAsync(HttpClient http, Uri baseUrl, string text, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(
            new Uri(baseUrl + "/chat/completions"), new { model = "test-model", messages = new[] { new { role = "user", content = text } } }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
