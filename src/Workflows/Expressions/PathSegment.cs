namespace AgentPlatform.Workflows.Expressions;

/// <summary>One navigation step inside a JSON value: a property name or an array index.</summary>
/// <param name="Property">The property name, or null for an index.</param>
/// <param name="Index">The array index when <paramref name="Property"/> is null.</param>
public readonly record struct PathSegment(string? Property, int Index)
{
    /// <summary>The segment as written: <c>.name</c>, <c>["na me"]</c> or <c>[3]</c>.</summary>
    public override string ToString() => Property is null ? $"[{Index}]" : $".{Property}";
}
