namespace AgentPlatform.Agents.Channels;

/// <summary>A page of channels in id order.</summary>
/// <param name="Channels">The channels.</param>
/// <param name="NextCursor">The id to pass as <c>after</c> for the next page, or null when this is the last.</param>
public sealed record ChannelPage(IReadOnlyList<ChannelInfo> Channels, string? NextCursor);
