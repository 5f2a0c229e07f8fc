namespace AgentPlatform.Bench;

/// <summary>One named benchmark suite; the harness discovers every concrete subclass by reflection.</summary>
public abstract class BenchSuite
{
    /// <summary>The name given on the command line, for example <c>actors</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the suite measures.</summary>
    public abstract string Description { get; }

    /// <summary>Runs the suite and reports its measurements.</summary>
    public abstract Task RunAsync(BenchReport report, CancellationToken cancellationToken);
}
