using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentPlatform.Workflows.History;

/// <summary>Brings persisted history events and stored definitions of any older schema version to the current one,
/// through a chain of steps each going from version n to n + 1.</summary>
/// <remarks>
/// <para>This is the only place that knows older shapes. Readers call it for data whose version is below the current
/// one (<see cref="WorkflowEventBatch"/> for events, <see cref="StoredWorkflowDefinition"/> for definitions); data of
/// the current version is read directly. Data of a newer version than this build is refused.</para>
/// <para>Version 1 to 2: nothing in the content changed; version 2 added the version itself (<c>v</c> on each event)
/// and stores a definition inside an envelope <c>{ "schema_version", "definition" }</c> instead of bare.</para>
/// <para>Optional fields added within a version need no step: <c>traceparent</c> on <c>workflow_started</c> and
/// <c>task_scheduled</c> (version 2) is absent from older events, which read it as null, and the decider never reads it.
/// New event types need no step either: <c>items_recorded</c> and <c>plan_recorded</c> (version 2) only occur in histories
/// of definitions using <c>for_each</c> or <c>plan</c>, which older builds could not run.</para>
/// </remarks>
public sealed class WorkflowUpcaster
{
    /// <summary>The property that carries an event's schema version.</summary>
    public const string EventVersionProperty = "v";

    /// <summary>The property that carries a stored definition's schema version.</summary>
    public const string DefinitionVersionProperty = "schema_version";

    /// <summary>The property of a stored definition envelope that holds the definition.</summary>
    public const string DefinitionProperty = "definition";

    private readonly IReadOnlyList<WorkflowUpcastStep> _steps;

    /// <summary>Creates an upcaster over <paramref name="steps"/>, which must go from version 1 upwards without gaps.</summary>
    /// <exception cref="ArgumentException">The steps do not form a chain from version 1.</exception>
    public WorkflowUpcaster(IReadOnlyList<WorkflowUpcastStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].From != WorkflowSchema.LegacyVersion + i)
            {
                throw new ArgumentException($"Upcast step {i} reads version {steps[i].From}; expected {WorkflowSchema.LegacyVersion + i}.", nameof(steps));
            }
        }

        _steps = steps;
    }

    /// <summary>The chain of this build.</summary>
    public static WorkflowUpcaster Default { get; } = new([new WorkflowUpcastStep(1, e => e, WrapDefinition)]);

    /// <summary>The version the chain ends at.</summary>
    public int CurrentVersion => WorkflowSchema.LegacyVersion + _steps.Count;

    /// <summary>Brings one event of <paramref name="version"/> to <see cref="CurrentVersion"/> and stamps it.</summary>
    /// <exception cref="JsonException">The version is unknown or newer than this build.</exception>
    public JsonObject UpcastEvent(JsonObject e, int version) => Upcast(e, version, EventVersionProperty, static (step, node) => step.Event(node));

    /// <summary>Brings one stored definition document of <paramref name="version"/> to <see cref="CurrentVersion"/> and
    /// stamps it.</summary>
    /// <exception cref="JsonException">The version is unknown or newer than this build.</exception>
    public JsonObject UpcastDefinition(JsonObject stored, int version) =>
        Upcast(stored, version, DefinitionVersionProperty, static (step, node) => step.Definition(node));

    /// <summary>Throws unless <paramref name="version"/> can be read by this build.</summary>
    /// <exception cref="JsonException">The version is below 1 or newer than <see cref="CurrentVersion"/>.</exception>
    public void ThrowIfUnreadable(int version)
    {
        if (version < WorkflowSchema.LegacyVersion || version > CurrentVersion)
        {
            throw new JsonException(
                $"Workflow data of schema version {version} cannot be read: this build reads versions {WorkflowSchema.LegacyVersion} to {CurrentVersion}.");
        }
    }

    private static JsonObject WrapDefinition(JsonObject bare) => new() { [DefinitionProperty] = bare };

    private JsonObject Upcast(JsonObject node, int version, string versionProperty, Func<WorkflowUpcastStep, JsonObject, JsonObject> apply)
    {
        ArgumentNullException.ThrowIfNull(node);
        ThrowIfUnreadable(version);
        for (; version < CurrentVersion; version++)
        {
            node.Remove(versionProperty);
            node = apply(_steps[version - WorkflowSchema.LegacyVersion], node);
            node[versionProperty] = version + 1;
        }

        return node;
    }
}
