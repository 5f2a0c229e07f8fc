namespace AgentPlatform.AgentHost.Http;

/// <summary>Endpoint metadata: requests to this endpoint are not recorded by <see cref="LivenessEvidence"/> (the heartbeat
/// endpoint records its own).</summary>
public sealed class NoLivenessEvidence
{
    /// <summary>The one instance.</summary>
    public static readonly NoLivenessEvidence Instance = new();

    private NoLivenessEvidence()
    {
    }
}
