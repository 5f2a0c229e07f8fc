namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>The actor types the workflow runner registers with the runtime.</summary>
public static class WorkflowActorTypes
{
    /// <summary>One actor per workflow instance, keyed by instance id; holds the history.</summary>
    public const string Instance = "workflow";

    /// <summary>Shards of the instance index (keyed <c>0</c>..<c>n-1</c>): instance id to summary, used to list and resume instances.</summary>
    public const string Index = "workflow-index";

    /// <summary>One actor per definition id, holding every registered version.</summary>
    public const string Definition = "workflow-definition";

    /// <summary>The catalog of definition ids (key <c>all</c>).</summary>
    public const string Catalog = "workflow-catalog";
}
