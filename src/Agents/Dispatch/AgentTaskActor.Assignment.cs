using System.Diagnostics;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Agents.Registry;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Matching, handing over, watching the holder, and ending an attempt.</summary>
internal sealed partial class AgentTaskActor
{
    /// <summary>Candidates asked for beyond the excluded agents, so that busy in-process agents can be passed over.</summary>
    private const int SpareCandidates = 32;

    /// <summary>Picks the agent for <paramref name="record"/> and hands the task over, or leaves it waiting and retries later.</summary>
    /// <remarks>An explicit agent is taken when it is in process or <see cref="AgentStatus.Idle"/>/<see cref="AgentStatus.Working"/>;
    /// an explicit agent outside the task's candidate set, nobody registered, or without the task's role, ends the attempt at once. By
    /// capabilities (among agents in the candidate set and with the task's role, when the task names them), the best-ranked candidate that has not failed an earlier attempt of the same work is taken; a
    /// task that keeps its agent (<see cref="AgentTask.Reassign"/> false) goes back to the agent of the previous failed attempt first.</remarks>
    private async ValueTask TryAssignAsync(AgentTaskRecord record, CancellationToken cancellationToken)
    {
        var task = record.Task;
        string? chosen;
        var candidates = 1;
        if (task.AgentId is { } named)
        {
            if (task.Agents is { } set && !set.Contains(named, StringComparer.Ordinal))
            {
                await FinishAsync(record, AgentTaskEnd.Unassignable, $"Agent '{named}' is not in the candidate set (agents) of step '{task.StepId}'.", cancellationToken);
                return;
            }

            if (task.Role is null && _context.IsInProcess(named))
            {
                await AssignAsync(record, named, inProcess: true, candidates, cancellationToken);
                return;
            }

            var entry = await _context.Registry.FindAsync(named, cancellationToken);
            if (entry is null)
            {
                await FinishAsync(record, AgentTaskEnd.Unassignable, $"No agent '{named}' is registered.", cancellationToken);
                return;
            }

            if (task.Role is { } role && entry.Role != role)
            {
                await FinishAsync(
                    record,
                    AgentTaskEnd.Unassignable,
                    $"Agent '{named}' has the role '{AgentRoles.NameOf(entry.Role) ?? "none"}'; step '{task.StepId}' takes only agents with the role '{AgentRoles.NameOf(role)}'.",
                    cancellationToken);
                return;
            }

            if (_context.IsInProcess(named))
            {
                await AssignAsync(record, named, inProcess: true, candidates, cancellationToken);
                return;
            }

            chosen = entry.Status is AgentStatus.Idle or AgentStatus.Working ? named : null;
        }
        else if (task.Agents is { Count: 0 })
        {
            // A reference that resolved to no agent, or a plan task naming only agents outside its step's set.
            await FinishAsync(record, AgentTaskEnd.Unassignable, $"No agent is left in the candidate set (agents) of step '{task.StepId}'.", cancellationToken);
            return;
        }
        else
        {
            CapabilityRequest request;
            try
            {
                request = CapabilityRequest.Create(task.Capabilities ?? new Dictionary<string, double>(), task.MinConfidence, task.Role, task.Agents);
            }
            catch (ArgumentException invalid)
            {
                await FinishAsync(record, AgentTaskEnd.Unassignable, $"The capability request of step '{task.StepId}' is invalid: {invalid.Message}", cancellationToken);
                return;
            }

            // Agents fail the work only in an earlier attempt, so a first attempt has nobody to pass over or go back to.
            var failedBefore = task.Attempt > 1
                ? await Host.Runtime.InvokeAsync<List<string>>(TaskExclusionsActor.Address(task.WorkKey), TaskExclusionsActor.ListMethod, cancellationToken)
                : [];
            List<string> excluded = task.Reassign ? failedBefore : [];
            var matchStarted = Stopwatch.GetTimestamp();
            var match = await _context.Registry.MatchAsync(request, excluded.Count + SpareCandidates, cancellationToken);
            chosen = (task.Reassign ? null : await PreviousHolderAsync(failedBefore, request, cancellationToken))
                ?? match.Candidates.FirstOrDefault(c => !excluded.Contains(c.AgentId, StringComparer.Ordinal) && HasRoom(c))?.AgentId
                ?? OnlyExcludedCanTakeIt(match.Candidates, excluded);
            candidates = match.Candidates.Count;
            DispatchTelemetry.Matched(matchStarted, chosen is not null);
        }

        if (chosen is null)
        {
            if (record.MatchTries == 0)
            {
                Log.TaskWaitsForAgent(_context.Logger, task.TaskId, task.StepId, candidates);
            }

            var waiting = record with { State = AgentTaskState.Waiting, MatchTries = record.MatchTries + 1 };
            await Task.WhenAll(SaveAsync(waiting, cancellationToken).AsTask(), CheckAfterAsync(_context.Options.MatchDelay(waiting.MatchTries), cancellationToken));
            _context.Queue.Unmatched(waiting);
            return;
        }

        var inProcess = _context.IsInProcess(chosen);
        try
        {
            await AssignAsync(record, chosen, inProcess, candidates, cancellationToken, counted: inProcess);
        }
        catch when (inProcess && !_context.Runner.IsRunning(record.Task.TaskId))
        {
            _context.Runner.Load.Remove(chosen);
            throw;
        }
    }

