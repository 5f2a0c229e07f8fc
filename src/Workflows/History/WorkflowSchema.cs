namespace AgentPlatform.Workflows.History;

/// <summary>The schema versions of persisted workflow data: history events and stored definitions.</summary>
/// <remarks>Raise <see cref="CurrentVersion"/> only together with a step in <see cref="WorkflowUpcaster"/> that brings data
/// of the previous version to the new one, so every history ever written still replays.</remarks>
public static class WorkflowSchema
{
    /// <summary>The version of data written before versioning existed: events without <c>v</c>, definitions stored bare.</summary>
    public const int LegacyVersion = 1;

    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 2;
}
