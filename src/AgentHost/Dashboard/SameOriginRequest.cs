namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The cross-site request forgery check of the dashboard's state-changing requests (sign-in, sign-out).</summary>
/// <remarks>Browsers send <c>Origin</c> (and <c>Sec-Fetch-Site</c>) on every form POST; a request naming another site is refused.
/// Only the host and port are compared, so a TLS-terminating proxy that forwards plain HTTP still matches. A request with
/// neither header does not come from a current browser and carries no ambient session (the cookie is <c>SameSite=Strict</c>).</remarks>
public static class SameOriginRequest
{
    /// <summary>True when the request comes from a page of this host, or from a client that is not a browser.</summary>
    public static bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var origin = request.Headers.Origin;
        if (origin.Count > 0)
        {
            return origin.Count == 1
                && Uri.TryCreate(origin[0], UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
        }

        var site = request.Headers["Sec-Fetch-Site"];
        return site.Count == 0 || site[0] is "same-origin" or "none";
    }
}
