using System.Globalization;

namespace AgentPlatform.Llm.Budgets;

/// <summary>Budgets per workflow run, checked before every call with the call's worst case against what the run's history records
/// plus what this process holds that the history does not show yet.</summary>
/// <remarks>
/// <para>The run's history is the source of truth: each task outcome records its usage, so spend survives a crash and is the same on
/// every replica. This ledger keeps, per task attempt, only what is not recorded yet: the worst cases of calls in flight and the usage
/// of finished calls whose outcome has not reached the history. Once a read of the history no longer awaits a task, its usage is
/// there (or the attempt was abandoned) and the ledger forgets it, so nothing is counted twice and the ledger stays small.</para>
/// <para>A task's entry made after a history read started is never forgotten by that read (the read could predate the task), and
/// finished entries that no read clears are dropped after <see cref="LlmBudgetOptions.RetainUnrecorded"/>.</para>
/// <para>A run has nothing to check when the process sets no budget and a read of its history shows none of its own; its limits
/// never change while it runs, so later calls of that run neither read its history nor hold anything (each read is a call to the
/// run's workflow instance, which a swarm would otherwise make once per sub-task, behind the instance's own turns). Such runs are
/// remembered until they go <see cref="LlmBudgetOptions.RetainUnrecorded"/> without a call.</para>
/// </remarks>
public sealed class LlmBudgetLedger(LlmBudgetOptions options, ILlmSpendHistory history, TimeProvider time)
{
    /// <summary>The scope of the process-wide budget in <c>budget_exceeded</c> errors.</summary>
    public const string ProcessWide = "Llm:Budgets";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, TaskEntry>> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _unbudgetedRuns = new(StringComparer.Ordinal);
    private long _stamp;
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Reserves a call's worst case of task <paramref name="taskId"/> against run <paramref name="runId"/>.</summary>
    /// <exception cref="LlmBudgetExceededException">What the run recorded, what this process holds for it and this call exceed a budget.</exception>
    public async ValueTask<LlmBudgetReservation> ReserveAsync(
        string runId, string taskId, long worstTokens, decimal worstCost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(taskId);
        if (IsUnbudgeted(runId))
        {
            return LlmBudgetReservation.Unheld(runId, taskId, worstTokens, worstCost);
        }

        var readStarted = Interlocked.Increment(ref _stamp);
        var recorded = await history.ReadAsync(runId, cancellationToken);
        lock (_lock)
        {
            Sweep();
            if (recorded is not null)
            {
                Forget(runId, recorded.AwaitedTaskIds, readStarted);
            }

            if (recorded is { Limits.Count: 0 } && !HasProcessBudget)
            {
                _unbudgetedRuns[runId] = time.GetUtcNow();
                return LlmBudgetReservation.Unheld(runId, taskId, worstTokens, worstCost);
            }

            var recordedSpend = recorded ?? LlmRecordedSpend.None;
            var held = Unrecorded(runId);
            var spent = new LlmUnrecordedSpend(recordedSpend.Tokens + held.Tokens, recordedSpend.Cost + held.Cost, held.ReservedTokens, held.ReservedCost);
            Check(runId, ProcessWide, options.MaxTokensPerRun, options.MaxCostPerRun, spent, worstTokens, worstCost);
            foreach (var limit in recordedSpend.Limits)
            {
                Check(runId, limit.Scope, limit.MaxTokens, limit.MaxCost, spent with { Tokens = spent.Tokens + limit.OutsideTokens, Cost = spent.Cost + limit.OutsideCost }, worstTokens, worstCost);
            }

            var tasks = _runs.TryGetValue(runId, out var known) ? known : _runs[runId] = new(StringComparer.Ordinal);
            var entry = tasks.TryGetValue(taskId, out var existing) ? existing : tasks[taskId] = new TaskEntry();
            entry.ReservedTokens += worstTokens;
            entry.ReservedCost += worstCost;
            entry.Stamp = Interlocked.Increment(ref _stamp);
            entry.TouchedAt = time.GetUtcNow();
            return new LlmBudgetReservation(runId, taskId, worstTokens, worstCost);
        }
    }

    /// <summary>Ends <paramref name="reservation"/>: the call used <paramref name="tokens"/> costing <paramref name="cost"/> (zero when
    /// it failed without being billed). The usage is held until the task's outcome is recorded in the run's history.</summary>
    public void Settle(LlmBudgetReservation reservation, long tokens, decimal cost)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (!reservation.Held)
        {
            return;
        }

