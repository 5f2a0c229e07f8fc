namespace AgentPlatform.Agents.Channels;

/// <summary>The wire names of <see cref="MessagePriority"/>.</summary>
public static class MessagePriorities
{
    /// <summary>Parses <c>high</c>, <c>normal</c> or <c>low</c> (exact, lower case).</summary>
    public static bool TryParse(string? text, out MessagePriority priority)
    {
        (var ok, priority) = text switch
        {
            "high" => (true, MessagePriority.High),
            "normal" => (true, MessagePriority.Normal),
            "low" => (true, MessagePriority.Low),
            _ => (false, MessagePriority.Normal),
        };
        return ok;
    }

    /// <summary>The wire name of <paramref name="priority"/>.</summary>
    public static string ToWire(this MessagePriority priority) => priority switch
    {
        MessagePriority.High => "high",
        MessagePriority.Low => "low",
        _ => "normal",
    };
}
