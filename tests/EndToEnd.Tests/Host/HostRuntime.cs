namespace AgentPlatform.EndToEnd.Tests.Host;

/// <summary>Which runtime a test's host process runs on.</summary>
public enum HostRuntime
{
    /// <summary>The embedded runtime on SQLite, the default.</summary>
    Embedded,

    /// <summary><c>Runtime:Mode=dapr</c> with its own daprd double, as one replica.</summary>
    Dapr,
}
