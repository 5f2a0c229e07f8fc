using AgentPlatform.Workflows.Ids;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>Short instance ids for tests.</summary>
internal static class TestInstances
{
    public static WorkflowInstanceId Id(string value) => WorkflowInstanceId.Create(value);
}
