namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>The app replica did not answer: the connection was refused or reset, or the call timed out.</summary>
internal sealed class AppUnreachableException(int replica, string reason, Exception? inner = null)
    : Exception($"app replica {replica} is not answering: {reason}", inner)
{
    /// <summary>The replica that did not answer.</summary>
    public int Replica { get; } = replica;
}
