using System.CommandLine;
using AgentPlatform.AgentHost.Backups;
using AgentPlatform.AgentHost.Hosting;
using AgentPlatform.Runtime.Embedded.State;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace AgentPlatform.AgentHost.Cli;

/// <summary><c>backup</c> and <c>restore</c> of the embedded runtime's SQLite file.</summary>
internal static class BackupCommands
{
    public static Command CreateBackup()
    {
        var dataDirectory = DataDirectoryOption();
        var output = new Option<string?>("--output", "-o") { Description = "The backup file to write; a new file in the backup directory when omitted." };
        var command = new Command("backup", "Take an online backup of the SQLite database (safe while the host runs).") { dataDirectory, output };
        command.SetAction(result => Run(result, dataDirectory, (configuration, catalog) =>
        {
            var target = result.GetValue(output);
            if (target is null)
            {
                target = catalog.Take(TimeProvider.System, configuration.GetValue("Backups:Keep", new BackupOptions().Keep));
            }
            else
            {
                SqliteBackup.Create(catalog.DatabasePath, target);
            }

            AnsiConsole.MarkupLineInterpolated($"[green]Backup written[/] to {Path.GetFullPath(target)}");
            return 0;
        }));
        return command;
    }

    public static Command CreateRestore()
    {
        var dataDirectory = DataDirectoryOption();
        var file = new Argument<string>("file") { Description = "The backup file to restore." };
        var command = new Command("restore", "Replace the SQLite database with a backup; stop the host first.") { file, dataDirectory };
        command.SetAction(result => Run(result, dataDirectory, (_, catalog) =>
        {
            SqliteBackup.Restore(result.GetValue(file)!, catalog.DatabasePath);
            AnsiConsole.MarkupLineInterpolated($"[green]Restored[/] {result.GetValue(file)} into {catalog.DatabasePath}");
            return 0;
        }));
        return command;
    }

    private static Option<string?> DataDirectoryOption() =>
        new("--data-dir", "-d") { Description = "The host's data directory (default: Runtime:DataDirectory, else ./data)." };

    private static BackupCatalog Catalog(IConfiguration configuration, string? dataDirectory) => new(
        dataDirectory ?? PlatformRuntimeOptions.From(configuration).DataDirectory,
        configuration[$"{BackupOptions.SectionName}:{nameof(BackupOptions.Directory)}"]);

    private static int Run(ParseResult result, Option<string?> dataDirectory, Func<IConfiguration, BackupCatalog, int> action)
    {
        var configuration = CliConfiguration.Load();
        if (string.Equals(PlatformRuntimeOptions.From(configuration).Mode, PlatformRuntimeOptions.DaprMode, StringComparison.OrdinalIgnoreCase))
        {
            return StartupProblems.Report(["Runtime:Mode is dapr: backups are the job of the Dapr state store, not of this host."]);
        }

        try
        {
            return action(configuration, Catalog(configuration, result.GetValue(dataDirectory)));
        }
        catch (Exception error) when (error is SqliteException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return StartupProblems.Report([error.Message]);
        }
    }
}
