namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>What an app replica answered to a call from its sidecar.</summary>
internal sealed record AppResponse(int StatusCode, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>A response header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
