namespace AgentPlatform.EndToEnd.Tests.Dashboard;

/// <summary>A fact that needs Debian's Chromium: skipped with a message when it is missing on a developer machine, run (and
/// failing clearly) when it is missing in CI, where <c>.ci/run</c> installs it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"Chromium is not installed at {ChromiumPath} (apt-get install chromium); in CI (CI set) this test runs and needs it.";
        }
    }
}
