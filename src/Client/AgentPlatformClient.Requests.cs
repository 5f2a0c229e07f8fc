using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client;

public sealed partial class AgentPlatformClient
{
    /// <summary>Sends a request to another agent and waits for its reply.</summary>
    /// <param name="agentId">The agent asked.</param>
    /// <param name="content">The request text.</param>
    /// <param name="timeout">How long to wait, up to 30 s; null waits the host's default (30 s).</param>
    /// <param name="priority">The request's priority in the recipient's inbox.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="Errors.AgentPlatformTimeoutException">No reply came in time.</exception>
    public Task<SendRequestResponse> SendRequestAsync(
        string agentId, string content, TimeSpan? timeout = null, Priority priority = Priority.Unspecified, CancellationToken cancellationToken = default)
    {
        var request = new SendRequestRequest { AgentId = agentId, Content = content, Priority = priority };
        if (timeout is { } wait)
        {
            request.TimeoutSeconds = wait.TotalSeconds;
        }

        return InvokeAsync(_requests.SendAsync(request, Call(cancellationToken)), cancellationToken);
    }

    /// <summary>Answers a request found in the inbox.</summary>
    /// <exception cref="Errors.AgentPlatformConflictException">The request expired or was answered already.</exception>
    public Task<ReplyResponse> ReplyAsync(string requestId, string content, CancellationToken cancellationToken = default) =>
        InvokeAsync(_requests.ReplyAsync(new ReplyRequest { RequestId = requestId, Content = content }, Call(cancellationToken)), cancellationToken);
}
