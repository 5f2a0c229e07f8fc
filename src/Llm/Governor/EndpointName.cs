namespace AgentPlatform.Llm.Governor;

/// <summary>The name of an endpoint as the governor, logs and metrics show it: scheme, host, port and path, never user info or a
/// query (either may carry a credential).</summary>
public static class EndpointName
{
    /// <summary>The name of <paramref name="endpoint"/>.</summary>
    public static string Of(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return $"{endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}{endpoint.AbsolutePath.TrimEnd('/')}";
    }
}
