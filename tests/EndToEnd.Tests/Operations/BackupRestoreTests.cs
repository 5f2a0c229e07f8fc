using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Operations;

public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const string OperatorToken = "backup-test-operator-token-0123456789";

    [Fact]
    public async Task A_backup_taken_under_write_load_restores_everything_acknowledged_before_it()
    {
        var timeout = TestTimeout.After(180);
        await using var host = await HostProcess.StartNewAsync(output, new Dictionary<string, string>
        {
            ["Api__OperatorToken"] = OperatorToken,
            ["Api__RateLimit__PermitsPerSecond"] = "1000000",
            ["Api__RateLimit__Burst"] = "1000000",
            ["Api__RegistrationRateLimit__PermitsPerSecond"] = "1000000",
            ["Api__RegistrationRateLimit__Burst"] = "1000000",
        }, timeout);
        using var client = host.CreateClient();
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        var writers = Enumerable.Range(0, 4).Select(w => WriteUntilStoppedAsync(client, w, acknowledged, stop.Token)).ToList();
        await WaitForAsync(() => acknowledged.Count >= 40, timeout);

        var before = acknowledged.ToArray();
        var backupFile = Path.Combine(host.DataDirectory, "manual", "under-load.db");
        var backup = await HostCommand.RunAsync(["backup", "--data-dir", host.DataDirectory, "--output", backupFile], host.DataDirectory, cancellationToken: timeout);
        output.WriteLine(backup.Output + backup.Error);
        var afterBackup = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count >= afterBackup + 20, timeout);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        var later = acknowledged.Skip(afterBackup).ToArray();
        await host.KillAsync();

        var restore = await HostCommand.RunAsync(["restore", backupFile, "--data-dir", host.DataDirectory], host.DataDirectory, cancellationToken: timeout);
        output.WriteLine(restore.Output + restore.Error);
        await host.StartAsync(timeout);

        Assert.Equal(0, backup.ExitCode);
        Assert.Equal(0, restore.ExitCode);
        foreach (var id in before)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"api/v1/agents/{id}", timeout));
        }

        Assert.Contains(later, id => StatusAsync(client, $"api/v1/agents/{id}", timeout).GetAwaiter().GetResult() == HttpStatusCode.NotFound);
    }

    private static async Task WriteUntilStoppedAsync(HttpClient client, int writer, ConcurrentQueue<string> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                using var content = new StringContent($$"""{"name":"load-{{writer}}-{{n}}"}""", Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("api/v1/agents", UriKind.Relative), content, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(stop))!;
                    acknowledged.Enqueue(json["agent"]!["id"]!.GetValue<string>());
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        using var response = await client.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
