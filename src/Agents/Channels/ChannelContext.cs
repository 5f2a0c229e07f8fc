using AgentPlatform.Agents.Inbox;

namespace AgentPlatform.Agents.Channels;

/// <summary>What channel and inbox actors share: settings, wake-ups and instruments.</summary>
internal sealed record ChannelContext(ChannelOptions Channels, InboxOptions Inbox, InboxSignals Signals, ChannelMetrics Metrics);
