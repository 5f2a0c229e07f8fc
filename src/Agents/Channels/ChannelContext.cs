using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.PubSub;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Channels;

/// <summary>What channel and inbox actors share: settings, wake-ups, instruments, the pub/sub for channel topics (null when
/// the host has none) and the logger of their background publishing.</summary>
internal sealed record ChannelContext(
    ChannelOptions Channels, InboxOptions Inbox, InboxSignals Signals, ChannelMetrics Metrics, IPubSub? PubSub, ILogger Logger);
