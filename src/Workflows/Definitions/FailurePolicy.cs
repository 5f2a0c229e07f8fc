namespace AgentPlatform.Workflows.Definitions;

/// <summary>The parsed form of a step's <c>on_failure</c>.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Target">The step to go to when <paramref name="Action"/> is <see cref="FailureAction.Goto"/>.</param>
public readonly record struct FailurePolicy(FailureAction Action, string? Target)
{
    /// <summary>The default: the failure fails the enclosing step list.</summary>
    public static FailurePolicy Fail { get; } = new(FailureAction.Fail, null);

    /// <summary>Parses <c>fail</c>, <c>continue</c> or <c>goto:&lt;step&gt;</c>; null or empty means <c>fail</c>.</summary>
    public static bool TryParse(string? text, out FailurePolicy policy)
    {
        policy = Fail;
        if (string.IsNullOrEmpty(text) || text == "fail")
        {
            return true;
        }

        if (text == "continue")
        {
            policy = new FailurePolicy(FailureAction.Continue, null);
            return true;
        }

        const string GotoPrefix = "goto:";
        if (text.StartsWith(GotoPrefix, StringComparison.Ordinal) && text.Length > GotoPrefix.Length)
        {
            policy = new FailurePolicy(FailureAction.Goto, text[GotoPrefix.Length..].Trim());
            return policy.Target!.Length > 0;
        }

        return false;
    }
}
