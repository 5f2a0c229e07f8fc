using AgentPlatform.AgentHost.Http;

namespace AgentPlatform.AgentHost.Audit;

/// <summary>The audit log: one entry per call of a mutating API endpoint, in the log category <see cref="Category"/>, naming who
/// (the operator, an agent by id, or anonymous), what (the endpoint's name), to which agent, channel or workflow (the resource path,
/// or the created resource's location) and the outcome (the HTTP status), refusals included.</summary>
/// <remarks>Never a secret: the actor is an agent id or <c>operator</c>, never a key, key id or token; the target is a path
/// without its query string; bodies are not read. The entry is written when the response completes, so the status is the one
/// the caller saw. Agent and task heartbeats and inbox acknowledgements are routine traffic, not changes, and are left out.</remarks>
public static class AuditLog
{
    /// <summary>The log category of audit entries, to route or retain them apart from the rest of the host's log.</summary>
    public const string Category = AuditCategory.Name;

    private const string MePath = "/me";

    private static readonly HashSet<string> Routine = new(StringComparer.Ordinal)
    {
        "Heartbeat", "HeartbeatTask", "AcknowledgeInbox", "HandBackInbox",
    };

    /// <summary>Audits every endpoint under <paramref name="builder"/> that answers POST, PUT, PATCH or DELETE.</summary>
    public static TBuilder WithAuditLog<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory(static (factory, next) =>
        {
            var logger = factory.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
            return context =>
            {
                var http = context.HttpContext;
                var endpoint = http.GetEndpoint();
                var name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
                if (IsMutating(http.Request.Method) && (name is null || !Routine.Contains(name)))
                {
                    var action = name ?? $"{http.Request.Method} {(endpoint as RouteEndpoint)?.RoutePattern.RawText}";
                    http.Response.OnCompleted(() =>
                    {
                        Write(logger, http, action);
                        return Task.CompletedTask;
                    });
                }

                return next(context);
            };
        });

    private static void Write(ILogger logger, HttpContext http, string action)
    {
        var caller = http.FindAgentCaller();
        var actor = caller is not null ? $"agent:{caller.AgentId}" : http.IsOperator() ? "operator" : "anonymous";
        var status = http.Response.StatusCode;
        var target = status == StatusCodes.Status201Created && http.Response.Headers.Location is [{ Length: > 0 } location]
            ? location
            : TargetOf(http.Request.Path.Value ?? string.Empty, caller?.AgentId);
        Log.Audited(logger, actor, action, target, status, http.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>The path with <c>/me</c> spelled as the calling agent's id, so every entry names the agent acted on.</summary>
    private static string TargetOf(string path, string? agentId)
    {
        if (agentId is null)
        {
            return path;
        }

        var me = path.IndexOf(MePath + "/", StringComparison.Ordinal) is var inner and >= 0 ? inner
            : path.EndsWith(MePath, StringComparison.Ordinal) ? path.Length - MePath.Length : -1;
        return me < 0 ? path : string.Concat(path.AsSpan(0, me + 1), agentId, path.AsSpan(me + MePath.Length));
    }

    private static bool IsMutating(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
}
