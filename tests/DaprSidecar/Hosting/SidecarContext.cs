namespace AgentPlatform.DaprSidecar.Hosting;

/// <summary>What an <see cref="ISidecarExtension"/> may know about the sidecar it extends.</summary>
/// <param name="AppId">The app id.</param>
/// <param name="Replica">The index of the app replica this sidecar serves.</param>
/// <param name="AppPort">The port of that app replica.</param>
/// <param name="DataDirectory">The cluster's data directory, shared by all sidecars.</param>
public sealed record SidecarContext(string AppId, int Replica, int AppPort, string DataDirectory);
