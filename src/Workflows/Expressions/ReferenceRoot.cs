namespace AgentPlatform.Workflows.Expressions;

/// <summary>What a reference starts from.</summary>
public enum ReferenceRoot
{
    /// <summary><c>input...</c>: the workflow input.</summary>
    Input,

    /// <summary><c>steps.&lt;id&gt;...</c>: a step of the instance.</summary>
    Step,
}
