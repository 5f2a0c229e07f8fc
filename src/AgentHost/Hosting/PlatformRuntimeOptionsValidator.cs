using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Accepts only a runtime mode this build can run and, outside Dapr mode, a writable data directory, reporting every
/// problem at once.</summary>
public sealed class PlatformRuntimeOptionsValidator : IValidateOptions<PlatformRuntimeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PlatformRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.IsEmbedded && !options.IsDapr)
        {
            failures.Add($"Runtime:Mode must be 'embedded' or 'dapr'; it is '{options.Mode}'.");
        }

        // In Dapr mode the sidecar's components hold the data; nothing is written below Runtime:DataDirectory.
        if (!options.IsDapr && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Runtime:DataDirectory must name a directory.");
        }
        else if (!options.IsDapr && DataDirectoryProblem(options.DataDirectory) is { } problem)
        {
            failures.Add(problem);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? DataDirectoryProblem(string dataDirectory)
    {
        var path = Path.GetFullPath(dataDirectory);
        if (File.Exists(path))
        {
            return $"Runtime:DataDirectory '{path}' is a file, not a directory.";
        }

        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"Runtime:DataDirectory '{path}' cannot be created or written: {error.Message}";
        }
    }
}
