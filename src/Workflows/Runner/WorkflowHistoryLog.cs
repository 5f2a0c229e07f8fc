using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Runner;

/// <summary>An instance's history in actor state as fixed-size pages (<c>history-page-0</c>, <c>-1</c>, ...): an append
/// rewrites only the last, partly filled page, so its cost does not grow with the history. There is no separate count:
/// loading reads pages until one is missing or partly filled. The events stay in memory for the life of the activation.</summary>
internal sealed class WorkflowHistoryLog
{
    private const string PagePrefix = "history-page-";

    private readonly IActorStateManager _state;
    private readonly int _pageSize;
    private readonly List<WorkflowEvent> _events = [];
    private int _persisted;

    public WorkflowHistoryLog(IActorStateManager state, int pageSize)
    {
        _state = state;
        _pageSize = pageSize;
    }

    /// <summary>Every event, persisted or not, in order.</summary>
    public IReadOnlyList<WorkflowEvent> Events => _events;

    public long Count => _events.Count;

    public bool HasUnsaved => _events.Count > _persisted;

    public static string PageKey(long page) => PagePrefix + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads every page from actor state.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        _events.Clear();
        for (long page = 0; ; page++)
        {
            var (found, events) = await _state.TryGetStateAsync<List<WorkflowEvent>>(PageKey(page), cancellationToken);
            if (!found || events is null)
            {
                break;
            }

            if (events.Count > _pageSize)
            {
                throw new InvalidOperationException($"History page {page} holds {events.Count} events, more than the page size {_pageSize}; the page size must not change while histories exist.");
            }

            _events.AddRange(events);
            if (events.Count < _pageSize)
            {
                break;
            }
        }

        _persisted = _events.Count;
    }

    /// <summary>Adds <paramref name="e"/> in memory; <see cref="Stage"/> buffers the writes.</summary>
    public void Add(WorkflowEvent e) => _events.Add(e);

    /// <summary>Buffers writes of the pages touched since the last stage.</summary>
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
            var start = page * _pageSize;
            _state.SetState(PageKey(page), _events.GetRange(start, Math.Min(_pageSize, _events.Count - start)));
        }

        _persisted = _events.Count;
    }

    /// <summary>Buffers removal of every page.</summary>
    public void StageRemoval()
    {
        var pages = (_events.Count + _pageSize - 1) / _pageSize;
        for (long page = 0; page < pages; page++)
        {
            _state.RemoveState(PageKey(page));
        }

        _events.Clear();
        _persisted = 0;
    }
}
