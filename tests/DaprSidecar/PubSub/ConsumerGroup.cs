using System.Threading.Channels;
using System.Text.Json.Nodes;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>The readers of one topic that share a consumer id: every replica of the app when the component's consumer id
/// is the app id (they compete: each event goes to one of them), or one replica when it is per replica
/// (<see cref="Replica"/> set). Events wait here, in publish order, until delivered.</summary>
internal sealed class ConsumerGroup(string pubsub, string topic, int? replica)
{
    /// <summary>The pub/sub component.</summary>
    public string Pubsub { get; } = pubsub;

    /// <summary>The topic.</summary>
    public string Topic { get; } = topic;

    /// <summary>The only replica this group delivers to, or null when the app's replicas compete.</summary>
    public int? Replica { get; } = replica;

    /// <summary>The events not yet delivered.</summary>
    public Channel<JsonObject> Pending { get; } = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Where the next competing delivery starts looking, for round robin.</summary>
    public int NextReplica { get; set; }
}
