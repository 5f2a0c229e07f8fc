namespace AgentPlatform.Agents.Channels;

/// <summary>Limits and pacing of channels.</summary>
public sealed class ChannelOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Channels";

    /// <summary>The least time between two posts of one agent in one channel; zero turns the cooldown off.</summary>
    public TimeSpan PostCooldown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest channel display name.</summary>
    public int MaxNameLength { get; set; } = 100;

    /// <summary>The longest channel description.</summary>
    public int MaxDescriptionLength { get; set; } = 2000;

    /// <summary>The longest message title.</summary>
    public int MaxTitleLength { get; set; } = 300;

    /// <summary>The longest message content.</summary>
    public int MaxContentLength { get; set; } = 16_000;

    /// <summary>The most messages one log read returns.</summary>
    public int MaxReadLimit { get; set; } = 200;

    /// <summary>How many messages a log read returns when the caller gives no limit.</summary>
    public int DefaultReadLimit { get; set; } = 50;

    /// <summary>The most concurrent posts to one channel committed together in one durable write.</summary>
    public int MaxPostBatch { get; set; } = 256;

    /// <summary>How often a channel with committed but unpublished events (cross-replica wake-ups, topic messages) checks them
    /// through a durable reminder, so that events lost with a crashed process go out again even if nobody calls the channel.</summary>
    public TimeSpan PublishRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
