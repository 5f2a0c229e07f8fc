namespace AgentPlatform.Agents.Requests;

/// <summary>What became of a reply.</summary>
public enum ReplyStatus
{
    /// <summary>Delivered to the waiting sender.</summary>
    Delivered,

    /// <summary>No such request.</summary>
    NotFound,

    /// <summary>The caller is not the agent the request was sent to; nothing changed.</summary>
    NotRecipient,

    /// <summary>The request expired or was already answered; nothing changed.</summary>
    Late,
}
