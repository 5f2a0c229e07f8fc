using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AgentPlatform.Workflows.Ids;

/// <summary>Names one attempt of an <c>agent_task</c> step: <c>{instance}:{step}:{attempt}</c>, or
/// <c>{instance}:{step}[{item}]:{attempt}</c> for an item of a <c>for_each</c> step; the idempotency key of a dispatch.</summary>
/// <remarks>The instance part may be a child id (<c>parent~step</c>, see <see cref="WorkflowInstanceId"/>). Neither the
/// instance id nor the step reference contains <c>:</c>, so a task id has exactly two colons. Attempts count from 1.</remarks>
public readonly record struct WorkflowTaskId
{
    private WorkflowTaskId(WorkflowInstanceId instanceId, WorkflowStepRef step, int attempt)
    {
        InstanceId = instanceId;
        Step = step;
        Attempt = attempt;
    }

    /// <summary>The instance the task belongs to; results are reported to it.</summary>
    public WorkflowInstanceId InstanceId { get; }

    /// <summary>The step (and <c>for_each</c> item) the attempt runs.</summary>
    public WorkflowStepRef Step { get; }

    /// <summary>The attempt number, from 1.</summary>
    public int Attempt { get; }

    /// <summary>Creates the id of one attempt.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The attempt is less than 1.</exception>
    public static WorkflowTaskId Create(WorkflowInstanceId instanceId, WorkflowStepRef step, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (instanceId.Value is null || step.StepId is null)
        {
            throw new ArgumentException("The instance id and the step must not be default values.", nameof(instanceId));
        }

        return new WorkflowTaskId(instanceId, step, attempt);
    }

    /// <summary>The wire form of one attempt of a plain step; the decider's formatter.</summary>
    /// <exception cref="ArgumentException">The step id breaks the step id rule.</exception>
    public static string Format(WorkflowInstanceId instanceId, string stepId, int attempt) =>
        Create(instanceId, WorkflowStepRef.Create(stepId), attempt).ToString();

    /// <summary>Parses the wire form.</summary>
    /// <exception cref="FormatException">The text is not a task id.</exception>
    public static WorkflowTaskId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not a task id of the form {{instance}}:{{step}}:{{attempt}} or {{instance}}:{{step}}[{{item}}]:{{attempt}}.");
    }

    /// <summary>Parses the wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkflowTaskId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var first = text.IndexOf(WorkflowIdGrammar.TaskSeparator, StringComparison.Ordinal);
        var last = text.LastIndexOf(WorkflowIdGrammar.TaskSeparator);
        if (first < 0 || last == first)
        {
            return false;
        }

        var instance = text[..first];
        if (!WorkflowInstanceId.TryParse(instance, out var instanceId)
            || !WorkflowIdGrammar.TryParseStepRef(text[(first + 1)..last], out var step)
            || !WorkflowIdGrammar.TryParseNumber(text.AsSpan(last + 1), 1, out var attempt))
        {
            return false;
        }

        id = new WorkflowTaskId(instanceId, step, attempt);
        return true;
    }

    /// <summary>The wire form.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"{InstanceId.Value}{WorkflowIdGrammar.TaskSeparator}{Step}{WorkflowIdGrammar.TaskSeparator}{Attempt}");
}