        lock (_lock)
        {
            var tasks = _runs.TryGetValue(reservation.RunId, out var known) ? known : _runs[reservation.RunId] = new(StringComparer.Ordinal);
            var entry = tasks.TryGetValue(reservation.TaskId, out var existing) ? existing : tasks[reservation.TaskId] = new TaskEntry();
            entry.ReservedTokens = Math.Max(0, entry.ReservedTokens - reservation.Tokens);
            entry.ReservedCost = Math.Max(0, entry.ReservedCost - reservation.Cost);
            entry.Tokens += tokens;
            entry.Cost += cost;
            entry.Stamp = Interlocked.Increment(ref _stamp);
            entry.TouchedAt = time.GetUtcNow();
        }
    }

    /// <summary>What this process holds for run <paramref name="runId"/> that its history did not show at the last check.</summary>
    public LlmUnrecordedSpend Unrecorded(string runId)
    {
        lock (_lock)
        {
            return _runs.TryGetValue(runId, out var tasks)
                ? tasks.Values.Aggregate(LlmUnrecordedSpend.None, (sum, entry) => sum.Plus(entry.ToSpend()))
                : LlmUnrecordedSpend.None;
        }
    }

    /// <summary>How many runs the ledger holds anything for.</summary>
    public int RunCount
    {
        get
        {
            lock (_lock)
            {
                return _runs.Count;
            }
        }
    }

    private bool HasProcessBudget => options.MaxTokensPerRun is not null || options.MaxCostPerRun is not null;

    private bool IsUnbudgeted(string runId)
    {
        lock (_lock)
        {
            if (!_unbudgetedRuns.ContainsKey(runId))
            {
                return false;
            }

            _unbudgetedRuns[runId] = time.GetUtcNow();
            return true;
        }
    }

    /// <summary>Throws when <paramref name="spent"/> (what the scope spent and holds in flight) and this call's worst case exceed a
    /// limit of the scope.</summary>
    private static void Check(string runId, string scope, long? maxTokens, decimal? maxCost, LlmUnrecordedSpend spent, long worstTokens, decimal worstCost)
    {
        var tokens = spent.Tokens + spent.ReservedTokens + worstTokens;
        if (maxTokens is { } tokenLimit && tokens > tokenLimit)
        {
            throw new LlmBudgetExceededException(runId, string.Create(CultureInfo.InvariantCulture,
                $"would use up to {tokens} tokens ({spent.Tokens} spent, {spent.ReservedTokens} in flight, {worstTokens} for this call) of its {tokenLimit} ({scope})."));
        }

        var cost = spent.Cost + spent.ReservedCost + worstCost;
        if (maxCost is { } costLimit && cost > costLimit)
        {
            throw new LlmBudgetExceededException(runId, string.Create(CultureInfo.InvariantCulture,
                $"would cost up to {cost} ({spent.Cost} spent, {spent.ReservedCost} in flight, {worstCost} for this call) of its {costLimit} ({scope})."));
        }
    }

    private void Forget(string runId, IReadOnlySet<string> awaited, long readStarted)
    {
        if (!_runs.TryGetValue(runId, out var tasks))
        {
            return;
        }

        foreach (var (taskId, entry) in tasks.ToList())
        {
            if (entry.IsSettled && entry.Stamp < readStarted && !awaited.Contains(taskId))
            {
                tasks.Remove(taskId);
            }
        }

        if (tasks.Count == 0)
        {
            _runs.Remove(runId);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        if (now - _lastSweep < options.RetainUnrecorded / 4)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (runId, lastCall) in _unbudgetedRuns.ToList())
        {
            if (now - lastCall > options.RetainUnrecorded)
            {
                _unbudgetedRuns.Remove(runId);
            }
        }

        foreach (var (runId, tasks) in _runs.ToList())
        {
            foreach (var (taskId, entry) in tasks.ToList())
            {
                if (entry.IsSettled && now - entry.TouchedAt > options.RetainUnrecorded)
                {
                    tasks.Remove(taskId);
                }
            }

            if (tasks.Count == 0)
            {
                _runs.Remove(runId);
            }
        }
    }

    private sealed class TaskEntry
    {
        public long Tokens { get; set; }

        public decimal Cost { get; set; }

        public long ReservedTokens { get; set; }

        public decimal ReservedCost { get; set; }

        public long Stamp { get; set; }

        public DateTimeOffset TouchedAt { get; set; }

        public bool IsSettled => ReservedTokens == 0 && ReservedCost == 0;

        public LlmUnrecordedSpend ToSpend() => new(Tokens, Cost, ReservedTokens, ReservedCost);
    }
}
