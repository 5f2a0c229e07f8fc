namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>An app's answer passed back as is: status, body and content type.</summary>
internal sealed class RawResponse(int statusCode, byte[] body, string? contentType) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        if (!string.IsNullOrEmpty(contentType))
        {
            httpContext.Response.ContentType = contentType;
        }

        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
