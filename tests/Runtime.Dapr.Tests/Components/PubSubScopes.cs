namespace AgentPlatform.Runtime.Dapr.Tests.Components;

/// <summary>Dapr's pub/sub topic scoping metadata of one component, parsed (<c>app=t1,t2;app2=</c>).</summary>
public sealed record PubSubScopes(
    IReadOnlySet<string> Protected,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Publishing,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Subscription)
{
    /// <summary>Reads the scoping metadata of a pub/sub component.</summary>
    public static PubSubScopes Of(DaprResource component) => new(
        List(component.Metadata("protectedTopics")),
        PerApp(component.Metadata("publishingScopes")),
        PerApp(component.Metadata("subscriptionScopes")));

    /// <summary>Parses a comma-separated topic list.</summary>
    public static IReadOnlySet<string> List(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlySet<string>> PerApp(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => List(parts.Length > 1 ? parts[1] : null), StringComparer.Ordinal);
}
