namespace AgentPlatform.Agents.Identity;

/// <summary>Why a presented API key is or is not accepted.</summary>
public enum ApiKeyStatus
{
    /// <summary>The key is current and its secret matches.</summary>
    Valid,

    /// <summary>The text does not have the form <c>apk_&lt;key id&gt;.&lt;secret&gt;</c>.</summary>
    Malformed,

    /// <summary>No current key has this id and secret: wrong, revoked, rotated away, or its agent was deleted.</summary>
    Rejected,
}
