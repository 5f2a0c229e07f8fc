using AgentPlatform.AgentHost.Hosting;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Refuses an engine the runtime mode cannot run, in one line naming both settings.</summary>
/// <remarks>Dapr Workflow needs the daprd sidecar, which the embedded runtime does not have. The actor engine runs on
/// any actor runtime, so <c>actors</c> stays allowed in Dapr mode (the runner then lives in Dapr actors).</remarks>
public sealed class WorkflowEngineOptionsValidator(string runtimeMode) : IValidateOptions<WorkflowEngineOptions>
{
    /// <summary>Reads the runtime mode from <paramref name="configuration"/>.</summary>
    public WorkflowEngineOptionsValidator(IConfiguration configuration)
        : this(PlatformRuntimeOptions.From(configuration).Mode)
    {
    }

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, WorkflowEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = options.EffectiveEngine(runtimeMode);
        if (engine is not (WorkflowEngineOptions.Actors or WorkflowEngineOptions.Dapr))
        {
            return ValidateOptionsResult.Fail($"Workflows:Engine must be '{WorkflowEngineOptions.Actors}' or '{WorkflowEngineOptions.Dapr}'; it is '{options.Engine}'.");
        }

        return engine == WorkflowEngineOptions.Dapr && !string.Equals(runtimeMode, PlatformRuntimeOptions.DaprMode, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Fail($"Workflows:Engine is 'dapr', but Runtime:Mode is '{runtimeMode}': Dapr Workflow needs the Dapr sidecar; set Runtime:Mode to 'dapr' or Workflows:Engine to 'actors'.")
            : ValidateOptionsResult.Success;
    }
}
