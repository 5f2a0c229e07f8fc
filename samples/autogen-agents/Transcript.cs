using System.Collections.Concurrent;

namespace AgentPlatform.Samples.AutoGen;

/// <summary>What the sample agents said, in order, for a console or a test to read; agents write to it when it is registered.</summary>
public sealed class Transcript
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Add(string line) => _lines.Enqueue(line);
}
