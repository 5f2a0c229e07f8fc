using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Runtime.Dapr.Hosting;

/// <summary>Answers 401 to a sidecar callback (<c>/dapr/*</c>, <c>/actors/*</c>) that does not carry the app API token in
/// <c>dapr-api-token</c>; every other path, the health probes included, passes untouched.</summary>
/// <remarks>daprd adds the header to every call on the app channel when <c>APP_API_TOKEN</c> is set, but not to its app health
/// probes. The token is compared in constant time.</remarks>
public sealed class DaprCallbackToken(RequestDelegate next, byte[] token, ILogger<DaprCallbackToken> logger)
{
    /// <summary>The header daprd sends the token in (and the app sends daprd its own API token in).</summary>
    public const string HeaderName = "dapr-api-token";

    /// <summary>True when <paramref name="path"/> is one the sidecar calls.</summary>
    public static bool IsCallback(PathString path) =>
        path.StartsWithSegments("/dapr", StringComparison.Ordinal) || path.StartsWithSegments("/actors", StringComparison.Ordinal);

    /// <summary>Checks the token of a callback, then passes the request on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsCallback(context.Request.Path) || Matches(context.Request.Headers[HeaderName].ToString()))
        {
            return next(context);
        }

        Log.CallbackRefused(logger, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private bool Matches(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), token);
}