    /// <summary>For work that keeps its agent: the agent of the last failed attempt when it still fits the request and can take work
    /// (online with room; its <see cref="AgentStatus.Error"/> from that very failure does not count against it), else null.</summary>
    private async ValueTask<string?> PreviousHolderAsync(List<string> failedBefore, CapabilityRequest request, CancellationToken cancellationToken)
    {
        if (failedBefore.Count == 0 || await _context.Registry.FindAsync(failedBefore[^1], cancellationToken) is not { } entry)
        {
            return null;
        }

        var score = request.Score(entry.Capabilities);
        var fits = entry.Status is AgentStatus.Idle or AgentStatus.Working or AgentStatus.Error
            && entry.Load < entry.MaxConcurrentTasks
            && request.AllowsRole(entry.Role)
            && request.InCandidateSet(entry.AgentId)
            && score > 0 && score >= request.MinConfidence;
        return fits && (!_context.IsInProcess(entry.AgentId) || _context.Runner.Load.TryAdd(entry.AgentId, entry.MaxConcurrentTasks))
            ? entry.AgentId
            : null;
    }

    /// <summary>When every candidate already failed this step, the best of them with room: the exclusion prefers another agent
    /// for a retry, it does not leave the work waiting for one that does not exist (the retry budget still bounds the attempts).</summary>
    private string? OnlyExcludedCanTakeIt(IReadOnlyList<AgentCandidate> candidates, List<string> excluded) =>
        excluded.Count > 0 && candidates.All(c => excluded.Contains(c.AgentId, StringComparer.Ordinal))
            ? candidates.FirstOrDefault(HasRoom)?.AgentId
            : null;

    /// <summary>True for an external candidate (the registry's status says whether it has room), and for an in-process one that
    /// holds fewer runs than its limit, counting this one at once so that task actors matching at the same moment spread out.</summary>
    private bool HasRoom(AgentCandidate candidate) =>
        !_context.IsInProcess(candidate.AgentId) || _context.Runner.Load.TryAdd(candidate.AgentId, candidate.MaxConcurrentTasks);

