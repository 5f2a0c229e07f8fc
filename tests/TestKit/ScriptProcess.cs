using System.Diagnostics;

namespace AgentPlatform.TestKit;

/// <summary>How tests start a script of the repository (a sample agent, a client flow) under an interpreter.</summary>
public static class ScriptProcess
{
    /// <summary>Start info for <c>program script arguments...</c> run from the repository root with its output redirected;
    /// <paramref name="script"/> is relative to the root.</summary>
    public static ProcessStartInfo StartInfo(string program, string script, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
