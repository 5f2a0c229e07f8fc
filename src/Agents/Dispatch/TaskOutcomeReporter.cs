using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentPlatform.Agents.Dispatch;

/// <summary>Hands task outcomes to the <see cref="IAgentTaskOutcomeSink"/> off the caller's turn; a failed report is logged, and the
/// outcome is reported again when the attempt is dispatched again.</summary>
internal sealed class TaskOutcomeReporter(IServiceProvider services, ILogger logger)
{
    public void Report(AgentTaskOutcome outcome) => _ = Task.Run(() => ReportAsync(outcome), CancellationToken.None);

    private async Task ReportAsync(AgentTaskOutcome outcome)
    {
        try
        {
            var sink = services.GetService<IAgentTaskOutcomeSink>();
            if (sink is null)
            {
                Log.TaskOutcomeNotReported(logger, null, outcome.TaskId, "no outcome sink is registered");
                return;
            }

            await sink.ReportAsync(outcome);
        }
        catch (Exception failure)
        {
            Log.TaskOutcomeNotReported(logger, failure, outcome.TaskId, failure.Message);
        }
    }
}
