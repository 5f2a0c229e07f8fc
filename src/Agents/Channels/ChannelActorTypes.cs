using AgentPlatform.Agents.Inbox;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Channels;

/// <summary>The actor types channels and inboxes need the runtime to host.</summary>
internal static class ChannelActorTypes
{
    public static IReadOnlyList<ActorTypeRegistration> Create() =>
    [
        new(ChannelActor.TypeName, host => new ChannelActor(host)),
        new(ChannelDirectoryActor.TypeName, host => new ChannelDirectoryActor(host)),
        new(InboxActor.TypeName, host => new InboxActor(host)),
    ];
}
