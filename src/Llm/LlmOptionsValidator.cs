using System.Text.Json;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Llm.Agents;
using AgentPlatform.Runtime.Actors;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Llm;

/// <summary>Checks <see cref="LlmOptions"/>, reporting every problem at once and naming each setting.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (agentName, agent) in options.Agents)
        {
            CheckAgent($"{LlmOptions.SectionName}:Agents:{agentName}", agentName, agent, failures);
        }

        const string http = LlmOptions.SectionName + ":Http";
        Require(options.Http.MaxConnectionsPerEndpoint >= 1, $"{http}:MaxConnectionsPerEndpoint must be at least 1.", failures);
        Require(options.Http.ConnectTimeout > TimeSpan.Zero, $"{http}:ConnectTimeout must be positive.", failures);
        Require(options.Http.ReadTimeout > TimeSpan.Zero, $"{http}:ReadTimeout must be positive.", failures);
        Require(options.Http.PooledConnectionIdleTimeout > TimeSpan.Zero, $"{http}:PooledConnectionIdleTimeout must be positive.", failures);
        Require(options.Http.PooledConnectionLifetime > TimeSpan.Zero, $"{http}:PooledConnectionLifetime must be positive.", failures);

        const string governor = LlmOptions.SectionName + ":Governor";
        var g = options.Governor;
        Require(g.MinConcurrency >= 1, $"{governor}:MinConcurrency must be at least 1.", failures);
        Require(g.MaxConcurrency >= g.MinConcurrency, $"{governor}:MaxConcurrency must be at least MinConcurrency.", failures);
        Require(g.InitialConcurrency >= g.MinConcurrency && g.InitialConcurrency <= g.MaxConcurrency,
            $"{governor}:InitialConcurrency must be between MinConcurrency and MaxConcurrency.", failures);
        Require(g.AdditiveIncrease > 0, $"{governor}:AdditiveIncrease must be positive.", failures);
        Require(g.DecreaseFactor is > 0 and < 1, $"{governor}:DecreaseFactor must be between 0 and 1 (both excluded).", failures);
        Require(g.MaxAttempts >= 1, $"{governor}:MaxAttempts must be at least 1.", failures);
        Require(g.BackoffBase > TimeSpan.Zero, $"{governor}:BackoffBase must be positive.", failures);
        Require(g.BackoffMax >= g.BackoffBase, $"{governor}:BackoffMax must be at least BackoffBase.", failures);

        foreach (var (model, price) in options.Prices)
        {
            Require(price.InputPerMillionTokens >= 0 && price.OutputPerMillionTokens >= 0,
                $"{LlmOptions.SectionName}:Prices:{model} must not be negative.", failures);
        }

        const string channels = LlmOptions.SectionName + ":Channels";
        Require(options.Channels.ContextTokens >= 0, $"{channels}:ContextTokens must not be negative.", failures);
        Require(options.Channels.ContextMessages is >= 0 and <= 200, $"{channels}:ContextMessages must be between 0 and 200.", failures);
        Require(options.Channels.ReadWait >= TimeSpan.Zero && options.Channels.ReadWait <= TimeSpan.FromSeconds(30),
            $"{channels}:ReadWait must be between 0 and 30 seconds.", failures);
        Require(options.Channels.ReadBatch is >= 1 and <= 100, $"{channels}:ReadBatch must be between 1 and 100.", failures);
        Require(options.Channels.RetryDelay > TimeSpan.Zero, $"{channels}:RetryDelay must be positive.", failures);
        Require(options.Budgets.MaxTokensPerRun is null or > 0, $"{LlmOptions.SectionName}:Budgets:MaxTokensPerRun must be positive.", failures);
        Require(options.Budgets.MaxCostPerRun is null or > 0, $"{LlmOptions.SectionName}:Budgets:MaxCostPerRun must be positive.", failures);
        Require(options.Budgets.RetainUnrecorded > TimeSpan.Zero, $"{LlmOptions.SectionName}:Budgets:RetainUnrecorded must be positive.", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAgent(string path, string agentName, LlmAgentOptions agent, List<string> failures)
    {
        Require(ActorNames.IsValid(agentName), $"{path}: the agent name is not a valid actor name.", failures);
        Require(LlmAgentRegistrationRules.IsHttpUrl(agent.Endpoint),
            $"{path}:Endpoint must be an absolute http or https URL.", failures);
        Require(!string.IsNullOrWhiteSpace(agent.Model), $"{path}:Model is required.", failures);
        Require(!string.IsNullOrEmpty(agent.ApiKey),
            $"{path}:ApiKey is required (any value for an endpoint that takes none; in Dapr mode it may come from ApiKeySecret).", failures);
        Require(LlmAgentRegistrationRules.IsTemperature(agent.Temperature), $"{path}:Temperature {LlmAgentRegistrationRules.TemperatureRange}.", failures);
        Require(agent.MaxOutputTokens >= 1, $"{path}:MaxOutputTokens must be at least 1.", failures);
        Require(LlmAgentRegistrationRules.IsTaskLimit(agent.MaxConcurrentTasks),
            $"{path}:MaxConcurrentTasks must be between 1 and {AgentDeclaration.MaxTaskLimit}.", failures);
        foreach (var (capability, proficiency) in agent.Capabilities)
        {
            Require(LlmAgentRegistrationRules.IsProficiency(proficiency), $"{path}:Capabilities:{capability} must be between 0 and 1.", failures);
        }

        foreach (var (field, message) in LlmAgentRegistrationRules.CheckTools(agent.Channels, agent.Tools, agent.McpServers, agent.MaxToolRounds, null))
        {
            failures.Add($"{path}: {field} {message}.");
        }

        if (agent.ResponseSchema is { Length: > 0 } schema)
        {
            try
            {
                using var parsed = JsonDocument.Parse(schema);
                Require(parsed.RootElement.ValueKind == JsonValueKind.Object, $"{path}:ResponseSchema must be a JSON object.", failures);
            }
            catch (JsonException invalid)
            {
                failures.Add($"{path}:ResponseSchema is not valid JSON: {invalid.Message}");
            }
        }
    }

    private static void Require(bool condition, string failure, List<string> failures)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
