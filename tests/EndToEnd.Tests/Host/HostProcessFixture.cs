using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Host;

/// <summary>One real host process shared by a test class, started on the runtime and with the configuration a subclass
/// names.</summary>
public abstract class HostProcessFixture : IAsyncLifetime
{
    private HostUnderTest? _host;

    public HostProcess Host => _host?.Host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Configuration keys (with <c>__</c> as separator) set on the host's environment.</summary>
    protected abstract IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The runtime the host runs on.</summary>
    protected virtual HostRuntime Runtime => HostRuntime.Embedded;

    public async Task InitializeAsync() => _host = await HostUnderTest.StartAsync(Runtime, Environment, TestTimeout.After(90));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
