using System.Text.Json;
using AgentPlatform.Agents.Channels;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Llm.Tools;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Agents;

/// <summary>What makes an LLM agent's settings valid, shared by the configuration validator and the operator API.</summary>
internal static class LlmAgentRegistrationRules
{
    public const string TemperatureRange = "must be between 0 and 2";

    public static bool IsHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https";

    public static bool IsTemperature(float? temperature) => temperature is null or >= 0 and <= 2;

    public static bool IsTaskLimit(int limit) => limit is >= 1 and <= AgentDeclaration.MaxTaskLimit;

    public static bool IsProficiency(double proficiency) => proficiency is >= 0 and <= 1;

    /// <summary>The most tool rounds an agent may be allowed per task.</summary>
    public const int MaxToolRoundsLimit = 64;

    /// <summary>Every problem of an agent's channels, tools and MCP servers, by API field name.</summary>
    /// <param name="channels">The channels it is a member of.</param>
    /// <param name="tools">The platform functions it is given.</param>
    /// <param name="servers">Its MCP servers.</param>
    /// <param name="maxToolRounds">Its tool-round limit.</param>
    /// <param name="allowedCommands">The commands its stdio MCP servers may start; null for any (a configured agent).</param>
    public static IEnumerable<(string Field, string Message)> CheckTools(
        IReadOnlyList<string> channels, IReadOnlyList<string> tools, IReadOnlyList<LlmMcpServerOptions> servers, int maxToolRounds,
        IReadOnlyCollection<string>? allowedCommands)
    {
        for (var i = 0; i < channels.Count; i++)
        {
            if (!ChannelId.IsValid(channels[i]))
            {
                yield return ($"channels[{i}]", $"must be a channel id ({ChannelId.MinLength}-{ChannelId.MaxLength} characters of a-z 0-9 '-')");
            }
            else if (channels.Take(i).Contains(channels[i], StringComparer.Ordinal))
            {
                yield return ($"channels[{i}]", "is listed twice");
            }
        }

        for (var i = 0; i < tools.Count; i++)
        {
            if (!LlmPlatformTools.All.Contains(tools[i]))
            {
                yield return ($"tools[{i}]", $"must be one of {string.Join(", ", LlmPlatformTools.All.Order(StringComparer.Ordinal))}");
            }
            else if (tools[i] is LlmPlatformTools.PostToChannel or LlmPlatformTools.ReadChannel && channels.Count == 0)
            {
                yield return ($"tools[{i}]", "needs channels: the agent may post to and read only its own");
            }
        }

        for (var i = 0; i < servers.Count; i++)
        {
            var server = servers[i];
            if (!IsToolPrefix(server.Name))
            {
                yield return ($"mcp_servers[{i}].name", "must be 1-32 characters of A-Z a-z 0-9 '-'");
            }
            else if (servers.Take(i).Any(s => s.Name == server.Name))
            {
                yield return ($"mcp_servers[{i}].name", "is used by another MCP server of the agent");
            }

            switch (server.Command, server.Url)
            {
                case (null or "", null or ""):
                    yield return ($"mcp_servers[{i}].command", "give a command (stdio) or a url (HTTP)");
                    break;
                case ({ Length: > 0 }, { Length: > 0 }):
                    yield return ($"mcp_servers[{i}].url", "give either a command or a url, not both");
                    break;
                case ({ Length: > 0 } command, _) when allowedCommands is not null && !allowedCommands.Contains(command):
                    yield return ($"mcp_servers[{i}].command", $"is not one of the commands {LlmOptions.SectionName}:McpCommands allows");
                    break;
                case (_, { Length: > 0 } url) when !IsHttpUrl(url):
                    yield return ($"mcp_servers[{i}].url", "must be an absolute http or https URL");
                    break;
            }
        }

        if (maxToolRounds is < 1 or > MaxToolRoundsLimit)
        {
            yield return ("max_tool_rounds", $"must be between 1 and {MaxToolRoundsLimit}");
        }
    }

    private static bool IsToolPrefix(string? name) =>
        name is { Length: >= 1 and <= 32 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Every problem of registering <paramref name="registration"/> as <paramref name="name"/>, by API field name.</summary>
    public static IReadOnlyList<(string Field, string Message)> Check(string name, LlmAgentRegistration registration, LlmOptions options, bool secretStore)
    {
        var problems = new List<(string Field, string Message)>();
        void Require(bool condition, string field, string message)
        {
            if (!condition)
            {
                problems.Add((field, message));
            }
        }

        Require(ActorNames.IsValid(name), "name", "must be a valid agent name (letters, digits, '-', '_', '.')");
        Require(!options.Agents.ContainsKey(name), "name", $"is configured under {LlmOptions.SectionName}:Agents and cannot be changed through the API");
        Require(IsHttpUrl(registration.Endpoint), "endpoint", "must be an absolute http or https URL");
        Require(!string.IsNullOrWhiteSpace(registration.Model), "model", "is required");
        Require(IsTemperature(registration.Temperature), "temperature", TemperatureRange);
        Require(registration.MaxOutputTokens is null or >= 1, "max_output_tokens", "must be at least 1");
        Require(registration.MaxConcurrentTasks is null || IsTaskLimit(registration.MaxConcurrentTasks.Value), "max_concurrent_tasks",
            $"must be between 1 and {AgentDeclaration.MaxTaskLimit}");
        foreach (var (capability, proficiency) in registration.Capabilities ?? new Dictionary<string, double>())
        {
            Require(IsProficiency(proficiency), $"capabilities.{capability}", "must be between 0 and 1");
        }

        problems.AddRange(CheckTools(
            registration.Channels ?? [], registration.Tools ?? [], registration.McpServers ?? [],
            registration.MaxToolRounds ?? new LlmAgentOptions().MaxToolRounds, options.McpCommands));
        Require(registration.ResponseSchema is null or { ValueKind: JsonValueKind.Object }, "response_schema", "must be a JSON schema object");
        switch (registration.ApiKeyRef, registration.ApiKeySecret)
        {
            case (null, null):
                problems.Add(("api_key_ref", $"name the key under {LlmOptions.SectionName}:Keys (or, in Dapr mode, api_key_secret); the key itself is never sent"));
                break;
            case ({ }, { }):
                problems.Add(("api_key_secret", "give either api_key_ref or api_key_secret, not both"));
                break;
            case ({ } reference, null):
                Require(options.Keys.ContainsKey(reference), "api_key_ref", $"names no key under {LlmOptions.SectionName}:Keys");
                break;
            case (null, { } secret):
                Require(secretStore, "api_key_secret", "needs a secret store, which only Dapr mode has");
                Require(!string.IsNullOrWhiteSpace(secret), "api_key_secret", "must name a secret");
                break;
        }

        return problems;
    }
}
