using System.CommandLine;

namespace AgentPlatform.AgentHost.Cli;

/// <summary><c>serve</c>, also the default: runs the host; any argument it does not know goes to the host's configuration
/// (<c>--urls</c>, <c>--Runtime:DataDirectory=...</c>).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run the platform host (the default when no command is given); host arguments such as --urls pass through.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, cancellationToken) => RunAsync(result.UnmatchedTokens, cancellationToken));
        return serve;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> hostArguments, CancellationToken cancellationToken)
    {
        WebApplication app;
        try
        {
            app = Program.Build([.. hostArguments]);
        }
        catch (Exception error) when (StartupProblems.Describe(error) is { } problems)
        {
            return StartupProblems.Report(problems);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception error) when (StartupProblems.Describe(error) is { } problems)
            {
                return StartupProblems.Report(problems);
            }

            await app.WaitForShutdownAsync(CancellationToken.None);
        }

        return 0;
    }
}
