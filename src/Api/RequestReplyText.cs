namespace AgentPlatform.Api;

/// <summary>The refusals of a reply to an agent-to-agent request, the same over HTTP and gRPC.</summary>
public static class RequestReplyText
{
    /// <summary>No such request (or an id that cannot name one).</summary>
    public static string Unknown(string requestId) => $"No request '{ClientText.Printable(requestId)}' (field 'request_id').";

    /// <summary>The request was sent to another agent; nothing was delivered.</summary>
    public static string NotRecipient(string requestId, string agentId) =>
        $"Request '{ClientText.Printable(requestId)}' was not sent to agent '{agentId}'.";

    /// <summary>The request expired or was already answered; nothing was delivered.</summary>
    public static string Late(string requestId) =>
        $"Request '{ClientText.Printable(requestId)}' has expired or was already answered; the reply was not delivered.";
}
