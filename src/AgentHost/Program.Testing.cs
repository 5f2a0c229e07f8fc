namespace AgentPlatform.AgentHost;

/// <summary>Makes the entry point visible to test projects.</summary>
public partial class Program;
