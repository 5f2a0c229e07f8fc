using System.Globalization;
using AgentPlatform.Runtime.Actors;
using AgentPlatform.Workflows.History;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>An instance's history in actor state as full pages (<c>history-page-0</c>, <c>-1</c>, ...) followed by a
/// chain of chunks (<c>history-chunk-{sequence of the chunk's first event}</c>) holding the events after the last full
/// page. An append writes only its new events as one chunk; the append that fills a page writes the page once and
/// removes that page's chunks in the same commit, so every event is serialized about twice in total and loading reads
/// one key per page plus fewer than a page's worth of chunks. The events stay in memory for the life of the activation.</summary>
/// <remarks>Every commit leaves the pages and the chain consistent: a crash between commits loses nothing that was
/// committed. A partly filled last page (written by the earlier layout) is loaded too: the chain starts after it and the
/// page is rewritten whole when it fills.</remarks>
internal sealed class WorkflowHistoryLog
{
    private const string PagePrefix = "history-page-";
    private const string ChunkPrefix = "history-chunk-";

    private readonly IActorStateManager _state;
    private readonly int _pageSize;
    private readonly List<WorkflowEvent> _events = [];
    private readonly List<string> _chunks = [];
    private int _persisted;

    // Events held in pages (a multiple of the page size, unless an earlier layout left the last page partly filled).
    private int _paged;

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

    public static string ChunkKey(long firstSequence) => ChunkPrefix + firstSequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads every page, then the chain of chunks after them.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        Forget();
        for (long page = 0; ; page++)
        {
            var (found, events) = await _state.TryGetStateAsync<WorkflowEventBatch>(PageKey(page), cancellationToken);
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

        _paged = _events.Count;
        while (true)
        {
            var key = ChunkKey(_events.Count + 1L);
            var (found, events) = await _state.TryGetStateAsync<WorkflowEventBatch>(key, cancellationToken);
            if (!found || events is null || events.Count == 0)
            {
                break;
            }

            _chunks.Add(key);
            _events.AddRange(events);
        }

        _persisted = _events.Count;
    }

    /// <summary>Drops the events held in memory, as for an instance with no stored history.</summary>
    public void Forget()
    {
        _events.Clear();
        _chunks.Clear();
        _persisted = 0;
        _paged = 0;
    }

    /// <summary>Adds <paramref name="e"/> in memory; <see cref="Stage"/> buffers the writes.</summary>
    public void Add(WorkflowEvent e) => _events.Add(e);

    /// <summary>Buffers the writes of the events added since the last stage: one chunk, or the pages they fill.</summary>
    public void Stage()
    {
        if (!HasUnsaved)
        {
            return;
        }

        var full = _events.Count / _pageSize * _pageSize;
        if (full <= _paged)
        {
            AddChunk(_persisted, _events.Count);
            _persisted = _events.Count;
            return;
        }

        for (var page = _paged / _pageSize; page < full / _pageSize; page++)
        {
            _state.SetState(PageKey(page), new WorkflowEventBatch(_events.GetRange(page * _pageSize, _pageSize)));
        }

        foreach (var chunk in _chunks)
        {
            _state.RemoveState(chunk);
        }

        _chunks.Clear();
        _paged = full;
        if (_events.Count > full)
        {
            AddChunk(full, _events.Count);
        }

        _persisted = _events.Count;
    }

    /// <summary>Buffers removal of every page and chunk.</summary>
    public void StageRemoval()
    {
        var pages = (_paged + _pageSize - 1) / _pageSize;
        for (long page = 0; page < pages; page++)
        {
            _state.RemoveState(PageKey(page));
        }

        foreach (var chunk in _chunks)
        {
            _state.RemoveState(chunk);
        }

        _chunks.Clear();
        _events.Clear();
        _persisted = 0;
        _paged = 0;
    }

    private void AddChunk(int start, int end)
    {
        var key = ChunkKey(start + 1L);
        _state.SetState(key, new WorkflowEventBatch(_events.GetRange(start, end - start)));
        _chunks.Add(key);
    }
}