    /// <remarks>The assignment, its check reminder and the agent's right to act on the instance are written together; the task reaches
    /// the agent's inbox (and its load counter goes up) only once the assignment is durable, so an agent never holds a task that a
    /// restart would forget it was handed.</remarks>
    private async ValueTask AssignAsync(
        AgentTaskRecord record, string agentId, bool inProcess, int candidates, CancellationToken cancellationToken, bool counted = false)
    {
        var now = Host.Time.GetUtcNow();
        var assigned = record with
        {
            State = AgentTaskState.Assigned,
            AgentId = agentId,
            InProcess = inProcess,
            AssignedAt = now,
            LeaseUntil = inProcess ? null : now + _context.Options.LeaseDuration,
        };
        if (inProcess)
        {
            // An in-process run starts while its assignment is written: it cannot outlive this process, and its result comes back
            // as a call to this actor, which waits for this turn, so the assignment and the agent's load are recorded before it.
            // Only a task that waited has a retry reminder to remove; a first try skips that call to the reminder store.
            var saved = SaveAsync(assigned, cancellationToken).AsTask();
            _context.Runner.Start(assigned.Task, agentId, assigned.Deadline, counted);
            await (record.MatchTries > 0 ? Task.WhenAll(saved, UnregisterReminderAsync(CheckReminder, cancellationToken)) : saved);
            Assigned(record, assigned, candidates, now);
            await _context.Workload.TaskStartedAsync(agentId, cancellationToken);
            return;
        }

        var durable = new List<Task>(3) { SaveAsync(assigned, cancellationToken).AsTask(), CheckAfterAsync(NextHolderCheck(assigned, now), cancellationToken) };

        // Only external agents call the workflow API, so only they are recorded as working for the instance.
        if (record.Task.InstanceId is { } instanceId && _context.Rights is { } rights)
        {
            durable.Add(rights.RecordWorkingForAsync(agentId, instanceId, cancellationToken).AsTask());
        }

        await Task.WhenAll(durable);
        Assigned(record, assigned, candidates, now);
        await Task.WhenAll(
            _context.Inbox.SendAsync(agentId, TaskMessages.Task(assigned), cancellationToken),
            _context.Workload.TaskStartedAsync(agentId, cancellationToken).AsTask());
    }

    /// <summary>Tells the dispatch span and the waiting-task index that the attempt is durably assigned.</summary>
    private void Assigned(AgentTaskRecord record, AgentTaskRecord assigned, int candidates, DateTimeOffset now)
    {
        DispatchTelemetry.Assigned(record, assigned.AgentId!, candidates, now);
        _context.Queue.Assigned(assigned);
    }

    /// <summary>Ends the attempt of an external holder whose lease ran out or who went offline; otherwise checks again later.</summary>
    private async ValueTask CheckHolderAsync(AgentTaskRecord record, CancellationToken cancellationToken)
    {
        if (record.InProcess)
        {
            await UnregisterReminderAsync(CheckReminder, cancellationToken);
            return;
        }

        var now = Host.Time.GetUtcNow();
        if (LeaseEnd(record) is { } until && now >= until)
        {
            await FinishAsync(record, AgentTaskEnd.TimedOut, $"Agent '{record.AgentId}' did not heartbeat the task within {_context.Options.LeaseDuration.TotalSeconds:0.###}s.", cancellationToken);
            return;
        }

        var presence = await _context.Presence.GetAsync(record.AgentId!, cancellationToken);
        if (presence.Status == AgentStatus.Offline)
        {
            await FinishAsync(record, AgentTaskEnd.Orphaned, $"Agent '{record.AgentId}' went offline while holding the task.", cancellationToken);
            return;
        }

        // Measured again after the presence call: time passed while it ran, and a check set from the earlier time would come late.
        await CheckAfterAsync(NextHolderCheck(record, Host.Time.GetUtcNow()), cancellationToken);
    }

    /// <summary>When the holder's lease runs out: as granted, or later when the host restarted since (see
    /// <see cref="AgentTaskOptions.RestartGrace"/>); the stored lease is left as granted.</summary>
    private DateTimeOffset? LeaseEnd(AgentTaskRecord record) =>
        record.LeaseUntil is { } until ? _context.Options.LeaseEnd(until, Host.Runtime.StartedAt) : null;

    private TimeSpan NextHolderCheck(AgentTaskRecord record, DateTimeOffset now)
    {
        var untilLease = (LeaseEnd(record) ?? now) - now;
        return untilLease < _context.Options.OfflineCheckInterval ? untilLease : _context.Options.OfflineCheckInterval;
    }

    private Task CheckAfterAsync(TimeSpan due, CancellationToken cancellationToken) =>
        RegisterReminderAsync(new ReminderRegistration(CheckReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero), cancellationToken);

