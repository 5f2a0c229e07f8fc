namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Method names of an index shard actor.</summary>
internal static class IndexMethods
{
    /// <summary>Adds a summary unless the id is present; answers the existing summary or null.</summary>
    /// <remarks>This process sends <see cref="Apply"/> (<see cref="WorkflowIndexWriter"/>); <see cref="Add"/> and <see cref="Update"/>
    /// are still answered for hosts of the previous version sharing the actors (Dapr mode with <c>Workflows:Engine</c> <c>actors</c>).</remarks>
    public const string Add = "add";

    /// <summary>Replaces (or adds) a summary.</summary>
    public const string Update = "update";

    /// <summary>Applies a list of <see cref="WorkflowIndexChange"/>s in order, in one turn and one commit; answers, per change, what
    /// <see cref="Add"/> or <see cref="Update"/> would have.</summary>
    public const string Apply = "apply";

    /// <summary>Removes an id.</summary>
    public const string Remove = "remove";

    /// <summary>Answers the summary of one id, or null.</summary>
    public const string Get = "get";

    /// <summary>Answers every summary of the shard.</summary>
    public const string List = "list";
}
