using AgentPlatform.AgentHost.Dashboard;
using AgentPlatform.Agents.Identity;

namespace AgentPlatform.AgentHost.Http;

/// <summary>Authentication of API calls as endpoint filters, and access to the authenticated caller.</summary>
/// <remarks>
/// Apply to a group or a single endpoint: <c>group.MapGet(...).RequireAgentKey()</c> or <c>group.RequireAgentKey()</c>.
/// The filters run before the handler (so read bodies with <see cref="JsonBody"/>, not <c>[FromBody]</c>, to get 401
/// before any body problem). Outcomes: no or malformed <c>Authorization: Bearer</c> header, unknown, wrong, revoked or
/// rotated-away key → 401 <c>unauthorized</c>; key over its token bucket → 429 <c>rate-limited</c> with <c>Retry-After</c>;
/// admin endpoint without a configured operator token → 403 <c>forbidden</c>. A GET or HEAD without the header but with the
/// dashboard's session cookie (<see cref="DashboardSessions"/>) counts as the operator. An agent request the handler accepts (no problem answer)
/// counts as a heartbeat through <see cref="LivenessEvidence"/>.
/// </remarks>
public static class ApiAuthorization
{
    /// <summary>Requires an agent API key; the handler reads the caller with <see cref="GetAgentCaller"/>.</summary>
    public static TBuilder RequireAgentKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) => AuthenticateAsync(context, next, allowAgent: true, allowOperator: false));

    /// <summary>Requires the operator token (<c>Api:OperatorToken</c>); answers 403 when none is configured.</summary>
    public static TBuilder RequireOperatorToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) => AuthenticateAsync(context, next, allowAgent: false, allowOperator: true));

    /// <summary>Accepts either an agent API key or the operator token; see <see cref="IsOperator"/> and <see cref="FindAgentCaller"/>.</summary>
    public static TBuilder RequireAgentOrOperator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static (context, next) => AuthenticateAsync(context, next, allowAgent: true, allowOperator: true));

    /// <summary>The agent the request is authenticated as.</summary>
    /// <exception cref="InvalidOperationException">The endpoint has no <see cref="RequireAgentKey"/> filter or the caller is the operator.</exception>
    public static AgentCaller GetAgentCaller(this HttpContext httpContext) =>
        FindAgentCaller(httpContext)
        ?? throw new InvalidOperationException("No agent caller: add RequireAgentKey() to the endpoint, or the operator is calling.");

    /// <summary>The agent the request is authenticated as, or null (operator or unauthenticated).</summary>
    public static AgentCaller? FindAgentCaller(this HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Features.Get<AgentCaller>();
    }

    /// <summary>True when the request carried the operator token.</summary>
    public static bool IsOperator(this HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Features.Get<OperatorCaller>() is not null;
    }

    private static async ValueTask<object?> AuthenticateAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool allowAgent, bool allowOperator)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (allowOperator && !allowAgent && !services.GetRequiredService<OperatorToken>().IsConfigured)
        {
            return Problems.Forbidden("Admin endpoints are disabled: no operator token is configured (Api:OperatorToken).");
        }

        var header = http.Request.Headers.Authorization;
        if (header.Count == 0 && allowOperator && IsDashboardRead(http))
        {
            http.Features.Set(OperatorCaller.Instance);
            return await next(context);
        }

        var authorization = header.Count switch { 0 => null, 1 => header[0] ?? string.Empty, _ => string.Empty };
        if (AgentKeyCheck.ReadBearer(authorization, out var refusal) is not { } token)
        {
            return Problems.Unauthorized(refusal!);
        }

        if (allowOperator && !token.StartsWith(ApiKey.Prefix, StringComparison.Ordinal))
        {
            var operatorToken = services.GetRequiredService<OperatorToken>();
            if (operatorToken.Matches(token))
            {
                http.Features.Set(OperatorCaller.Instance);
                return await next(context);
            }

            return allowAgent
                ? Problems.Unauthorized("The token is neither an API key nor the operator token.")
                : Problems.Unauthorized("The operator token is wrong.");
        }

        var keys = services.GetRequiredService<AgentKeyCheck>();
        var verified = await keys.VerifyAsync(token, http.RequestAborted);
        if (verified.Caller is not { } caller)
        {
            return Problems.Unauthorized(verified.Failure!);
        }

        // Known before any refusal, so the audit log names the agent behind a refused attempt.
        http.Features.Set(caller);
        if (!allowAgent)
        {
            return Problems.Forbidden("This is an admin endpoint: it needs the operator token, and agents may act only on themselves.");
        }

        if (keys.TryAcquire(caller) is { } retryAfter)
        {
            return Problems.RateLimited(retryAfter, AgentKeyResult.RateLimitedMessage);
        }

        var result = await next(context);
        if (!IsProblem(result) && http.GetEndpoint()?.Metadata.GetMetadata<NoLivenessEvidence>() is null)
        {
            await services.GetRequiredService<LivenessEvidence>().RecordAsync(caller.AgentId, http.RequestAborted);
        }

        return result;
    }

    /// <summary>A read (GET or HEAD) carrying the dashboard's session cookie and no <c>Authorization</c> header acts as the
    /// operator, so the dashboard page calls the JSON API without ever holding the token; writes still need the token.</summary>
    private static bool IsDashboardRead(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.RequestServices.GetService<DashboardSessions>()?.IsSignedIn(http) == true;

    private static bool IsProblem(object? result) => EndpointResults.Unwrap(result) is IStatusCodeHttpResult { StatusCode: >= 400 };

    private sealed class OperatorCaller
    {
        public static readonly OperatorCaller Instance = new();
    }
}
