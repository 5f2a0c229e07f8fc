using AgentPlatform.Runtime.Embedded.Reminders;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Health;

/// <summary>Fails when the reminder loop has not started or a reminder is more than
/// <see cref="HealthOptions.ReminderOverdueBound"/> past due (its timer stopped firing).</summary>
internal sealed class ReminderLoopHealthCheck(EmbeddedReminderService reminders, IOptions<HealthOptions> health) : IHealthCheck
{
    public const string Name = "reminders";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = reminders.GetLoopStatus();
        var bound = health.Value.ReminderOverdueBound;
        var result = !status.Started
            ? HealthCheckResult.Unhealthy("The reminder loop has not started.")
            : status.Overdue > bound
                ? HealthCheckResult.Unhealthy($"A reminder is {status.Overdue.TotalSeconds:F0} s overdue (bound {bound.TotalSeconds:F0} s) among {status.Registered}.")
                : HealthCheckResult.Healthy($"{status.Registered} reminders registered.");
        return Task.FromResult(result);
    }
}
