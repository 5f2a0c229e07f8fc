namespace AgentPlatform.AgentHost.Http;

/// <summary>The outcome of reading a request body: a value, nothing (optional body absent), or a problem to answer with.</summary>
/// <typeparam name="T">The body type.</typeparam>
public readonly record struct JsonBodyResult<T>
{
    private JsonBodyResult(T? value, bool isPresent, ApiProblem? problem)
    {
        Value = value;
        IsPresent = isPresent;
        Problem = problem;
    }

    /// <summary>The body; default when absent or invalid.</summary>
    public T? Value { get; }

    /// <summary>True when the request carried a body that was read successfully.</summary>
    public bool IsPresent { get; }

    /// <summary>The problem to return when the body is unacceptable; null when the read succeeded.</summary>
    public ApiProblem? Problem { get; }

    internal static JsonBodyResult<T> Present(T value) => new(value, true, null);

    internal static JsonBodyResult<T> Absent() => new(default, false, null);

    internal static JsonBodyResult<T> Failed(ApiProblem problem) => new(default, false, problem);
}
