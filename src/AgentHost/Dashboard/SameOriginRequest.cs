namespace AgentPlatform.AgentHost.Dashboard;

/// <summary>The cross-site request forgery check of the dashboard's state-changing requests (sign-in, sign-out).</summary>
/// <remarks>Current browsers send <c>Sec-Fetch-Site</c> on every request (scripts cannot set it): only <c>same-origin</c> and
/// <c>none</c> (typed by the user) pass. Older browsers send <c>Origin</c> on a form POST, which must name this host; only the
/// host and port are compared, so a TLS-terminating proxy that forwards plain HTTP still matches. A request with neither
/// header does not come from a browser and carries no ambient session (the cookie is also <c>SameSite=Strict</c>).</remarks>
public static class SameOriginRequest
{
    /// <summary>True when the request comes from a page of this host, or from a client that is not a browser.</summary>
    public static bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers["Sec-Fetch-Site"];
        if (site.Count > 0)
        {
            return site.Count == 1 && site[0] is "same-origin" or "none";
        }

        var origin = request.Headers.Origin;
        return origin.Count == 0
            || (origin.Count == 1
                && Uri.TryCreate(origin[0], UriKind.Absolute, out var uri)
                && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
