namespace AgentPlatform.EndToEnd.Tests.Dashboard;

/// <summary>The browser test runs alone, after the parallel end-to-end tests, so its first-render time measures the
/// dashboard rather than the other hosts sharing the machine's cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserTestGroup
{
    public const string Name = "Dashboard browser";
}
