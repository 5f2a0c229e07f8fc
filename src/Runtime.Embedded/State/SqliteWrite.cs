using System.Threading.Tasks.Sources;

namespace AgentPlatform.Runtime.Embedded.State;

/// <summary>One write queued for group commit; its caller is answered only after the batch holding it is on disk.</summary>
/// <remarks>
/// <see cref="Execute"/> runs on the writer thread inside the batch's transaction. It must check its conditions
/// before writing anything: an <see cref="AgentPlatform.Runtime.State.ETagMismatchException"/> then rejects this write alone.
/// </remarks>
internal abstract class SqliteWrite : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

    /// <summary>Set when the write was refused; reported after the batch commits.</summary>
    public Exception? Rejection { get; set; }

    public ValueTask AsValueTask() => new(this, _core.Version);

    public abstract void Execute(SqliteWriter writer);

    public void Complete() => _core.SetResult(true);

    public void Fail(Exception error) => _core.SetException(error);

    public void GetResult(short token) => _core.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
