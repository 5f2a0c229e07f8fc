using AgentPlatform.TestKit;

namespace AgentPlatform.Client.Tests;

/// <summary>One host with gRPC on, shared by the tests of a class; each test registers its own agents.</summary>
public sealed class PlatformHostFixture : IAsyncLifetime
{
    private PlatformHost? _host;

    public PlatformHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync() => _host = await PlatformHost.StartAsync(null, TestTimeout.After(90));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
