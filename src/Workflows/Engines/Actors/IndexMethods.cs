namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Method names of an index shard actor.</summary>
internal static class IndexMethods
{
    /// <summary>Adds a summary unless the id is present; answers the existing summary or null.</summary>
    public const string Add = "add";

    /// <summary>Replaces (or adds) a summary.</summary>
    public const string Update = "update";

    /// <summary>Removes an id.</summary>
    public const string Remove = "remove";

    /// <summary>Answers the summary of one id, or null.</summary>
    public const string Get = "get";

    /// <summary>Answers every summary of the shard.</summary>
    public const string List = "list";
}
