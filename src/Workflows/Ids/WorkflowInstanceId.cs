using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace AgentPlatform.Workflows.Ids;

/// <summary>Names one workflow instance: a root id chosen by the caller, or the id of a child workflow derived from its
/// parent's id and the step that started it.</summary>
/// <remarks>
/// <para>The wire form is <c>root-id *( "~" step-ref )</c>: a root id is 1-128 characters of <c>A-Z a-z 0-9 _ . -</c>
/// (not <c>.</c> or <c>..</c>); a child of instance <c>p</c> started by step <c>s</c> is <c>p~s</c>, by item 3 of a
/// <c>for_each</c> step <c>s</c> it is <c>p~s[3]</c>; the whole id is at most 256 characters. No part contains
/// <c>:</c>, so an instance id is also the unambiguous first part of a <see cref="WorkflowTaskId"/>, and every id is a
/// valid actor key and Dapr workflow instance id.</para>
/// <para><c>default</c> is not a valid id; obtain ids from <see cref="Create"/>, <see cref="Parse"/>, <see cref="New"/>
/// or <see cref="Child"/>.</para>
/// </remarks>
[JsonConverter(typeof(WorkflowInstanceIdJsonConverter))]
public readonly record struct WorkflowInstanceId
{
    /// <summary>The longest root id accepted.</summary>
    public const int MaxRootLength = 128;

    /// <summary>The longest instance id accepted, child ids included.</summary>
    public const int MaxLength = 256;

    private WorkflowInstanceId(string value) => Value = value;

    /// <summary>The wire form.</summary>
    public string Value { get; }

    /// <summary>True for the id of a child workflow.</summary>
    public bool IsChild => Value?.Contains(WorkflowIdGrammar.ChildSeparator, StringComparison.Ordinal) == true;

    /// <summary>The parent instance of a child workflow; null for a root instance.</summary>
    public WorkflowInstanceId? Parent
    {
        get
        {
            var separator = Value?.LastIndexOf(WorkflowIdGrammar.ChildSeparator) ?? -1;
            return separator < 0 ? null : new WorkflowInstanceId(Value![..separator]);
        }
    }

    /// <summary>The step of the parent that started this child workflow; null for a root instance.</summary>
    public WorkflowStepRef? ParentStep
    {
        get
        {
            var separator = Value?.LastIndexOf(WorkflowIdGrammar.ChildSeparator) ?? -1;
            return separator >= 0 && WorkflowIdGrammar.TryParseStepRef(Value![(separator + 1)..], out var step) ? step : null;
        }
    }

    /// <summary>The root instance this one descends from (itself for a root instance).</summary>
    public WorkflowInstanceId Root
    {
        get
        {
            var separator = Value?.IndexOf(WorkflowIdGrammar.ChildSeparator, StringComparison.Ordinal) ?? -1;
            return separator < 0 ? this : new WorkflowInstanceId(Value![..separator]);
        }
    }

    /// <summary>A new random root id (32 lowercase hex digits).</summary>
    public static WorkflowInstanceId New() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Creates a validated root id, as a caller chooses it when starting an instance; child ids are derived
    /// with <see cref="Child"/> and read with <see cref="Parse"/>.</summary>
    /// <exception cref="ArgumentException">The text is not a root id.</exception>
    public static WorkflowInstanceId Create(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return IsValidRoot(value)
            ? new WorkflowInstanceId(value)
            : throw new ArgumentException(
                $"'{value}' is not a valid instance id: use 1-{MaxRootLength} characters of A-Z a-z 0-9 _ . -.", nameof(value));
    }

    /// <summary>True when <paramref name="text"/> may be chosen as the id of a new (root) instance.</summary>
    public static bool IsValidRoot([NotNullWhen(true)] string? text) => text is not null && WorkflowIdGrammar.IsRootId(text);

    /// <summary>Parses the wire form.</summary>
    /// <exception cref="FormatException">The text is not an instance id.</exception>
    public static WorkflowInstanceId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a workflow instance id.");
    }

    /// <summary>Parses the wire form without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out WorkflowInstanceId id)
    {
        id = default;
        if (text is null || !WorkflowIdGrammar.IsInstanceId(text))
        {
            return false;
        }

        id = new WorkflowInstanceId(text);
        return true;
    }

    /// <summary>True when <paramref name="text"/> is an instance id (root or child).</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => text is not null && WorkflowIdGrammar.IsInstanceId(text);

    /// <summary>The id of the child workflow that <paramref name="step"/> of this instance starts: <c>{this}~{step}</c>.</summary>
    /// <exception cref="ArgumentException">The child id would be longer than <see cref="MaxLength"/>.</exception>
    public WorkflowInstanceId Child(WorkflowStepRef step) =>
        TryChild(step, out var child)
            ? child
            : throw new ArgumentException($"The child id '{ChildText(step)}' is longer than {MaxLength} characters.", nameof(step));

    /// <summary>Forms the id of the child workflow that <paramref name="step"/> of this instance starts, as
    /// <see cref="Child"/> does; false (and <c>default</c>) when it would be longer than <see cref="MaxLength"/>.</summary>
    public bool TryChild(WorkflowStepRef step, out WorkflowInstanceId child)
    {
        var value = ChildText(step);
        child = value.Length <= MaxLength ? new WorkflowInstanceId(value) : default;
        return child.Value is not null;
    }

    /// <summary>The text a child id of <paramref name="step"/> has, whether or not it fits.</summary>
    internal string ChildText(WorkflowStepRef step) => string.Concat(Value, WorkflowIdGrammar.ChildSeparator.ToString(), step.ToString());

    /// <summary>The shard (0 to <paramref name="shards"/> - 1) of an instance index this instance belongs to: a stable hash
    /// (FNV-1a over the id's characters), so every process and both engines agree.</summary>
    public int ShardOf(int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var hash = 2166136261u;
        foreach (var c in Value ?? "")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
