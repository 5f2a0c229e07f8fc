using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Channels;

/// <summary>The sorted index of every channel id, so channels can be listed page by page.</summary>
/// <remarks>The channel actors are the source of truth; an id is added after its channel is created, and adding is
/// idempotent, so a create interrupted between the two is repaired by the next create or join of that id.</remarks>
internal sealed class ChannelDirectoryActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "channel-directory";
    public const string SingletonKey = "all";
    public const string AddMethod = "add";
    public const string ListMethod = "list";

    private const string IdsKey = "ids";

    private List<string> _ids = [];

    public override async ValueTask OnActivateAsync(CancellationToken cancellationToken) =>
        _ids = await StateManager.GetStateOrDefaultAsync<List<string>?>(IdsKey, null, cancellationToken) ?? [];

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case AddMethod:
                await AddAsync(ActorPayload.Read<string>(call), cancellationToken);
                return true;
            case ListMethod:
                return List(ActorPayload.Read<DirectoryQuery>(call));
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    private async Task AddAsync(string channelId, CancellationToken cancellationToken)
    {
        var index = _ids.BinarySearch(channelId, StringComparer.Ordinal);
        if (index >= 0)
        {
            return;
        }

        var ids = new List<string>(_ids.Count + 1);
        ids.AddRange(_ids);
        ids.Insert(~index, channelId);
        StateManager.SetState(IdsKey, ids);
        await StateManager.SaveStateAsync(cancellationToken);
        _ids = ids;
    }

    private DirectoryPage List(DirectoryQuery query)
    {
        var start = 0;
        if (query.After is { } after)
        {
            var index = _ids.BinarySearch(after, StringComparer.Ordinal);
            start = index >= 0 ? index + 1 : ~index;
        }

        var count = Math.Min(query.Limit, _ids.Count - start);
        var page = _ids.GetRange(start, Math.Max(0, count));
        return new DirectoryPage(page, start + page.Count < _ids.Count);
    }
}

/// <summary>Asks for up to <paramref name="Limit"/> ids after <paramref name="After"/>.</summary>
internal sealed record DirectoryQuery(string? After, int Limit);

/// <summary>A page of ids and whether more follow.</summary>
internal sealed record DirectoryPage(IReadOnlyList<string> Ids, bool HasMore);
