using Microsoft.Extensions.Options;

namespace AgentPlatform.Agents.Liveness;

/// <summary>Rejects liveness options that cannot work, reporting every problem at once.</summary>
public sealed class AgentLivenessOptionsValidator : IValidateOptions<AgentLivenessOptions>
{
    /// <summary>The shortest heartbeat interval accepted.</summary>
    public static readonly TimeSpan MinimumHeartbeatInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest heartbeat interval accepted.</summary>
    public static readonly TimeSpan MaximumHeartbeatInterval = TimeSpan.FromHours(1);

    /// <summary>The longest heartbeat interval an agent may be allowed to declare for itself.</summary>
    public static readonly TimeSpan MaximumAgentHeartbeatInterval = TimeSpan.FromHours(24);

    /// <summary>The longest restart grace accepted.</summary>
    public static readonly TimeSpan MaximumRestartGrace = TimeSpan.FromHours(24);

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, AgentLivenessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HeartbeatInterval < MinimumHeartbeatInterval || options.HeartbeatInterval > MaximumHeartbeatInterval)
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.HeartbeatInterval)} must be between {MinimumHeartbeatInterval} and {MaximumHeartbeatInterval}; it is {options.HeartbeatInterval}.");
        }

        if (options.MissedHeartbeatsBeforeOffline is < 1 or > 1000)
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.MissedHeartbeatsBeforeOffline)} must be between 1 and 1000; it is {options.MissedHeartbeatsBeforeOffline}.");
        }

        if (options.PersistHeartbeatEvery is { } persistEvery
            && (persistEvery < TimeSpan.Zero || persistEvery > options.MaximumPersistHeartbeatEvery))
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.PersistHeartbeatEvery)} must be between 0 and {nameof(options.HeartbeatInterval)} × ({nameof(options.MissedHeartbeatsBeforeOffline)} − 1) = {options.MaximumPersistHeartbeatEvery}, or a restart after a crash could turn an agent that heartbeats on schedule offline; it is {persistEvery}.");
        }

        if (options.MinAgentHeartbeatInterval < MinimumHeartbeatInterval || options.MinAgentHeartbeatInterval > options.MaxAgentHeartbeatInterval)
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.MinAgentHeartbeatInterval)} must be at least {MinimumHeartbeatInterval} and at most {nameof(options.MaxAgentHeartbeatInterval)} ({options.MaxAgentHeartbeatInterval}); it is {options.MinAgentHeartbeatInterval}.");
        }

        if (options.MaxAgentHeartbeatInterval > MaximumAgentHeartbeatInterval)
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.MaxAgentHeartbeatInterval)} must be at most {MaximumAgentHeartbeatInterval}; it is {options.MaxAgentHeartbeatInterval}.");
        }

        if (options.RestartGrace is { } grace && (grace < TimeSpan.Zero || grace > MaximumRestartGrace))
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.RestartGrace)} must be between 0 and {MaximumRestartGrace}; it is {grace}.");
        }

        if (!double.IsFinite(options.LatencySmoothing) || options.LatencySmoothing is <= 0 or > 1)
        {
            failures.Add($"{AgentLivenessOptions.SectionName}:{nameof(options.LatencySmoothing)} must be greater than 0 and at most 1; it is {options.LatencySmoothing}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
