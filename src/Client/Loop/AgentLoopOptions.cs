using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client.Loop;

/// <summary>What an <see cref="AgentLoop"/> does with what arrives, and how it keeps the agent alive.</summary>
public sealed class AgentLoopOptions
{
    /// <summary>Does a task and returns its output (any JSON, or null); an exception fails the task with its message. The token is
    /// cancelled when the host takes the task away or the loop stops. Null: the agent rejects tasks.</summary>
    public Func<AgentTask, CancellationToken, Task<JsonNode?>>? HandleTask { get; set; }

    /// <summary>Handles a post, direct or system message; returning acknowledges it, an exception hands it back for redelivery.
    /// Null: messages are acknowledged unread.</summary>
    public Func<Delivery, CancellationToken, Task>? HandleMessage { get; set; }

    /// <summary>Answers another agent's request; the returned text is the reply. Null: requests are acknowledged unanswered.</summary>
    public Func<AgentRequest, CancellationToken, Task<string>>? HandleRequest { get; set; }

    /// <summary>How often to heartbeat; null beats at half the interval the host expects (its heartbeat answer says).</summary>
    public TimeSpan? HeartbeatInterval { get; set; }

    /// <summary>How often to extend the lease of a task being handled.</summary>
    public TimeSpan TaskHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first wait before subscribing again after the stream ended or failed; doubled up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many deliveries are handled at once.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 4;
}
