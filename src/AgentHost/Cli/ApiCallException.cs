namespace AgentPlatform.AgentHost.Cli;

/// <summary>The host answered a CLI call with an error status.</summary>
internal sealed class ApiCallException(string message) : Exception(message);
