namespace AgentPlatform.Agents.Core;

/// <summary>Declares on an agent class a capability its agents take tasks for, with a proficiency in [0, 1]; an agent type with
/// at least one is listed in the capability registry as the agent <c>{type}/default</c>
/// (<see cref="AgentTypeRegistration.TaskAgentId"/>), so a task step that asks by capabilities can be matched to it.</summary>
/// <remarks>The agent receives each task as an <see cref="Dispatch.AgentTaskMessage"/> (an actor call, one turn at a time) and
/// answers with the output. While its host runs it is <c>idle</c> or <c>working</c> (its load is the tasks in flight); it is
/// never offline and needs no heartbeat.</remarks>
/// <param name="name">The capability name.</param>
/// <param name="proficiency">How well the agent does it, in [0, 1].</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class TaskCapabilityAttribute(string name, double proficiency) : Attribute
{
    /// <summary>The capability name.</summary>
    public string Name { get; } = name;

    /// <summary>The proficiency in [0, 1].</summary>
    public double Proficiency { get; } = proficiency;
}
