using AgentPlatform.Agents.Identity;

namespace AgentPlatform.Api;

/// <summary>Authenticates an agent's call from its <c>Authorization: Bearer</c> value and takes a token from the key's
/// rate-limit bucket; HTTP and gRPC answer its failures in their own form with the same text.</summary>
public sealed class AgentKeyCheck(IAgentIdentityStore identities, KeyRateLimiter rateLimiter)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The token of an <c>Authorization</c> value, or null with the reason when it is missing or not <c>Bearer</c>.</summary>
    public static string? ReadBearer(string? authorization, out string? failure)
    {
        failure = null;
        if (authorization is null)
        {
            failure = "The Authorization header is missing; send Authorization: Bearer <token>.";
            return null;
        }

        if (authorization.Length <= BearerPrefix.Length || !authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            failure = "The Authorization header must be 'Bearer <token>'.";
            return null;
        }

        return authorization[BearerPrefix.Length..].Trim();
    }

    /// <summary>Verifies an agent API key; <see cref="AgentKeyResult.Unauthenticated"/> carries the reason when it is not valid.</summary>
    public async ValueTask<AgentKeyResult> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var verification = await identities.VerifyKeyAsync(token, cancellationToken);
        return verification.Status switch
        {
            ApiKeyStatus.Malformed => AgentKeyResult.Unauthenticated("The API key is malformed; keys look like apk_<key id>.<secret>."),
            ApiKeyStatus.Rejected => AgentKeyResult.Unauthenticated("The API key is not valid: it is wrong, revoked or was rotated away."),
            _ => new AgentKeyResult(new AgentCaller(verification.AgentId!, verification.KeyId!), null, null),
        };
    }

    /// <summary>Takes one token from the caller's key bucket; when none is left, the time until one is.</summary>
    public TimeSpan? TryAcquire(AgentCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return rateLimiter.TryAcquire(caller.KeyId);
    }

    /// <summary>Reads the bearer token, verifies it and takes a rate-limit token: everything an agent-only call needs.</summary>
    public async ValueTask<AgentKeyResult> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (ReadBearer(authorization, out var failure) is not { } token)
        {
            return AgentKeyResult.Unauthenticated(failure!);
        }

        var result = await VerifyAsync(token, cancellationToken);
        if (result.Caller is { } caller && TryAcquire(caller) is { } retryAfter)
        {
            return new AgentKeyResult(null, null, retryAfter);
        }

        return result;
    }
}
