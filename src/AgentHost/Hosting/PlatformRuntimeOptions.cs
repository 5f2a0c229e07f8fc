namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Which runtime the host runs on and where it keeps its data.</summary>
public sealed class PlatformRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Runtime";

    /// <summary>The in-process runtime with SQLite storage.</summary>
    public const string EmbeddedMode = "embedded";

    /// <summary>Dapr sidecar mode: actors, state and pub/sub through the app's Dapr sidecar.</summary>
    public const string DaprMode = "dapr";

    /// <summary><c>embedded</c> or <c>dapr</c>.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    /// <summary>The directory of the SQLite file, relative to the working directory unless absolute (embedded mode).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>True when <see cref="Mode"/> is <c>embedded</c> (in any case).</summary>
    public bool IsEmbedded => string.Equals(Mode, EmbeddedMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Mode"/> is <c>dapr</c> (in any case).</summary>
    public bool IsDapr => string.Equals(Mode, DaprMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>The options as bound from <paramref name="configuration"/> at registration time, before validation.</summary>
    public static PlatformRuntimeOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<PlatformRuntimeOptions>() ?? new PlatformRuntimeOptions();
}
