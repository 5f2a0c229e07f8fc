using Microsoft.Extensions.Configuration;

namespace AgentPlatform.Runtime.Dapr;

/// <summary>How the host reaches its Dapr sidecar and how the sidecar proves itself to the host.</summary>
/// <remarks>Bound from the <c>Dapr</c> section; anything left empty falls back to the variables <c>dapr run</c> and the sidecar
/// injector set: <c>DAPR_HTTP_ENDPOINT</c> or <c>DAPR_HTTP_PORT</c>, <c>DAPR_GRPC_ENDPOINT</c> or <c>DAPR_GRPC_PORT</c>,
/// <c>DAPR_API_TOKEN</c> and <c>APP_API_TOKEN</c>.</remarks>
public sealed class DaprRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Dapr";

    /// <summary>The sidecar's HTTP API, for example <c>http://127.0.0.1:3500</c> (actors, reminders, timers).</summary>
    public string? HttpEndpoint { get; set; }

    /// <summary>The sidecar's gRPC API, for example <c>http://127.0.0.1:50001</c> (state, pub/sub, secrets).</summary>
    public string? GrpcEndpoint { get; set; }

    /// <summary>The token the host sends to the sidecar (<c>dapr-api-token</c>); must equal daprd's <c>DAPR_API_TOKEN</c>.</summary>
    public string? ApiToken { get; set; }

    /// <summary>The token the sidecar sends on every callback; must equal daprd's <c>APP_API_TOKEN</c>. When set, callbacks
    /// without it are answered 401.</summary>
    public string? AppApiToken { get; set; }

    /// <summary>How long an actor may be idle before Dapr deactivates it, unless its type says otherwise; Dapr's default when null.</summary>
    public TimeSpan? ActorIdleTimeout { get; set; }

    /// <summary>The secret in <see cref="DaprNames.Components.SecretStore"/> that holds the operator token, read at start-up
    /// when <c>Api:OperatorToken</c> is empty; null reads nothing. The secret's key of the same name is used, or its only key.</summary>
    public string? OperatorTokenSecret { get; set; }

    /// <summary>Reads the options from <paramref name="configuration"/>, filling empty settings from the Dapr variables.</summary>
    public static DaprRuntimeOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<DaprRuntimeOptions>() ?? new DaprRuntimeOptions();
        options.HttpEndpoint = FirstOf(options.HttpEndpoint, configuration["DAPR_HTTP_ENDPOINT"], Loopback(configuration["DAPR_HTTP_PORT"]));
        options.GrpcEndpoint = FirstOf(options.GrpcEndpoint, configuration["DAPR_GRPC_ENDPOINT"], Loopback(configuration["DAPR_GRPC_PORT"]));
        options.ApiToken = FirstOf(options.ApiToken, configuration["DAPR_API_TOKEN"]);
        options.AppApiToken = FirstOf(options.AppApiToken, configuration["APP_API_TOKEN"]);
        return options;
    }

    private static string? Loopback(string? port) => string.IsNullOrWhiteSpace(port) ? null : $"http://127.0.0.1:{port.Trim()}";

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