    /// <summary>Ends the attempt durably (keeping it for <see cref="AgentTaskOptions.RetainEnded"/>), reports the outcome off the turn
    /// and settles the holder: load and track record, exclusion from later attempts, a <c>task_cancelled</c> notice or a stop of its
    /// in-process run.</summary>
    /// <remarks>The writes of the end (the record, the retention reminder, the exclusion or the forgetting of exclusions) go out
    /// together, and so do the holder's notices and counters.</remarks>
    private async ValueTask FinishAsync(AgentTaskRecord record, AgentTaskEnd end, string? error, CancellationToken cancellationToken)
    {
        var now = Host.Time.GetUtcNow();
        var finished = record with { State = AgentTaskState.Finished, End = end, EndedAt = now, Error = error, Task = record.Task with { Input = null } };
        var holder = record is { State: AgentTaskState.Assigned, AgentId: { } assignedTo } ? assignedTo : null;
        var durable = new List<Task>(3)
        {
            SaveAsync(finished, cancellationToken).AsTask(),
            RegisterReminderAsync(new ReminderRegistration(CheckReminder, _context.Options.RetainEnded), cancellationToken),
        };
        if (record.Task.AgentId is null && holder is not null
            && end is AgentTaskEnd.Failed or AgentTaskEnd.Rejected or AgentTaskEnd.TimedOut or AgentTaskEnd.Orphaned)
        {
            durable.Add(Host.Runtime.InvokeAsync<string, bool>(TaskExclusionsActor.Address(record.Task.WorkKey), TaskExclusionsActor.AddMethod, holder, cancellationToken).AsTask());
        }
        else if (record.Task.AgentId is null && record.Task.Attempt > 1 && end == AgentTaskEnd.Completed)
        {
            // The work is done: the agents excluded from it by earlier failed attempts need not be remembered.
            durable.Add(Host.Runtime.InvokeAsync<object?, bool>(TaskExclusionsActor.Address(record.Task.WorkKey), TaskExclusionsActor.ClearMethod, null, cancellationToken).AsTask());
        }

        // A completion is reported, and its holder freed, while its end is written: the run's history is the outcome's record, and a
        // restart before the end is durable dispatches the task again only if the history lacks the outcome. Any other end waits for
        // its writes, so that the next attempt's match finds the holder excluded.
        var written = Task.WhenAll(durable);
        if (end != AgentTaskEnd.Completed)
        {
            await written;
        }

        if (finished.Outcome is { } outcome)
        {
            _context.Reporter.Report(outcome);
        }

        var settled = holder is null ? Task.CompletedTask : SettleHolderAsync(record, holder, end, error, now, cancellationToken);
        await written;
        DispatchTelemetry.EndedUnassigned(record, end, error, now);
        _context.Queue.Finished(record.Task.TaskId);
        await settled;
    }

    /// <summary>Settles <paramref name="holder"/>, the agent that held the attempt: its load and track record, and a
    /// <c>task_cancelled</c> notice or a stop of its in-process run when the work was taken from it.</summary>
    private Task SettleHolderAsync(
        AgentTaskRecord record, string holder, AgentTaskEnd end, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latency = now - (record.AssignedAt ?? now);
        var settled = new List<Task>(2)
        {
            end switch
            {
                AgentTaskEnd.Completed => _context.Workload.TaskFinishedAsync(holder, true, latency, cancellationToken).AsTask(),
                AgentTaskEnd.Failed or AgentTaskEnd.TimedOut or AgentTaskEnd.Orphaned => _context.Workload.TaskFinishedAsync(holder, false, latency, cancellationToken).AsTask(),
                _ => _context.Workload.TaskReleasedAsync(holder, cancellationToken).AsTask(),
            },
        };
        if (end is AgentTaskEnd.Cancelled or AgentTaskEnd.TimedOut or AgentTaskEnd.Orphaned)
        {
            if (record.InProcess)
            {
                _context.Runner.Stop(record.Task.TaskId);
            }
            else
            {
                settled.Add(_context.Inbox.SendAsync(holder, TaskMessages.Cancelled(record, error ?? end.ToString()), cancellationToken));
            }
        }

        return Task.WhenAll(settled);
    }
}
