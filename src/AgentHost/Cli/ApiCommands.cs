using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace AgentPlatform.AgentHost.Cli;

/// <summary><c>agents list</c> and <c>definitions apply</c>, against a running host's HTTP API with the operator token.</summary>
internal static class ApiCommands
{
    public static Command CreateAgents()
    {
        var (url, token) = ConnectionOptions();
        var list = new Command("list", "List the registered agents with their status.") { url, token };
        list.SetAction((result, cancellationToken) => RunAsync(result, url, token, async client =>
        {
            var table = new Table().AddColumns("id", "name", "status", "last heartbeat", "capabilities");
            string? cursor = null;
            do
            {
                var path = "api/v1/agents?limit=200" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor));
                using var page = JsonDocument.Parse(await ReadAsync(await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken), cancellationToken));
                foreach (var agent in page.RootElement.GetProperty("agents").EnumerateArray())
                {
                    table.AddRow(
                        Markup.Escape(agent.GetProperty("id").GetString() ?? ""),
                        Markup.Escape(agent.GetProperty("name").GetString() ?? ""),
                        Markup.Escape(agent.GetProperty("status").GetString() ?? ""),
                        Markup.Escape(agent.GetProperty("last_heartbeat").ToString()),
                        Markup.Escape(string.Join(", ", agent.GetProperty("capabilities").EnumerateObject().Select(c => $"{c.Name}={c.Value}"))));
                }

                cursor = page.RootElement.GetProperty("next_cursor").GetString();
            }
            while (cursor is not null);

            AnsiConsole.Write(table);
            return 0;
        }, cancellationToken));
        return new Command("agents", "Agents of a running host.") { list };
    }

    public static Command CreateDefinitions()
    {
        var (url, token) = ConnectionOptions();
        var file = new Option<FileInfo>("--file", "-f") { Description = "A workflow definition, YAML (.yaml, .yml) or JSON.", Required = true };
        var apply = new Command("apply", "Register a workflow definition (a new version when it changed).") { file, url, token };
        apply.SetAction((result, cancellationToken) => RunAsync(result, url, token, async client =>
        {
            var source = result.GetValue(file)!;
            var yaml = source.Extension is ".yaml" or ".yml";
            using var content = new StringContent(await File.ReadAllTextAsync(source.FullName, cancellationToken), Encoding.UTF8, yaml ? "application/yaml" : "application/json");
            using var response = await client.PostAsync(new Uri("api/v1/workflows/definitions", UriKind.Relative), content, cancellationToken);
            using var definition = JsonDocument.Parse(await ReadAsync(response, cancellationToken));
            AnsiConsole.MarkupLineInterpolated(
                $"[green]{(response.StatusCode == System.Net.HttpStatusCode.Created ? "Registered" : "Unchanged")}[/] {definition.RootElement.GetProperty("id")} version {definition.RootElement.GetProperty("version")}");
            return 0;
        }, cancellationToken));
        return new Command("definitions", "Workflow definitions of a running host.") { apply };
    }

    private static (Option<string> Url, Option<string?> Token) ConnectionOptions() => (
        new Option<string>("--url") { Description = $"The host's base address (default: ${CliConfiguration.UrlVariable}, else {CliConfiguration.DefaultUrl}).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CliConfiguration.UrlVariable) ?? CliConfiguration.DefaultUrl },
        new Option<string?>("--token") { Description = $"The operator token (default: ${CliConfiguration.TokenVariable}, else Api:OperatorToken)." });

    private static async Task<int> RunAsync(ParseResult result, Option<string> url, Option<string?> token, Func<HttpClient, Task<int>> action, CancellationToken cancellationToken)
    {
        var operatorToken = result.GetValue(token) ?? Environment.GetEnvironmentVariable(CliConfiguration.TokenVariable) ?? CliConfiguration.Load()["Api:OperatorToken"];
        if (string.IsNullOrEmpty(operatorToken))
        {
            return StartupProblems.Report([$"No operator token: pass --token or set {CliConfiguration.TokenVariable}."]);
        }

        if (!Uri.TryCreate(result.GetValue(url)!.TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress))
        {
            return StartupProblems.Report([$"--url must be an absolute URL; it is '{result.GetValue(url)}'."]);
        }

        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        try
        {
            return await action(client);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or JsonException or IOException or ApiCallException)
        {
            return StartupProblems.Report([error.Message]);
        }
    }

    /// <summary>The body of a successful answer; otherwise an <see cref="ApiCallException"/> with the status and body.</summary>
    internal static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.IsSuccessStatusCode
                ? body
                : throw new ApiCallException($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }
}
