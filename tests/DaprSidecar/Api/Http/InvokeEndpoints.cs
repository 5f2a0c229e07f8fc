using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>HTTP service invocation (<c>/v1.0/invoke/{appId}/method/{path}</c>): forwarded with its verb, query, headers
/// and body to an answering replica of the app (round robin), the app's answer passed back as is.</summary>
internal static class InvokeEndpoints
{
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Upgrade", "dapr-api-token", "dapr-app-id",
    };

    private static int _next;

    public static void MapInvokeEndpoints(this IEndpointRouteBuilder app) =>
        app.Map("/v1.0/invoke/{appId}/method/{**path}", InvokeAsync);

    private static async Task<IResult> InvokeAsync(HttpContext context, string appId, string? path, ClusterRuntime cluster)
    {
        if (appId != cluster.Options.AppId)
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {appId}, err: couldn't find service: {appId}");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.Length > 0 || !HttpMethods.IsGet(context.Request.Method) ? buffer.ToArray() : null;
        var headers = context.Request.Headers.Where(header => !SkippedHeaders.Contains(header.Key) && header.Key != "Content-Type")
            .Select(header => KeyValuePair.Create(header.Key, header.Value.ToString())).ToList();
        var target = "/" + (path ?? "") + context.Request.QueryString.Value;
        var sidecars = cluster.Sidecars;
        var start = Interlocked.Increment(ref _next);
        for (var offset = 0; offset < sidecars.Count; offset++)
        {
            var sidecar = sidecars[(int)((uint)(start + offset) % (uint)sidecars.Count)];
            if (!sidecar.CanServe)
            {
                continue;
            }

            try
            {
                var response = await sidecar.App.SendAsync(
                    new HttpMethod(context.Request.Method), target, body, context.Request.ContentType, headers, context.RequestAborted);
                foreach (var (name, value) in response.Headers.Where(header => !SkippedHeaders.Contains(header.Key) && header.Key != "Content-Type"))
                {
                    context.Response.Headers[name] = value;
                }

                return new RawResponse(response.StatusCode, response.Body, response.ContentType);
            }
            catch (AppUnreachableException)
            {
                sidecar.ReportAppUnreachable();
            }
        }

        return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_DIRECT_INVOKE", $"failed to invoke, id: {appId}, err: no replica is answering");
    }
}
