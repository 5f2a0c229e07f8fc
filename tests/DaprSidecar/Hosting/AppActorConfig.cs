using System.Text.Json;
using AgentPlatform.DaprSidecar.Durations;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>The actor part of an app's <c>GET /dapr/config</c> answer: the types it hosts and their idle timeouts.</summary>
internal sealed class AppActorConfig
{
    private static readonly TimeSpan DaprDefaultIdleTimeout = TimeSpan.FromMinutes(60);

    private readonly IReadOnlyDictionary<string, TimeSpan> _idleTimeouts;
    private readonly TimeSpan _defaultIdleTimeout;

    private AppActorConfig(IReadOnlySet<string> entities, TimeSpan defaultIdleTimeout, IReadOnlyDictionary<string, TimeSpan> idleTimeouts)
    {
        Entities = entities;
        _defaultIdleTimeout = defaultIdleTimeout;
        _idleTimeouts = idleTimeouts;
    }

    /// <summary>An app that hosts no actors (its <c>/dapr/config</c> answered anything but 200).</summary>
    public static AppActorConfig None { get; } = new(new HashSet<string>(), DaprDefaultIdleTimeout, new Dictionary<string, TimeSpan>());

    /// <summary>The actor types the app hosts.</summary>
    public IReadOnlySet<string> Entities { get; }

    /// <summary>How long an actor of <paramref name="actorType"/> may go without calls before it is deactivated.</summary>
    public TimeSpan IdleTimeoutOf(string actorType) =>
        _idleTimeouts.TryGetValue(actorType, out var timeout) ? timeout : _defaultIdleTimeout;

    /// <summary>Reads a <c>/dapr/config</c> body; unreadable durations fall back to daprd's defaults.</summary>
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static AppActorConfig Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("/dapr/config must answer a JSON object");
        }

        var entities = GoJson.Strings(root, "entities").ToHashSet(StringComparer.Ordinal);
        var defaultIdle = Duration(root, "actorIdleTimeout") ?? DaprDefaultIdleTimeout;
        var perType = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        if (GoJson.TryGet(root, "entitiesConfig", out var overrides) && overrides.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in overrides.EnumerateArray())
            {
                if (Duration(item, "actorIdleTimeout") is { } idle)
                {
                    foreach (var type in GoJson.Strings(item, "entities"))
                    {
                        perType[type] = idle;
                    }
                }
            }
        }

        return new AppActorConfig(entities, defaultIdle, perType);
    }

    private static TimeSpan? Duration(JsonElement element, string name) =>
        GoJson.String(element, name) is { } text
        && DaprDuration.TryParseRelative(text, allowCalendarUnits: false, out var duration) && duration > TimeSpan.Zero
            ? duration
            : null;
}
