using System.Collections.Concurrent;
using System.Text;
using AgentPlatform.DaprSidecar.Cluster;

namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>Fires stored reminders like daprd's Scheduler: at their due time, through the actor's current host (so they
/// follow the actor when it moves), with empty <c>dueTime</c> and <c>period</c> in the callback body; a failed fire is
/// retried a few times at a constant interval, and a reminder whose type no answering replica hosts waits for one.</summary>
internal sealed class ReminderScheduler(ClusterRuntime cluster) : IAsyncDisposable
{
    private const string CancelHeader = "X-DaprReminderCancel";
    private const int Batch = 256;
    // Short enough that a test moving a manual clock sees its reminders fire promptly.
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<(ActorKey Actor, string Name), bool> _inFlight = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts firing.</summary>
    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>Looks at the reminders again now (one was added or removed, or a replica came or went).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        while (!_inFlight.IsEmpty)
        {
            await Task.Yield();
        }

        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var now = cluster.Time.GetUtcNow();
                var sleep = LongestSleep;
                foreach (var reminder in cluster.Reminders.Earliest(Batch))
                {
                    if (reminder.DueAt > now)
                    {
                        sleep = reminder.DueAt - now < sleep ? reminder.DueAt - now : sleep;
                        break;
                    }

                    if (cluster.Actors.CanPlace(reminder.Actor.Type) && _inFlight.TryAdd((reminder.Actor, reminder.Name), true))
                    {
                        _ = Task.Run(() => FireAsync(reminder, stopping), CancellationToken.None);
                    }
                }

                await _wake.WaitAsync(sleep, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task FireAsync(Reminder reminder, CancellationToken stopping)
    {
        try
        {
            var callback = ActorCallback.Reminder(reminder.Name, Body(reminder));
            for (var attempt = 0; ; attempt++)
            {
                string problem;
                try
                {
                    var response = await cluster.Actors.CallAsync(reminder.Actor, callback, stopping);
                    if (response.StatusCode == 200)
                    {
                        if (cluster.Faults.TryTakeDuplicateReminderFire())
                        {
                            await cluster.Actors.CallAsync(reminder.Actor, callback, stopping);
                        }

                        Advance(reminder, cancelled: string.Equals(response.Header(CancelHeader), "true", StringComparison.OrdinalIgnoreCase));
                        return;
                    }

                    problem = $"app answered {response.StatusCode}";
                }
                catch (ActorPlacementException exception)
                {
                    problem = exception.Message;
                }

                cluster.Log.ReminderFailed(reminder.Actor.Type, reminder.Actor.Id, reminder.Name, problem);
                if (attempt >= cluster.Options.ReminderRetries)
                {
                    Advance(reminder, cancelled: false);
                    return;
                }

                await Task.Delay(cluster.Options.ReminderRetryInterval, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            _inFlight.TryRemove((reminder.Actor, reminder.Name), out _);
            Wake();
        }
    }

    private void Advance(Reminder reminder, bool cancelled)
    {
        var remaining = reminder.Remaining - 1;
        if (cancelled || reminder.Period is not { } period || remaining <= 0)
        {
            cluster.Reminders.Delete(reminder.Actor, reminder.Name, reminder.Generation);
            return;
        }

        var now = cluster.Time.GetUtcNow();
        var next = reminder.DueAt + period;
        next = next < now ? now : next;
        if (next >= reminder.ExpiresAt)
        {
            cluster.Reminders.Delete(reminder.Actor, reminder.Name, reminder.Generation);
            return;
        }

        cluster.Reminders.Reschedule(reminder, next, remaining);
    }

    private static byte[] Body(Reminder reminder)
    {
        var data = reminder.Data is null ? "" : $"\"data\":{reminder.Data},";
        return Encoding.UTF8.GetBytes($"{{{data}\"dueTime\":\"\",\"period\":\"\"}}");
    }
}
