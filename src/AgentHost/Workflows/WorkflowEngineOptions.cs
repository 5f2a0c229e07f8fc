using AgentPlatform.AgentHost.Hosting;

namespace AgentPlatform.AgentHost.Workflows;

/// <summary>Which engine runs workflow instances: <c>Workflows:Engine</c>.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Workflows";

    /// <summary>The actor engine (the platform's own runner on the actor runtime); the default in embedded mode.</summary>
    public const string Actors = "actors";

    /// <summary>Dapr Workflow (the daprd sidecar's workflow engine); the default in Dapr mode.</summary>
    public const string Dapr = "dapr";

    /// <summary><c>actors</c>, <c>dapr</c>, or empty for the runtime mode's default.</summary>
    public string? Engine { get; set; }

    /// <summary>The engine to run under <paramref name="runtimeMode"/>: <see cref="Engine"/> when set, otherwise the
    /// mode's default.</summary>
    public string EffectiveEngine(string runtimeMode) =>
        !string.IsNullOrWhiteSpace(Engine)
            ? Engine.Trim().ToLowerInvariant()
            : string.Equals(runtimeMode, PlatformRuntimeOptions.DaprMode, StringComparison.OrdinalIgnoreCase) ? Dapr : Actors;

    /// <summary>The options and the runtime mode as bound from <paramref name="configuration"/>.</summary>
    public static (WorkflowEngineOptions Options, string RuntimeMode) From(IConfiguration configuration) =>
        (configuration.GetSection(SectionName).Get<WorkflowEngineOptions>() ?? new WorkflowEngineOptions(), PlatformRuntimeOptions.From(configuration).Mode);
}
