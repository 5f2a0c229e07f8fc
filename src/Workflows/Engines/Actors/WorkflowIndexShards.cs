using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Maps instance ids to the actors of their index shard (<see cref="WorkflowInstanceId.ShardOf"/>).</summary>
internal static class WorkflowIndexShards
{
    public static ActorId ActorFor(WorkflowInstanceId instanceId, int shards) => Shard(instanceId.ShardOf(shards));

    public static ActorId Shard(int shard) => ActorId.Create(WorkflowActorTypes.Index, shard.ToString(CultureInfo.InvariantCulture));
}
