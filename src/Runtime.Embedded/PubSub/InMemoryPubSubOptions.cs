namespace AgentPlatform.Runtime.Embedded.PubSub;

/// <summary>Settings of <see cref="InMemoryPubSub"/>: its name, the event source and the retry policy.</summary>
public sealed class InMemoryPubSubOptions
{
    /// <summary>The component name; <c>pubsub</c> by default.</summary>
    public string Name { get; set; } = "pubsub";

    /// <summary>The CloudEvent <c>source</c>: the publishing app's id.</summary>
    public string AppId { get; set; } = "agent-platform";

    /// <summary>The CloudEvent type used when a publish does not give one.</summary>
    public string DefaultEventType { get; set; } = "com.dapr.event.sent";

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The factor each further retry delay is multiplied by.</summary>
    public double RetryBackoffMultiplier { get; set; } = 2;

    /// <summary>The longest delay between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an event is handed to one subscription before it is dead-lettered (first attempt included).</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>Lists what is wrong with these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("PubSub.Name must be set.");
        }

        if (string.IsNullOrWhiteSpace(AppId))
        {
            problems.Add("PubSub.AppId must be set.");
        }

        if (string.IsNullOrWhiteSpace(DefaultEventType))
        {
            problems.Add("PubSub.DefaultEventType must be set.");
        }

        if (InitialRetryDelay < TimeSpan.Zero)
        {
            problems.Add("PubSub.InitialRetryDelay must not be negative.");
        }

        if (RetryBackoffMultiplier < 1)
        {
            problems.Add("PubSub.RetryBackoffMultiplier must be at least 1.");
        }

        if (MaxRetryDelay < InitialRetryDelay)
        {
            problems.Add("PubSub.MaxRetryDelay must be at least InitialRetryDelay.");
        }

        if (MaxDeliveryAttempts < 1)
        {
            problems.Add("PubSub.MaxDeliveryAttempts must be at least 1.");
        }

        return problems;
    }
}
