using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>The base of the runtime contract suites: one data directory and one <see cref="ContractProbe"/> per test, and
/// the factory method each implementation overrides.</summary>
public abstract class RuntimeContractTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    protected ContractProbe Probe { get; } = new();

    public void Dispose()
    {
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a runtime hosting <paramref name="types"/> whose actor state and reminders live in
    /// <paramref name="dataDirectory"/>; a runtime started again over the same directory must see what the stopped one committed.</summary>
    protected abstract Task<RuntimeUnderTest> StartRuntimeAsync(string dataDirectory, IReadOnlyList<ActorTypeRegistration> types);

    /// <summary>Starts a runtime over this test's directory hosting the <see cref="ContractActor"/>.</summary>
    protected Task<RuntimeUnderTest> StartAsync() => StartRuntimeAsync(_directory.Path, [ContractActor.Type(Probe)]);
}
