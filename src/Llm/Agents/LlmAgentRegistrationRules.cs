using System.Text.Json;
using AgentPlatform.Agents.Liveness;
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
