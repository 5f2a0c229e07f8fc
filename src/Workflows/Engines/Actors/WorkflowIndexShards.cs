using System.Globalization;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Maps instance ids to index shards with a stable hash (FNV-1a), so every process agrees on the shard.</summary>
internal static class WorkflowIndexShards
{
    public static ActorId ActorFor(string instanceId, int shards) => Shard(ShardOf(instanceId, shards));

    public static ActorId Shard(int shard) => ActorId.Create(WorkflowActorTypes.Index, shard.ToString(CultureInfo.InvariantCulture));

    public static int ShardOf(string instanceId, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in instanceId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
