using System.Diagnostics;
using AgentPlatform.TestKit;

namespace AgentPlatform.Clients.Tests;

/// <summary>What the client tests need beyond the .NET SDK: Debian's gRPC for Python and its code generators, Node.js with npm, and
/// the Node client's locked packages (installed here with <c>npm ci</c> when missing).</summary>
public static class ClientPrerequisites
{
    private static readonly (string Path, string Package)[] DebianFiles =
    [
        (ClientProcess.Python, "python3"),
        ("/usr/lib/python3/dist-packages/grpc", "python3-grpcio"),
        ("/usr/lib/python3/dist-packages/google/protobuf", "python3-protobuf"),
        ("/usr/bin/protoc", "protobuf-compiler"),
        ("/usr/bin/grpc_python_plugin", "protobuf-compiler-grpc"),
        ("/usr/bin/node", "nodejs"),
        ("/usr/bin/npm", "npm"),
    ];

    /// <summary>The Debian packages missing on this machine; empty when all are there.</summary>
    public static IReadOnlyList<string> MissingPackages { get; } =
        [.. DebianFiles.Where(f => !File.Exists(f.Path) && !Directory.Exists(f.Path)).Select(f => f.Package)];

    /// <summary>True when CI runs the tests (<c>CI</c> set): there a missing prerequisite fails instead of skipping.</summary>
    public static bool InCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Why the client tests are skipped on this machine, or null when they run.</summary>
    public static string? SkipReason => MissingPackages.Count == 0 || InCi
        ? null
        : $"Needs Debian packages {string.Join(", ", MissingPackages)} (apt-get install them, or run bash .ci/run); in CI (CI set) these tests run and need them.";

    /// <summary>Fails naming what is missing; runs <c>npm ci</c> in clients/node when the locked packages are not installed.</summary>
    public static async Task EnsureAsync(CancellationToken cancellationToken)
    {
        Assert.True(MissingPackages.Count == 0, $"Missing Debian packages: {string.Join(", ", MissingPackages)} (bash .ci/run installs them).");
        if (Directory.Exists(Path.Combine(RepositoryPaths.Root, "clients", "node", "node_modules", "@grpc", "grpc-js")))
        {
            return;
        }

        var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "clients", "node"),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var npm = await ProcessRun.ToExitAsync(start, cancellationToken);
        Assert.True(npm.ExitCode == 0, $"npm ci in clients/node failed: {npm.Output}{npm.Error}");
    }
}

/// <summary>A fact that needs <see cref="ClientPrerequisites"/>: skipped with the reason on a machine without them, run in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClientsFactAttribute : FactAttribute
{
    public ClientsFactAttribute() => Skip = ClientPrerequisites.SkipReason;
}

/// <summary>A theory that needs <see cref="ClientPrerequisites"/>: skipped with the reason on a machine without them, run in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ClientsTheoryAttribute : TheoryAttribute
{
    public ClientsTheoryAttribute() => Skip = ClientPrerequisites.SkipReason;
}
