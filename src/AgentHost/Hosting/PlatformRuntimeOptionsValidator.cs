using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Hosting;

/// <summary>Accepts only a runtime mode this build can run, reporting every problem at once.</summary>
public sealed class PlatformRuntimeOptionsValidator : IValidateOptions<PlatformRuntimeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PlatformRuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.Equals(options.Mode, PlatformRuntimeOptions.DaprMode, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Runtime:Mode is 'dapr', but the Dapr adapter is not part of this build (it comes in a later issue); set Runtime:Mode to 'embedded'.");
        }
        else if (!string.Equals(options.Mode, PlatformRuntimeOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Runtime:Mode must be 'embedded' or 'dapr'; it is '{options.Mode}'.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Runtime:DataDirectory must name a directory.");
        }
        else if (DataDirectoryProblem(options.DataDirectory) is { } problem)
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
