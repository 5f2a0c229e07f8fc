using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Cli;

/// <summary>Turns a failed start into one line per problem, without stack traces.</summary>
internal static class StartupProblems
{
    /// <summary>Set to 1 to let an unexpected start-up exception through with its stack trace.</summary>
    public const string StackTraceVariable = "AGENT_PLATFORM_STACKTRACE";

    /// <summary>The problems <paramref name="error"/> stands for, or null when it is not a configuration or environment problem.</summary>
    public static IReadOnlyList<string>? Describe(Exception error) => error switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException many when many.InnerExceptions.Select(Describe).ToList() is var all && all.All(p => p is not null) =>
            [.. all.SelectMany(p => p!).Distinct(StringComparer.Ordinal)],
        SqliteException sqlite => [$"The SQLite database cannot be opened: {sqlite.Message}"],
        UnauthorizedAccessException denied => [$"Access denied: {denied.Message}"],
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            [$"The address is in use: {io.Message} Choose another with --urls."],
        IOException io => [$"An I/O problem at start-up: {io.Message}"],
        _ when Environment.GetEnvironmentVariable(StackTraceVariable) == "1" => null,
        _ => [$"{error.GetType().Name}: {error.Message} (set {StackTraceVariable}=1 for the stack trace)"],
    };

    /// <summary>Writes the problems to standard error and returns the exit code 1.</summary>
    public static int Report(IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }

        return 1;
    }
}
