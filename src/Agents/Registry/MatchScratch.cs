namespace AgentPlatform.Agents.Registry;

/// <summary>Per-thread score sums of one match, indexed by agent slot, with the list of slots touched so only those are reset.</summary>
internal sealed class MatchScratch
{
    [ThreadStatic]
    private static MatchScratch? _current;

    private double[] _sums = [];
    private int[] _marks = [];
    private readonly List<int> _touched = [];
    private int _generation;

    /// <summary>The slots that got a sum in this match, in the order they were first touched.</summary>
    public List<int> Touched => _touched;

    /// <summary>This thread's scratch, cleared and sized for <paramref name="slots"/> slots.</summary>
    public static MatchScratch For(int slots)
    {
        var scratch = _current ??= new MatchScratch();
        if (scratch._sums.Length < slots)
        {
            var size = Math.Max(slots, scratch._sums.Length * 2);
            scratch._sums = new double[size];
            scratch._marks = new int[size];
        }

        scratch._touched.Clear();
        if (++scratch._generation == int.MaxValue)
        {
            Array.Clear(scratch._marks);
            scratch._generation = 1;
        }

        return scratch;
    }

    /// <summary>Adds <paramref name="value"/> to the sum of <paramref name="slot"/>.</summary>
    public void Add(int slot, double value)
    {
        if (_marks[slot] != _generation)
        {
            _marks[slot] = _generation;
            _sums[slot] = value;
            _touched.Add(slot);
        }
        else
        {
            _sums[slot] += value;
        }
    }

    /// <summary>The sum of <paramref name="slot"/> in this match.</summary>
    public double Sum(int slot) => _sums[slot];
}
