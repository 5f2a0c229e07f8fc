namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Which runtime the host runs on and where it keeps its data.</summary>
public sealed class PlatformRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Runtime";

    /// <summary>The in-process runtime with SQLite storage.</summary>
    public const string EmbeddedMode = "embedded";

    /// <summary>Dapr sidecar mode (not part of this build).</summary>
    public const string DaprMode = "dapr";

    /// <summary><c>embedded</c> or <c>dapr</c>.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    /// <summary>The directory of the SQLite file, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";
}
