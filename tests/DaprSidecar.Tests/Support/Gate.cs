namespace AgentPlatform.DaprSidecar.Tests.Support;

/// <summary>A gate test apps wait at until the test opens it.</summary>
public sealed class Gate
{
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync() => _opened.Task;

    public void Open() => _opened.TrySetResult();
}
