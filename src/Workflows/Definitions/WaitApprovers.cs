using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The grammar of <see cref="WaitEvent.Approvers"/> and the approvers of an event in a definition.</summary>
/// <remarks>The same grammar as team approval points: <c>operator</c> (the operator token), a team role (<c>manager</c>,
/// <c>coordinator</c>, <c>executor</c>: any agent with that role) or an agent id (<c>agt_</c> and 20 lower-case hex digits).</remarks>
public static class WaitApprovers
{
    /// <summary>The approver that stands for the operator token.</summary>
    public const string Operator = "operator";

    /// <summary>The most approvers of one event.</summary>
    public const int MaxApprovers = 20;

    /// <summary>What an approver may be, for problem messages.</summary>
    public const string Rule = "must be 'operator', a role ('manager', 'coordinator', 'executor') or an agent id (agt_ and 20 hex digits)";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>True when <paramref name="approver"/> follows the grammar.</summary>
    public static bool IsApprover([NotNullWhen(true)] string? approver) =>
        approver is not null && (approver == Operator || AgentRoleNames.IsRole(approver) || IsAgentId(approver));

    /// <summary>The union of the approvers of every <c>wait</c> step of <paramref name="definition"/> that waits for
    /// <paramref name="eventName"/>; null when no such step names approvers (the event is not guarded).</summary>
    public static IReadOnlySet<string>? Of(WorkflowDefinition definition, string eventName)
    {
        ArgumentNullException.ThrowIfNull(definition);
        HashSet<string>? approvers = null;
        var pending = new Stack<WorkflowStep>(definition.Steps);
        while (pending.TryPop(out var step))
        {
            switch (step)
            {
                case WaitStep { Event: { Approvers: { } listed } waitEvent } when waitEvent.Name == eventName:
                    approvers ??= new HashSet<string>(StringComparer.Ordinal);
                    approvers.UnionWith(listed);
                    break;
                case ConditionStep condition:
                    Push(pending, condition.Then);
                    Push(pending, condition.Else);
                    break;
                case ParallelStep parallel:
                    foreach (var branch in parallel.Branches)
                    {
                        Push(pending, branch.Steps);
                    }

                    Push(pending, parallel.Steps ?? []);
                    break;
            }
        }

        return approvers;
    }

    private static void Push(Stack<WorkflowStep> pending, IReadOnlyList<WorkflowStep> steps)
    {
        foreach (var step in steps)
        {
            pending.Push(step);
        }
    }

    private static bool IsAgentId(string text) =>
        text.Length == 24 && text.StartsWith("agt_", StringComparison.Ordinal) && !text.AsSpan(4).ContainsAnyExcept(LowerHex);
}
