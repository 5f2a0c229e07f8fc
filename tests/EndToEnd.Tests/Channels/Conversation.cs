using AgentPlatform.TestKit;

namespace AgentPlatform.EndToEnd.Tests.Channels;

/// <summary>A fresh channel with registered members whose inboxes start empty; member 0 created it.</summary>
internal sealed class Conversation : IDisposable
{
    private readonly ApiAgent[] _members;

    private Conversation(string channel, ApiAgent[] members)
    {
        Channel = channel;
        _members = members;
    }

    public string Channel { get; }

    public ApiAgent this[int index] => _members[index];

    public static async Task<Conversation> StartAsync(HostProcess host, string prefix, int members, CancellationToken cancellationToken)
    {
        var agents = new ApiAgent[members];
        for (var i = 0; i < members; i++)
        {
            agents[i] = await ApiAgent.RegisterAsync(host, $"{prefix}{i}", cancellationToken);
        }

        var channel = await agents[0].CreateChannelAsync(prefix, cancellationToken);
        foreach (var agent in agents.Skip(1))
        {
            await agent.JoinAsync(channel, cancellationToken);
        }

        foreach (var agent in agents)
        {
            await agent.DrainInboxAsync(cancellationToken);
        }

        return new Conversation(channel, agents);
    }

    public void Dispose()
    {
        foreach (var member in _members)
        {
            member.Dispose();
        }
    }
}
