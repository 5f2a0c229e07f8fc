namespace AgentPlatform.Agents.Registry;

/// <summary>Keeps the first <c>limit</c> of the items offered in the order of a comparison, and counts every offer.</summary>
/// <remarks>Insertion into a short sorted list: an item that does not beat the last kept one costs one comparison.</remarks>
/// <param name="limit">The most items kept.</param>
/// <param name="expected">How many items are likely to be kept, to size the list for (it grows past it when needed).</param>
/// <param name="comparison">The order, best first.</param>
internal sealed class TopList<T>(int limit, int expected, Comparison<T> comparison)
{
    private readonly List<T> _kept = new(Math.Min(limit, expected));

    /// <summary>How many items were offered.</summary>
    public int Offered { get; private set; }

    public void Offer(T item)
    {
        Offered++;
        if (_kept.Count == limit && comparison(item, _kept[^1]) >= 0)
        {
            return;
        }

        var at = _kept.Count;
        while (at > 0 && comparison(item, _kept[at - 1]) < 0)
        {
            at--;
        }

        if (_kept.Count == limit)
        {
            _kept.RemoveAt(_kept.Count - 1);
        }

        _kept.Insert(at, item);
    }

    /// <summary>The kept items, best first.</summary>
    public List<T> Kept => _kept;
}
