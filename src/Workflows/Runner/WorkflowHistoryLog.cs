using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Runner;

/// <summary>An instance's history in actor state, stored as fixed-size pages plus a count, so that an append rewrites
/// only the last page and the count; the events stay in memory for the life of the activation.</summary>
internal sealed class WorkflowHistoryLog
{
    internal const string CountKey = "history-count";
    private const string PagePrefix = "history-page-";

    private readonly IActorStateManager _state;
    private readonly int _pageSize;
    private readonly List<WorkflowEvent> _events = [];
    private long _persisted;

    public WorkflowHistoryLog(IActorStateManager state, int pageSize)
    {
        _state = state;
        _pageSize = pageSize;
    }

    /// <summary>Every event, persisted or not, in order.</summary>
    public IReadOnlyList<WorkflowEvent> Events => _events;

    public long Count => _events.Count;

    public bool HasUnsaved => _events.Count > _persisted;

    public static string PageKey(long page) => PagePrefix + page.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads every page from actor state.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        _events.Clear();
        var count = await _state.GetStateOrDefaultAsync(CountKey, 0L, cancellationToken);
        var pages = (count + _pageSize - 1) / _pageSize;
        for (long page = 0; page < pages; page++)
        {
            var (found, events) = await _state.TryGetStateAsync<List<WorkflowEvent>>(PageKey(page), cancellationToken);
            if (!found || events is null)
            {
                throw new InvalidOperationException($"History page {page} of {pages} is missing.");
            }

            _events.AddRange(events);
        }

        if (_events.Count < count)
        {
            throw new InvalidOperationException($"The history holds {_events.Count} events, its count says {count}.");
        }

        _events.RemoveRange((int)count, _events.Count - (int)count);
        _persisted = count;
    }

    /// <summary>Adds <paramref name="e"/> in memory; <see cref="Stage"/> buffers the writes.</summary>
    public void Add(WorkflowEvent e) => _events.Add(e);

    /// <summary>Buffers writes of the pages touched since the last stage and of the count.</summary>
    public void Stage()
    {
        if (!HasUnsaved)
        {
            return;
        }

        var firstPage = _persisted / _pageSize;
        var lastPage = (_events.Count - 1) / _pageSize;
        for (var page = firstPage; page <= lastPage; page++)
        {
            var start = (int)(page * _pageSize);
            var length = Math.Min(_pageSize, _events.Count - start);
            _state.SetState(PageKey(page), _events.GetRange(start, length));
        }

        _state.SetState(CountKey, (long)_events.Count);
        _persisted = _events.Count;
    }

    /// <summary>Buffers removal of every page and the count.</summary>
    public void StageRemoval()
    {
        var pages = (_events.Count + _pageSize - 1) / _pageSize;
        for (long page = 0; page < pages; page++)
        {
            _state.RemoveState(PageKey(page));
        }

        _state.RemoveState(CountKey);
        _events.Clear();
        _persisted = 0;
    }
}
