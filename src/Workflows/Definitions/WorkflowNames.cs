using System.Diagnostics.CodeAnalysis;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Workflows.Definitions;

/// <summary>The rules for names that end up in actor ids, timer and reminder names, task ids and storage keys:
/// definition ids, step ids, event names and agent ids.</summary>
/// <remarks>Each rule is a subset of <see cref="ActorNames"/> (the runtime's own rule) and short enough that the names
/// built from it stay within <see cref="ActorNames.MaxLength"/>: a task id <c>{instance}:{step}:{attempt}</c> is at
/// most 128 + 1 + 64 + 1 + 10 characters, a timer name <c>event-timeout:{step}</c> at most 78. Checking them where a
/// definition or request enters means the runtime's <see cref="ArgumentException"/> can never reach a caller.</remarks>
public static class WorkflowNames
{
    /// <summary>The longest definition id or event name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>The longest step id.</summary>
    public const int MaxStepIdLength = 64;

    /// <summary>The rule of <see cref="IsValidName"/>, as shown in problems.</summary>
    public const string NameRule = "must be 1-128 characters of A-Z a-z 0-9 _ . - and not '.' or '..'";

    /// <summary>The rule of <see cref="IsValidStepId"/>, as shown in problems.</summary>
    public const string StepIdRule = "must be 1-64 characters, start with a letter or '_' and contain only letters, digits, '_' and '-'";

    /// <summary>The rule of <see cref="IsValidAgentId"/>, as shown in problems.</summary>
    public const string AgentIdRule =
        "must be 1-128 characters without '\\', '#', '?' or control characters, not '.' or '..', with at most one '/' (type/key of an in-process agent)";

    /// <summary>True when <paramref name="name"/> may be a definition id or an event name: 1-128 characters of
    /// <c>[A-Za-z0-9_.-]</c>, not <c>.</c> or <c>..</c> (the rule of instance ids).</summary>
    public static bool IsValidName([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name is "." or "..")
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="id"/> can name a step and be named in references: 1-64 characters, a letter or
    /// <c>_</c> first, then letters, digits, <c>_</c> or <c>-</c>, and not an operator word.</summary>
    public static bool IsValidStepId([NotNullWhen(true)] string? id) =>
        id is { Length: > 0 and <= MaxStepIdLength } && (char.IsLetter(id[0]) || id[0] == '_')
        && id.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') && id is not ("and" or "or" or "not");

    /// <summary>True when <paramref name="id"/> may name the agent of an <c>agent_task</c>: at most 128 characters, either one
    /// valid actor key (an external agent) or <c>type/key</c> of two (an in-process agent).</summary>
    public static bool IsValidAgentId([NotNullWhen(true)] string? id)
    {
        if (id is not { Length: <= MaxNameLength })
        {
            return false;
        }

        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? ActorNames.IsValid(id)
            : ActorNames.IsValid(id[..slash]) && ActorNames.IsValid(id[(slash + 1)..]);
    }
}
