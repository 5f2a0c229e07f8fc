using AgentPlatform.Runtime.Actors;
using AgentPlatform.Runtime.Reminders;

namespace AgentPlatform.Agents.Channels;

/// <summary>The channel's durable counts and the crash-safe hand-over of its outbound events to <see cref="ChannelOutbox"/>.</summary>
/// <remarks>
/// Each commit records, in the same write, how far the outbox had published (<see cref="ChannelTally.Published"/>). Before
/// the first commit that may leave events behind, a durable reminder is armed, so a process dying between the commit and the
/// publish is noticed even when nobody calls the channel again: the next activation (by any call or by that reminder, on
/// whichever replica the actor lands) publishes the events after the recorded mark again, and wakes the members' readers
/// there. The reminder removes itself once everything is published and no commit came in between two of its fires.
/// </remarks>
internal sealed partial class ChannelActor
{
    public const string PublishReminder = "publish";

    private const string TallyKey = "tally";

    private ChannelTally _tally = new(0, 0, 0, 0, 0, 0);
    private ChannelOutbox? _outbox;
    private bool _reminderArmed;
    private long _headAtLastCheck = -1;

    public override ValueTask OnDeactivateAsync(CancellationToken cancellationToken)
    {
        _outbox?.Stop();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken)
    {
        if (reminder.Name != PublishReminder)
        {
            await base.OnReminderAsync(reminder, cancellationToken);
            return;
        }

        var outbox = Outbound();
        var published = outbox?.Published ?? _head;
        if (published < _head)
        {
            outbox!.Enqueue(_head, [], []);
        }
        else if (_head == _headAtLastCheck)
        {
            if (_tally.Published < _head)
            {
                _tally = _tally with { Published = _head };
                StateManager.SetState(TallyKey, _tally);
            }

            await UnregisterReminderAsync(PublishReminder, cancellationToken);
            _reminderArmed = false;
        }

        _headAtLastCheck = _head;
    }

    /// <summary>Loads the counts and publishes again whatever an earlier activation committed but did not get published.</summary>
    private async Task LoadOutboundAsync(CancellationToken cancellationToken)
    {
        _tally = await StateManager.GetStateOrDefaultAsync<ChannelTally?>(TallyKey, null, cancellationToken)
            ?? new ChannelTally(_head, 0, 0, 0, 0, _head);
        if (_profile is null || _tally.Published >= _head || Outbound() is not { } outbox)
        {
            return;
        }

        // The process that made these commits may have died before waking anyone: wake the readers here as well.
        foreach (var member in _members.Keys)
        {
            _signals.Wake(member);
        }

        var unpublished = new List<ChannelMessage>();
        for (var sequence = _tally.Published + 1; _profile.PublishToTopic && sequence <= _head; sequence++)
        {
            var (found, message) = await StateManager.TryGetStateAsync<ChannelMessage>(MessageKey(sequence), cancellationToken);
            if (found && message is not null)
            {
                unpublished.Add(message);
            }
        }

        outbox.Enqueue(_head, _members.Keys, unpublished);
    }

    /// <summary>Adds the counts of a commit up to <paramref name="head"/> to the write and, when it has events to publish, makes
    /// sure the reminder that re-publishes them after a crash exists before the commit does.</summary>
    /// <returns>The counts to keep once the commit succeeded.</returns>
    private async Task<ChannelTally> PrepareCommitAsync(long head, IReadOnlyList<ChannelMessage> appended, CancellationToken cancellationToken)
    {
        var outbox = Outbound();
        var tally = _tally.Add(appended) with { Published = outbox?.Published ?? head };
        StateManager.SetState(TallyKey, tally);
        if (outbox is not null && !_reminderArmed)
        {
            var interval = _options.PublishRetryInterval;
            await RegisterReminderAsync(new ReminderRegistration(PublishReminder, interval, interval), cancellationToken);
            _reminderArmed = true;
        }

        return tally;
    }

    /// <summary>The outbox, created on first need; null while this host has nothing to publish for the channel.</summary>
    private ChannelOutbox? Outbound()
    {
        if (_outbox is null && ChannelOutbox.IsNeeded(_signals, _context.PubSub, _profile))
        {
            _outbox = new ChannelOutbox(_profile?.Id ?? Id.Key, _tally.Published, _signals, _context.PubSub, Host.Time, _context.Logger);
        }

        return _outbox;
    }
}
