using System.Diagnostics;

namespace AgentPlatform.TestKit;

/// <summary>Runs a child process to its end and collects what it printed.</summary>
public static class ProcessRun
{
    /// <summary>The exit code and the standard output and error of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Starts <paramref name="start"/> (its output and error must be redirected) and waits for it to exit, killing it and
    /// its children when <paramref name="cancellationToken"/> fires.</summary>
    public static async Task<Result> ToExitAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
