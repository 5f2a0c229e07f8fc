namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Settings of the workflow runner.</summary>
public sealed class WorkflowRunnerOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Workflows:Runner";

    /// <summary>Events per stored history page. Appends write only their new events as a chunk and each page is written
    /// once, when it fills; a larger page means fewer keys to load and more chunks before it fills. 1 to 4096; it must
    /// not change while histories exist.</summary>
    public int HistoryPageSize { get; set; } = 16;

    /// <summary>How many index shard actors hold the instance index. 1 to 1024; changing it on a populated store loses
    /// track of existing instances.</summary>
    public int IndexShards { get; set; } = 16;

    /// <summary>How many instances are resumed concurrently at start-up. 1 to 1024.</summary>
    public int ResumeConcurrency { get; set; } = 16;
}
