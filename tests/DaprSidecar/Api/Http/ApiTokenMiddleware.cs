using System.Security.Cryptography;
using System.Text;
using AgentPlatform.DaprSidecar.Cluster;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's API token check: with <c>DAPR_API_TOKEN</c> set, every HTTP and gRPC call but the two health probes
/// must carry it in <c>dapr-api-token</c>; HTTP answers 401, gRPC <c>Unauthenticated</c>.</summary>
internal sealed class ApiTokenMiddleware(RequestDelegate next, ClusterRuntime cluster)
{
    private const string Header = "dapr-api-token";

    public async Task InvokeAsync(HttpContext context)
    {
        var token = cluster.Options.ApiToken;
        if (string.IsNullOrEmpty(token) || IsProbe(context.Request) || Matches(context.Request.Headers[Header].ToString(), token))
        {
            context.Request.Headers.Remove(Header);
            await next(context);
            return;
        }

        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            // A trailers-only gRPC answer: the status travels in the headers.
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "16";
            context.Response.Headers["grpc-message"] = "authentication error: api token mismatch";
            return;
        }

        await DaprError.Of(StatusCodes.Status401Unauthorized, "ERR_UNAUTHORIZED", "invalid api token").ExecuteAsync(context);
    }

    private static bool IsProbe(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value is "/v1.0/healthz" or "/v1.0/healthz/outbound";

    private static bool Matches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
