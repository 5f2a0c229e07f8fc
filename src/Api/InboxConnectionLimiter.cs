using System.Globalization;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api;

/// <summary>Counts open long-polls, event streams and gRPC inbox streams per agent and in total, and refuses those over
/// <see cref="InboxConnectionOptions"/>.</summary>
public sealed class InboxConnectionLimiter
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(bool Stream, string AgentId), int> _open = [];
    private readonly InboxConnectionOptions _options;
    private int _total;

    /// <summary>Creates the limiter with the configured caps.</summary>
    public InboxConnectionLimiter(IOptions<InboxConnectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>How many long-polls and streams are open now, for tests and diagnostics.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Takes a place for a long-poll of <paramref name="agentId"/> that waits <paramref name="wait"/>; a read that
    /// does not wait needs none and always gets <see cref="InboxConnectionLease.Unlimited"/>.</summary>
    public InboxConnectionLease EnterLongPoll(string agentId, TimeSpan wait) =>
        wait > TimeSpan.Zero ? Enter(stream: false, agentId, _options.MaxLongPollsPerAgent, nameof(InboxConnectionOptions.MaxLongPollsPerAgent)) : InboxConnectionLease.Unlimited;

    /// <summary>Takes a place for an event stream of <paramref name="agentId"/>.</summary>
    public InboxConnectionLease EnterStream(string agentId) =>
        Enter(stream: true, agentId, _options.MaxStreamsPerAgent, nameof(InboxConnectionOptions.MaxStreamsPerAgent));

    private InboxConnectionLease Enter(bool stream, string agentId, int perAgent, string limitName)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        var key = (stream, agentId);
        lock (_gate)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= perAgent)
            {
                return new InboxConnectionLease(null, new InboxConnectionRefusal(
                    false, RetryAfter, Describe(stream ? "This agent has as many inbox streams open as it may" : "This agent has as many long-polls waiting as it may", limitName, perAgent)));
            }

            if (_total >= _options.MaxTotal)
            {
                return new InboxConnectionLease(null, new InboxConnectionRefusal(
                    true, RetryAfter, Describe("The host holds as many waiting inbox connections as it allows", "MaxTotal", _options.MaxTotal)));
            }

            _open[key] = open + 1;
            _total++;
        }

        return new InboxConnectionLease(() => Leave(key), null);
    }

    private void Leave((bool Stream, string AgentId) key)
    {
        lock (_gate)
        {
            _total--;
            if (_open[key] == 1)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key]--;
            }
        }
    }

    private static string Describe(string what, string limitName, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} ({InboxConnectionOptions.SectionName}:{limitName} = {limit}); close one or retry later.");
}
