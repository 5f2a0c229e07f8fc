using System.CommandLine;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentPlatform.AgentHost.Dashboard;
using AgentPlatform.Runtime.Embedded;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Spectre.Console;

namespace AgentPlatform.AgentHost.Cli;

/// <summary><c>demo</c>: starts a host with the built-in agents on a fresh data directory, lets two agents talk in a channel
/// and runs a workflow with live progress in the terminal, all through the public HTTP API, then says where to look in the
/// dashboard. It keeps serving until Ctrl+C, or exits at once with <c>--exit</c>.</summary>
internal static class DemoCommand
{
    private const string Channel = "demo-room";
    private const string DefinitionId = "demo-pipeline";
    private const int StepDelayMilliseconds = 400;

    private const string Definition = """
        id: demo-pipeline
        description: Three steps on the built-in echo agent, each taking a moment, so progress is visible.
        steps:
          - { id: gather, kind: agent_task, agent: echo, input: { topic: "${input.topic}" } }
          - { id: draft, kind: agent_task, capabilities: { echo: 1.0 }, input: "${steps.gather.output}" }
          - { id: review, kind: agent_task, agent: echo, input: "${steps.draft.output}" }
        """;

    private static readonly (string Name, string Emoji, string Capability, string Description)[] Agents =
    [
        ("ada", "🦞", "research", "Finds things out."),
        ("grace", "🐙", "writing", "Writes them down."),
    ];

