using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Backups;

/// <summary>Takes an online backup every <see cref="BackupOptions.Interval"/> while the host runs, keeping <see cref="BackupOptions.Keep"/>.</summary>
internal sealed class BackupScheduler(BackupCatalog catalog, IOptions<BackupOptions> options, TimeProvider time, ILogger<BackupScheduler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var path = await Task.Run(() => catalog.Take(time, settings.Keep), stoppingToken);
                    Log.BackupTaken(logger, path);
                }
                catch (Exception error) when (error is SqliteException or IOException or UnauthorizedAccessException)
                {
                    Log.BackupFailed(logger, catalog.Directory, error);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }
}
