using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>A host with an agent that owns one channel and a stranger's channel it does not belong to.</summary>
public class ChannelHostileInputFixture : IAsyncLifetime
{
    private readonly ChannelHostFixture _host;
    private ApiAgent? _owner;
    private ApiAgent? _stranger;

    public ChannelHostileInputFixture()
        : this(new ChannelHostFixture())
    {
    }

    protected ChannelHostileInputFixture(ChannelHostFixture host) => _host = host;

    internal ApiAgent Owner => _owner ?? throw new InvalidOperationException("Not started.");

    internal ApiAgent Stranger => _stranger ?? throw new InvalidOperationException("Not started.");

    public HostProcess Host => _host.Host;

    public string Channel { get; private set; } = string.Empty;

    public string OtherChannel { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var timeout = TestTimeout.After(90);
        await _host.InitializeAsync();
        _owner = await ApiAgent.RegisterAsync(Host, "owner", timeout);
        _stranger = await ApiAgent.RegisterAsync(Host, "stranger", timeout);
        Channel = await _owner.CreateChannelAsync("mine", timeout);
        OtherChannel = await _stranger.CreateChannelAsync("theirs", timeout);
    }

    public async Task DisposeAsync()
    {
        _owner?.Dispose();
        _stranger?.Dispose();
        await _host.DisposeAsync();
    }
}