    private static readonly (int Speaker, string Text)[] Conversation =
    [
        (0, "Morning! The nightly import finished; 3 sources changed."),
        (1, "Thanks. I will draft the summary from your notes."),
        (0, "Great, I started demo-pipeline to gather, draft and review it."),
    ];

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "The loopback port to serve on; 0 picks a free one.", DefaultValueFactory = _ => 5080 };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Where the demo keeps its database (default: a new temporary directory)." };
        var exit = new Option<bool>("--exit") { Description = "Stop the host when the demo is done instead of serving until Ctrl+C." };
        var command = new Command("demo", "Start a host with built-in agents, run a channel conversation and a workflow with live progress, and point to the dashboard.")
        {
            port, dataDirectory, exit,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(port), result.GetValue(dataDirectory), result.GetValue(exit), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int port, string? dataDirectory, bool exitWhenDone, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            return StartupProblems.Report([$"--port must be between 0 and 65535; it is {port}."]);
        }

        dataDirectory = Path.GetFullPath(dataDirectory ?? Path.Combine(Path.GetTempPath(), "agent-platform-demo", DateTime.UtcNow.ToString("yyyyMMddTHHmmss", System.Globalization.CultureInfo.InvariantCulture)));
        if (File.Exists(Path.Combine(dataDirectory, EmbeddedRuntimeOptions.DatabaseFileName)))
        {
            return StartupProblems.Report([$"--data-dir {dataDirectory} already holds a platform database; the demo registers its agents afresh, so give it a new directory."]);
        }

        Directory.CreateDirectory(dataDirectory);
        var token = CliConfiguration.Load()["Api:OperatorToken"] is { Length: >= 16 } configured
            ? configured
            : Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

        WebApplication app;
        try
        {
            app = Program.Build(
            [
                "--urls", $"http://127.0.0.1:{port}",
                $"--Runtime:DataDirectory={dataDirectory}",
                $"--Api:OperatorToken={token}",
                "--Workflows:BuiltInAgents:Enabled=true",
                $"--Workflows:BuiltInAgents:DelayMilliseconds={StepDelayMilliseconds}",
                "--Channels:PostCooldown=00:00:00",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            ]);
            await app.StartAsync(cancellationToken);
        }
        catch (Exception error) when (StartupProblems.Describe(error) is { } problems)
        {
            return StartupProblems.Report(problems);
        }

        await using (app)
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
            AnsiConsole.Write(new Rule("[bold]Agent Platform demo[/]").LeftJustified());
            AnsiConsole.MarkupLineInterpolated($"Host on [link]{address}[/], data in {dataDirectory}");
            try
            {
                using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
                var keys = await TalkAsync(http, cancellationToken);
                var instanceId = await RunWorkflowAsync(http, token, cancellationToken);
                PointToDashboard(address, token, keys.Count, instanceId);
            }
            catch (Exception error) when (error is HttpRequestException or ApiCallException or JsonException or TimeoutException)
            {
                return StartupProblems.Report([$"The demo failed: {error.Message}"]);
            }

            if (!exitWhenDone)
            {
                AnsiConsole.MarkupLine("Serving until [bold]Ctrl+C[/].");
                await app.WaitForShutdownAsync(CancellationToken.None);
            }
            else
            {
                await app.StopAsync(CancellationToken.None);
            }
        }

        return 0;
    }

    /// <summary>Registers the agents, opens the channel and plays the conversation, printing each message as it is posted.</summary>
    private static async Task<IReadOnlyList<string>> TalkAsync(HttpClient http, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule("Agents and a channel").LeftJustified());
        var keys = new List<string>();
        foreach (var (name, emoji, capability, description) in Agents)
        {
            using var registered = await SendAsync(http, HttpMethod.Post, "api/v1/agents", null,
                new { name, emoji, description, capabilities = new Dictionary<string, double> { [capability] = 0.9 }, heartbeat_interval_seconds = 3600 }, cancellationToken);
            keys.Add(registered.RootElement.GetProperty("api_key").GetString()!);
            AnsiConsole.MarkupLineInterpolated($"{emoji} [bold]{name}[/] registered ({capability})");
        }

        (await SendAsync(http, HttpMethod.Post, "api/v1/channels", keys[0], new { id = Channel, name = Channel, description = "Where the demo agents talk." }, cancellationToken)).Dispose();
        (await SendAsync(http, HttpMethod.Post, $"api/v1/channels/{Channel}/members", keys[1], null, cancellationToken)).Dispose();
        AnsiConsole.MarkupLineInterpolated($"[bold]#{Channel}[/] opened by {Agents[0].Name}, joined by {Agents[1].Name}");
        foreach (var (speaker, text) in Conversation)
        {
            (await SendAsync(http, HttpMethod.Post, $"api/v1/channels/{Channel}/messages", keys[speaker], new { content = text }, cancellationToken)).Dispose();
            AnsiConsole.MarkupLineInterpolated($"  {Agents[speaker].Emoji} [bold]{Agents[speaker].Name}[/]: {text}");
        }

        return keys;
    }

    /// <summary>Registers and starts the pipeline, then follows its steps until it finishes, printing each step as it moves.</summary>
    private static async Task<string> RunWorkflowAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        AnsiConsole.Write(new Rule($"Workflow {DefinitionId}").LeftJustified());
        using (var definition = new StringContent(Definition, Encoding.UTF8, "application/yaml"))
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/workflows/definitions") { Content = definition })
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await ApiCommands.ReadAsync(await http.SendAsync(request, cancellationToken), cancellationToken);
        }

        using var started = await SendAsync(http, HttpMethod.Post, "api/v1/workflows/instances", token, new { definition_id = DefinitionId, input = new { topic = "nightly import" } }, cancellationToken);
        var instanceId = started.RootElement.GetProperty("instance_id").GetString()!;
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        var status = "running";
        await AnsiConsole.Status().StartAsync($"Running {DefinitionId} ({instanceId})…", async context =>
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (status == "running")
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{DefinitionId} did not finish within 60 s.");
                }

                using var state = await SendAsync(http, HttpMethod.Get, $"api/v1/workflows/instances/{instanceId}", token, null, cancellationToken);
                status = state.RootElement.GetProperty("status").GetString()!;
                foreach (var step in state.RootElement.GetProperty("steps").EnumerateArray())
                {
                    var id = step.GetProperty("step_id").GetString()!;
                    var stepStatus = step.GetProperty("status").GetString()!;
                    if (shown.GetValueOrDefault(id) != stepStatus && stepStatus != "pending")
                    {
                        shown[id] = stepStatus;
                        AnsiConsole.MarkupLine($"  {Mark(stepStatus)} step [bold]{Markup.Escape(id)}[/] {Markup.Escape(stepStatus)}{Duration(step)}");
                    }
                }

                context.Status($"Running {DefinitionId}: {shown.Count(s => s.Value == "completed")} of {state.RootElement.GetProperty("steps").GetArrayLength()} steps done…");
                if (status == "running")
                {
                    await Task.Delay(150, cancellationToken);
                }
            }
        });
        AnsiConsole.MarkupLineInterpolated($"Workflow [bold]{DefinitionId}[/] ({instanceId}) {status}");
        return status == "completed" ? instanceId : throw new ApiCallException($"{DefinitionId} ended {status}.");
    }

    private static void PointToDashboard(Uri address, string token, int agents, string instanceId)
    {
        var table = new Table().HideHeaders().AddColumns("", "");
        table.AddRow("Dashboard", Markup.Escape(new Uri(address, DashboardPaths.Page.TrimStart('/')).ToString()));
        table.AddRow("Operator token", Markup.Escape(token));
        table.AddRow("Agents panel", $"{agents} demo agents, 🦞 ada and 🐙 grace");
        table.AddRow("Channels panel", $"#{Channel} with the conversation");
        table.AddRow("Workflows panel", Markup.Escape($"{instanceId} ({DefinitionId}) with its step timeline"));
        AnsiConsole.Write(new Panel(table).Header("Where to look").Expand());
    }

    private static string Mark(string status) => status switch
    {
        "completed" => "[green]✔[/]",
        "failed" => "[red]✘[/]",
        _ => "[yellow]…[/]",
    };

    private static string Duration(JsonElement step) =>
        step.TryGetProperty("started_at", out var start) && start.ValueKind == JsonValueKind.String
        && step.TryGetProperty("ended_at", out var end) && end.ValueKind == JsonValueKind.String
            ? $" in {(end.GetDateTimeOffset() - start.GetDateTimeOffset()).TotalSeconds:F1} s"
            : string.Empty;

    private static async Task<JsonDocument> SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return JsonDocument.Parse(await ApiCommands.ReadAsync(await http.SendAsync(request, cancellationToken), cancellationToken));
    }
}
