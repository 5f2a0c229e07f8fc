namespace AgentPlatform.Agents.Core;

/// <summary>Turns every accepted handler return type into <c>ValueTask&lt;object?&gt;</c>; called from compiled handler delegates.</summary>
internal static class HandlerAdapters
{
    public static ValueTask<object?> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(task);

    public static ValueTask<object?> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? default : AwaitAsync(new ValueTask(task));

    public static ValueTask<object?> FromValueTaskOf<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitAsync(task);

    public static ValueTask<object?> FromTaskOf<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitAsync(new ValueTask<T>(task));

    private static async ValueTask<object?> AwaitAsync(ValueTask task)
    {
        await task;
        return null;
    }

    private static async ValueTask<object?> AwaitAsync<T>(ValueTask<T> task) => await task;
}
