using Microsoft.Extensions.Options;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>Checks <see cref="WorkflowRunnerOptions"/> and reports every problem at once.</summary>
public sealed class WorkflowRunnerOptionsValidator : IValidateOptions<WorkflowRunnerOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WorkflowRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.HistoryPageSize is < 1 or > 4096)
        {
            problems.Add($"{nameof(options.HistoryPageSize)} must be between 1 and 4096 (was {options.HistoryPageSize}).");
        }

        if (options.IndexShards is < 1 or > 1024)
        {
            problems.Add($"{nameof(options.IndexShards)} must be between 1 and 1024 (was {options.IndexShards}).");
        }

        if (options.ResumeConcurrency is < 1 or > 1024)
        {
            problems.Add($"{nameof(options.ResumeConcurrency)} must be between 1 and 1024 (was {options.ResumeConcurrency}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
