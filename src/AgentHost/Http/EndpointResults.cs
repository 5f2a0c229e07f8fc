namespace AgentPlatform.AgentHost.Http;

/// <summary>Reads what an endpoint handler answered, for filters that act on the outcome.</summary>
internal static class EndpointResults
{
    /// <summary>The innermost result: a <c>Results&lt;…&gt;</c> union is unwrapped to the result it holds.</summary>
    public static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }
}
