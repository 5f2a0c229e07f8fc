using System.Runtime.InteropServices;

namespace AgentPlatform.Agents.Channels;

/// <summary>The deliveries and acknowledgements of one inbox turn: each goes to the instruments at once, and to its
/// channel's shared <see cref="ChannelDeliveryTally"/> at <see cref="Flush"/>.</summary>
/// <remarks>Every inbox of a channel records into the same tally, so adding a turn's samples together costs a few
/// interlocked operations per channel rather than several per delivery. A turn mostly touches one channel; the samples
/// gathered so far are added whenever the channel changes, so interleaved channels are counted the same, only in more steps.</remarks>
internal sealed class ChannelDeliveryBatch(ChannelMetrics metrics)
{
    private string? _channelId;
    private List<TimeSpan>? _delivered;
    private List<TimeSpan>? _acknowledged;
    private int _redelivered;

    /// <summary>A delivery of attempt <paramref name="attempt"/>, of a channel message when <paramref name="channelId"/> is set.</summary>
    public void Delivered(string? channelId, MessagePriority priority, int attempt, TimeSpan sinceCreated)
    {
        metrics.Delivered(priority, attempt, sinceCreated);
        if (channelId is null)
        {
            return;
        }

        Switch(channelId);
        if (attempt > 1)
        {
            _redelivered++;
        }
        else
        {
            (_delivered ??= []).Add(sinceCreated);
        }
    }

    /// <summary>An acknowledgement, of a channel message when <paramref name="channelId"/> is set.</summary>
    public void Acknowledged(string? channelId, MessagePriority priority, TimeSpan sinceCreated)
    {
        metrics.Acknowledged(priority);
        if (channelId is not null)
        {
            Switch(channelId);
            (_acknowledged ??= []).Add(sinceCreated);
        }
    }

    /// <summary>Adds what was gathered to the channel's tally; call at the end of the turn.</summary>
    public void Flush()
    {
        if (_channelId is null)
        {
            return;
        }

        var tally = metrics.Tally(_channelId);
        tally.Delivered(_redelivered, _delivered is null ? [] : CollectionsMarshal.AsSpan(_delivered));
        if (_acknowledged is not null)
        {
            tally.Acknowledged(CollectionsMarshal.AsSpan(_acknowledged));
        }

        _channelId = null;
        _redelivered = 0;
        _delivered?.Clear();
        _acknowledged?.Clear();
    }

    private void Switch(string channelId)
    {
        if (_channelId != channelId)
        {
            Flush();
            _channelId = channelId;
        }
    }
}
