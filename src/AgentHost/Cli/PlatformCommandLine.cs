using System.CommandLine;

namespace AgentPlatform.AgentHost.Cli;

/// <summary>The host's command line: <c>serve</c> (the default), <c>demo</c>, <c>backup</c>, <c>restore</c>, <c>agents list</c>, <c>definitions apply</c>.</summary>
internal static class PlatformCommandLine
{
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Agent Platform host. With no command it serves, as 'serve' does; host arguments such as --urls pass through.")
        {
            ServeCommand.Create(),
            DemoCommand.Create(),
            BackupCommands.CreateBackup(),
            BackupCommands.CreateRestore(),
            ApiCommands.CreateAgents(),
            ApiCommands.CreateDefinitions(),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((result, cancellationToken) => ServeCommand.RunAsync(result.UnmatchedTokens, cancellationToken));
        return root.Parse(args).InvokeAsync();
    }
}
