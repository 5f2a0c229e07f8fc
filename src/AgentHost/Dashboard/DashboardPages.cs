using System.Net;
using System.Text;

namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>Writes the dashboard's HTML answers with the headers every page gets: a strict content security policy (scripts,
/// styles and connections only from this host), no framing, no caching, no referrer to other sites.</summary>
public static class DashboardPages
{
    private const string ErrorMarker = "<!--error-->";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The page itself.</summary>
    public static Task WriteDashboardAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, DashboardAssets.Get("index.html").Content);

    /// <summary>The sign-in form, with <paramref name="error"/> above it when set.</summary>
    public static Task WriteSignInAsync(HttpContext context, int statusCode, string? error)
    {
        var form = Encoding.UTF8.GetString(DashboardAssets.Get("sign-in.html").Content);
        var message = error is null ? string.Empty : $"<p class=\"error\" role=\"alert\" id=\"sign-in-error\">{WebUtility.HtmlEncode(error)}</p>";
        return WriteAsync(context, statusCode, Encoding.UTF8.GetBytes(form.Replace(ErrorMarker, message, StringComparison.Ordinal)));
    }

    /// <summary>Adds the security headers of every dashboard answer.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
    }

    private static async Task WriteAsync(HttpContext context, int statusCode, byte[] html)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        AddSecurityHeaders(response);
        await response.Body.WriteAsync(html, context.RequestAborted);
    }
}
