namespace AgentPlatform.Workflows.Expressions;

/// <summary>What a reference starts from.</summary>
public enum ReferenceRoot
{
    /// <summary><c>input...</c>: the workflow input.</summary>
    Input,

    /// <summary><c>steps.&lt;id&gt;...</c>: a step of the instance.</summary>
    Step,

    /// <summary><c>item...</c>: the current item of a <c>for_each</c> copy.</summary>
    Item,

    /// <summary><c>item_index</c>: the zero-based index of the current <c>for_each</c> item.</summary>
    ItemIndex,

    /// <summary><c>tasks.&lt;id&gt;.output...</c>: the output of a task of the same run-time plan.</summary>
    Task,
}
