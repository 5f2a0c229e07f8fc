using System.Text;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;

namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>Placement and turns for the whole cluster: each actor lives on one replica whose app hosts its type (chosen
/// by a stable hash among the replicas that answer), every callback for it goes there one at a time, it is deactivated
/// when idle, and it moves when its replica stops answering.</summary>
internal sealed class ActorDirector(ClusterRuntime cluster) : IAsyncDisposable
{
    private const string CancelHeader = "X-DaprReminderCancel";

    private readonly Dictionary<ActorKey, ActorActivation> _activations = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task _idleScan = Task.CompletedTask;

    /// <summary>Starts deactivating idle actors.</summary>
    public void Start() => _idleScan = Task.Run(() => ScanForIdleAsync(_stopping.Token));

    /// <summary>Whether some answering replica hosts <paramref name="actorType"/>.</summary>
    public bool CanPlace(string actorType) => Candidates(actorType).Count > 0;

    /// <summary>Whether the actor is active on <paramref name="replica"/> (daprd lets only that sidecar write its state).</summary>
    public bool IsActiveOn(ActorKey key, int replica)
    {
        lock (_activations)
        {
            return _activations.TryGetValue(key, out var activation) && activation.Host == replica && !activation.IsDeactivated;
        }
    }

    /// <summary>The number of live activations per replica, for metadata and tests.</summary>
    public IReadOnlyList<ActorKey> ActiveOn(int replica)
    {
        lock (_activations)
        {
            return _activations.Values.Where(activation => activation.Host == replica).Select(activation => activation.Key).ToList();
        }
    }

    /// <summary>Delivers <paramref name="callback"/> to the actor's host in the actor's turn, activating (placing) it
    /// first; when the host does not answer, the actor moves and the callback is tried on the new host.</summary>
    /// <exception cref="ActorPlacementException">No answering replica hosts the type.</exception>
    public async Task<AppResponse> CallAsync(ActorKey key, ActorCallback callback, CancellationToken cancellationToken)
    {
        while (true)
        {
            var activation = Activate(key);
            await activation.Turn.WaitAsync(cancellationToken);
            try
            {
                if (activation.IsDeactivated)
                {
                    continue;
                }

                var sidecar = cluster.Sidecars[activation.Host];
                activation.Touch(cluster.Time.GetUtcNow());
                try
                {
                    return await sidecar.App.SendAsync(
                        HttpMethod.Put, ActorPath(key) + "/" + callback.PathSuffix, callback.Body, callback.ContentType, callback.Headers, cancellationToken);
                }
                catch (AppUnreachableException)
                {
                    sidecar.ReportAppUnreachable();
                }
                finally
                {
                    activation.Touch(cluster.Time.GetUtcNow());
                }
            }
            finally
            {
                activation.Turn.Release();
            }
        }
    }

    /// <summary>Registers (or replaces) a timer on the actor's activation, activating it if needed.</summary>
    public void SetTimer(ActorKey key, ActorTimer timer)
    {
        var activation = Activate(key);
        activation.SetTimer(timer);
        _ = Task.Run(() => RunTimerAsync(activation, timer));
    }

    /// <summary>Deletes a timer if the actor is active.</summary>
    public void DeleteTimer(ActorKey key, string name)
    {
        lock (_activations)
        {
            if (_activations.TryGetValue(key, out var activation))
            {
                activation.RemoveTimer(name);
            }
        }
    }

    /// <summary>Drops every activation on <paramref name="replica"/> without calling its app (it is gone): the actors
    /// activate elsewhere on their next call, and their timers die.</summary>
    public void EvictReplica(int replica)
    {
        lock (_activations)
        {
            foreach (var activation in _activations.Values.Where(activation => activation.Host == replica).ToList())
            {
                activation.Deactivate();
                _activations.Remove(activation.Key);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _idleScan.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (_activations)
        {
            foreach (var activation in _activations.Values)
            {
                activation.Deactivate();
            }

            _activations.Clear();
        }

        _stopping.Dispose();
    }

    private static string ActorPath(ActorKey key) => $"/actors/{Uri.EscapeDataString(key.Type)}/{Uri.EscapeDataString(key.Id)}";

    private ActorActivation Activate(ActorKey key)
    {
        lock (_activations)
        {
            if (_activations.TryGetValue(key, out var current) && !current.IsDeactivated && cluster.Sidecars[current.Host].CanServe)
            {
                return current;
            }

            var candidates = Candidates(key.Type);
            if (candidates.Count == 0)
            {
                throw new ActorPlacementException(key.Type);
            }

            current?.Deactivate();
            var activation = new ActorActivation(key, candidates[(int)(StableHash(key) % (uint)candidates.Count)], cluster.Time.GetUtcNow());
            _activations[key] = activation;
            return activation;
        }
    }

    private List<int> Candidates(string actorType) =>
        cluster.Sidecars.Where(sidecar => sidecar.CanServe && sidecar.ActorConfig.Entities.Contains(actorType)).Select(sidecar => sidecar.Replica).ToList();

    // FNV-1a: stable across processes, unlike string.GetHashCode.
    private static uint StableHash(ActorKey key)
    {
        var hash = 2166136261u;
        foreach (var value in Encoding.UTF8.GetBytes($"{key.Type}||{key.Id}"))
        {
            hash = (hash ^ value) * 16777619u;
        }

        return hash;
    }

    private async Task RunTimerAsync(ActorActivation activation, ActorTimer timer)
    {
        var stopped = timer.Stopped;
        try
        {
            var next = timer.FirstFire;
            for (var fired = 0; ; fired++)
            {
                var wait = next - cluster.Time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cluster.Time, stopped);
                }

                if (timer.ExpiresAt <= cluster.Time.GetUtcNow() || !await FireTimerAsync(activation, timer, stopped))
                {
                    break;
                }

                if (timer.Period is not { } period || (period.Repetitions is { } total && fired + 1 >= total))
                {
                    break;
                }

                next += period.Interval;
            }
        }
        catch (OperationCanceledException) when (stopped.IsCancellationRequested)
        {
            return;
        }

        activation.RemoveTimer(timer.Name, timer);
    }

    private async Task<bool> FireTimerAsync(ActorActivation activation, ActorTimer timer, CancellationToken stopped)
    {
        await activation.Turn.WaitAsync(stopped);
        try
        {
            if (activation.IsDeactivated)
            {
                return false;
            }

            var sidecar = cluster.Sidecars[activation.Host];
            activation.Touch(cluster.Time.GetUtcNow());
            var callback = ActorCallback.Timer(timer.Name, Encoding.UTF8.GetBytes(timer.CallbackBody));
            try
            {
                var response = await sidecar.App.SendAsync(
                    HttpMethod.Put, ActorPath(activation.Key) + "/" + callback.PathSuffix, callback.Body, callback.ContentType, null, stopped);
                if (!response.IsSuccess)
                {
                    cluster.Log.TimerFailed(activation.Key.Type, activation.Key.Id, timer.Name, $"app answered {response.StatusCode}");
                }

                return !string.Equals(response.Header(CancelHeader), "true", StringComparison.OrdinalIgnoreCase);
            }
            catch (AppUnreachableException exception)
            {
                cluster.Log.TimerFailed(activation.Key.Type, activation.Key.Id, timer.Name, exception.Message);
                sidecar.ReportAppUnreachable();
                return false;
            }
            finally
            {
                activation.Touch(cluster.Time.GetUtcNow());
            }
        }
        finally
        {
            activation.Turn.Release();
        }
    }

    private async Task ScanForIdleAsync(CancellationToken stopping)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(cluster.Options.IdleScanInterval, cluster.Time, stopping);
                foreach (var activation in IdleActivations())
                {
                    await DeactivateAsync(activation, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private List<ActorActivation> IdleActivations()
    {
        var now = cluster.Time.GetUtcNow();
        lock (_activations)
        {
            return _activations.Values.Where(activation =>
            {
                var sidecar = cluster.Sidecars[activation.Host];
                var timeout = cluster.Options.ActorIdleTimeout ?? sidecar.ActorConfig.IdleTimeoutOf(activation.Key.Type);
                return now - activation.LastUsed >= timeout;
            }).ToList();
        }
    }

    private async Task DeactivateAsync(ActorActivation activation, CancellationToken stopping)
    {
        if (!activation.Turn.Wait(0, stopping))
        {
            return;
        }

        try
        {
            lock (_activations)
            {
                if (activation.IsDeactivated)
                {
                    return;
                }

                activation.Deactivate();
                if (_activations.TryGetValue(activation.Key, out var current) && ReferenceEquals(current, activation))
                {
                    _activations.Remove(activation.Key);
                }
            }

            var sidecar = cluster.Sidecars[activation.Host];
            try
            {
                await sidecar.App.SendAsync(HttpMethod.Delete, ActorPath(activation.Key), null, null, null, stopping);
                cluster.Log.Deactivated(activation.Key.Type, activation.Key.Id, activation.Host);
            }
            catch (AppUnreachableException)
            {
                sidecar.ReportAppUnreachable();
            }
        }
        finally
        {
            activation.Turn.Release();
        }
    }
}
