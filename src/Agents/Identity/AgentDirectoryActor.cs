using System.Globalization;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Identity;

/// <summary>The index of all agents: unique names and the registration order used for listing.</summary>
/// <remarks>One actor, so concurrent registrations of one name are serialized and exactly one wins.
/// Agent ids sit in fixed-size pages by registration sequence, so a registration rewrites one small page.
/// Reservations arrive in batches, so one turn (and one commit) serves many concurrent registrations.</remarks>
internal sealed class AgentDirectoryActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-directory";
    public const string Reserve = "reserve";
    public const string Release = "release";
    public const string List = "list";
    public const int PageSize = 256;

    public static readonly ActorId Address = ActorId.Create(TypeName, "all");

    private const string NextKey = "next";

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken) => call.Method switch
    {
        Reserve => await ReserveAllAsync(ActorPayload.Read<IReadOnlyList<DirectoryEntry>>(call), cancellationToken),
        Release => await ReleaseAsync(ActorPayload.Read<DirectoryEntry>(call), cancellationToken),
        List => await ListAsync(ActorPayload.Read<DirectoryQuery>(call), cancellationToken),
        _ => throw new ActorMethodNotFoundException(Id, call.Method),
    };

    private async ValueTask<object?> ReserveAllAsync(IReadOnlyList<DirectoryEntry> entries, CancellationToken cancellationToken)
    {
        // Later entries see the buffered writes of earlier ones, so a name twice in one batch is granted once.
        var sequences = new long?[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            sequences[i] = await ReserveAsync(entries[i], cancellationToken);
        }

        return sequences;
    }

    private async ValueTask<long?> ReserveAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        var nameKey = NameKey(entry.Name);
        var (taken, _) = await StateManager.TryGetStateAsync<DirectoryName>(nameKey, cancellationToken);
        if (taken)
        {
            return null;
        }

        var sequence = await StateManager.GetStateOrDefaultAsync(NextKey, 0L, cancellationToken);
        var pageKey = PageKey(sequence / PageSize);
        var page = new List<string?>(await StateManager.GetStateOrDefaultAsync<List<string?>>(pageKey, [], cancellationToken));
        page.Add(entry.AgentId);
        StateManager.SetState(pageKey, page);
        StateManager.SetState(NextKey, sequence + 1);
        StateManager.SetState(nameKey, new DirectoryName(entry.AgentId, sequence));
        return sequence;
    }

    private async ValueTask<object?> ReleaseAsync(DirectoryEntry entry, CancellationToken cancellationToken)
    {
        var nameKey = NameKey(entry.Name);
        var (found, name) = await StateManager.TryGetStateAsync<DirectoryName>(nameKey, cancellationToken);
        if (!found || name!.AgentId != entry.AgentId)
        {
            return false;
        }

        var pageKey = PageKey(name.Sequence / PageSize);
        var page = new List<string?>(await StateManager.GetStateOrDefaultAsync<List<string?>>(pageKey, [], cancellationToken));
        var slot = (int)(name.Sequence % PageSize);
        if (slot < page.Count)
        {
            page[slot] = null;
            StateManager.SetState(pageKey, page);
        }

        StateManager.RemoveState(nameKey);
        return true;
    }

    private async ValueTask<object?> ListAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        var next = await StateManager.GetStateOrDefaultAsync(NextKey, 0L, cancellationToken);
        var items = new List<DirectoryItem>(query.Limit);
        var sequence = query.After + 1;
        while (sequence < next && items.Count < query.Limit)
        {
            var pageIndex = sequence / PageSize;
            var page = await StateManager.GetStateOrDefaultAsync<List<string?>>(PageKey(pageIndex), [], cancellationToken);
            var pageEnd = Math.Min((pageIndex + 1) * PageSize, next);
            for (; sequence < pageEnd && items.Count < query.Limit; sequence++)
            {
                var slot = (int)(sequence % PageSize);
                if (slot < page.Count && page[slot] is { } agentId)
                {
                    items.Add(new DirectoryItem(sequence, agentId));
                }
            }
        }

        return new DirectorySlice(items, sequence < next);
    }

    private static string NameKey(string name) => "name/" + name.ToLowerInvariant();

    private static string PageKey(long page) => "page/" + page.ToString(CultureInfo.InvariantCulture);
}
