using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Host;

/// <summary>One real host process shared by a test class, started with the configuration a subclass names.</summary>
public abstract class HostProcessFixture : IAsyncLifetime
{
    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Configuration keys (with <c>__</c> as separator) set on the host's environment.</summary>
    protected abstract IReadOnlyDictionary<string, string> Environment { get; }

    public async Task InitializeAsync() => _host = await HostProcess.StartNewAsync(null, Environment, TestTimeout.After(90));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
