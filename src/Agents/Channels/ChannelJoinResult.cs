namespace AgentPlatform.Agents.Channels;

/// <summary>The outcome of a join.</summary>
/// <param name="Joined">True when the agent became a member now, false when it already was one.</param>
/// <param name="Channel">The channel after the join.</param>
public sealed record ChannelJoinResult(bool Joined, ChannelInfo Channel);
