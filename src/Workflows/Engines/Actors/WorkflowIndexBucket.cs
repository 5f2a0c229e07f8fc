using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Engines.Actors;

/// <summary>One bucket of an index shard (<see cref="WorkflowIndexActor"/>): its summaries by instance id, and their ids in pages of
/// at most <see cref="PageSize"/>, so adding or removing an instance changes one page, whatever the bucket holds.</summary>
/// <remarks>A new id goes to the first page with room, so pages emptied by removals fill again and the page count follows the
/// number of ids, not the number ever added. Only trailing pages are dropped when they empty, so stored pages have no gaps. A page
/// loaded as stored by an earlier version (all of a bucket's ids in one list) may hold more than <see cref="PageSize"/>; it only
/// shrinks.</remarks>
internal sealed class WorkflowIndexBucket
{
    /// <summary>The most ids a page takes.</summary>
    public const int PageSize = 64;

    private readonly List<List<string>> _pages;
    private readonly Dictionary<string, int> _pageOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstanceSummary> _entries = new(StringComparer.Ordinal);

    /// <summary>A bucket with the stored <paramref name="pages"/> of ids; their summaries are then given with <see cref="Add"/>.</summary>
    public WorkflowIndexBucket(IEnumerable<IReadOnlyList<string>> pages)
    {
        // Copies: the bucket changes its pages, and the lists it is given may be a state manager's cached values.
        _pages = [.. pages.Select(page => new List<string>(page))];
        for (var page = 0; page < _pages.Count; page++)
        {
            foreach (var id in _pages[page])
            {
                _pageOf[id] = page;
            }
        }
    }

    /// <summary>The summaries of this bucket by instance id.</summary>
    public IReadOnlyDictionary<string, WorkflowInstanceSummary> Entries => _entries;

    /// <summary>The pages that exist.</summary>
    public int PageCount => _pages.Count;

    /// <summary>The ids of <paramref name="page"/>.</summary>
    public IReadOnlyList<string> Page(int page) => _pages[page];

    /// <summary>Sets the summary of <paramref name="summary"/>'s instance and adds its id when not held yet; answers the page that
    /// holds the id (which changed only when the id was new).</summary>
    public int Add(WorkflowInstanceSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var id = summary.InstanceId.Value;
        _entries[id] = summary;
        if (_pageOf.TryGetValue(id, out var held))
        {
            return held;
        }

        var page = _pages.FindIndex(p => p.Count < PageSize);
        if (page < 0)
        {
            page = _pages.Count;
            _pages.Add([]);
        }

        _pages[page].Add(id);
        _pageOf[id] = page;
        return page;
    }

    /// <summary>Removes <paramref name="instanceId"/>; answers the pages that changed (the one it was on, and any trailing pages
    /// dropped after it emptied), or none when the bucket did not hold it.</summary>
    public IReadOnlyList<int> Remove(string instanceId)
    {
        if (!_pageOf.Remove(instanceId, out var page))
        {
            return [];
        }

        _entries.Remove(instanceId);
        _pages[page].Remove(instanceId);
        var changed = new List<int> { page };
        for (var last = _pages.Count - 1; last >= 0 && _pages[last].Count == 0; last--)
        {
            _pages.RemoveAt(last);
            if (last != page)
            {
                changed.Add(last);
            }
        }

        return changed;
    }

    /// <summary>Whether <paramref name="page"/> still exists (a removal may have dropped it).</summary>
    public bool HasPage(int page) => page < _pages.Count;
}
