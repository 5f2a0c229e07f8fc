namespace AgentPlatform.DaprSidecar.Tests.Support;

/// <summary>What test apps saw, in order, with a way to wait for a condition on it without sleeping.</summary>
public sealed class Recorder
{
    private readonly List<string> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public void Add(string entry)
    {
        TaskCompletionSource changed;
        lock (_entries)
        {
            _entries.Add(entry);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
    }

    public int Count(string entry) => Entries.Count(e => e == entry);

    /// <summary>Waits until <paramref name="condition"/> holds for the entries.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_entries)
            {
                if (condition(_entries))
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
