using AgentPlatform.Runtime.Embedded.PubSub;

namespace AgentPlatform.Runtime.Embedded;

/// <summary>Settings of the embedded runtime: storage location, actor lifetime and pub/sub behaviour.</summary>
public sealed class EmbeddedRuntimeOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Runtime:Embedded";

    /// <summary>The name of the SQLite file inside <see cref="DataDirectory"/>.</summary>
    public const string DatabaseFileName = "platform.db";

    /// <summary>The directory holding the SQLite file <c>platform.db</c>; created when missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>When true, state and reminders live in memory only and nothing survives a restart.</summary>
    public bool UseInMemoryStorage { get; set; }

    /// <summary>How long an actor may go without a call, timer or reminder before it is deactivated, unless its type sets its own.</summary>
    public TimeSpan DefaultIdleTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How often the runtime looks for idle actors.</summary>
    public TimeSpan IdleScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long disposing the runtime waits for actors to finish their queued calls and deactivate.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The component name of the registered <see cref="AgentPlatform.Runtime.State.IStateStore"/>.</summary>
    public string StateStoreName { get; set; } = "statestore";

    /// <summary>Settings of the in-process pub/sub broker.</summary>
    public InMemoryPubSubOptions PubSub { get; set; } = new();

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFileName);
}
