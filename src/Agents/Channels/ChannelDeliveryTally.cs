namespace AgentPlatform.Agents.Channels;

/// <summary>The lock-free counters behind one channel's <see cref="ChannelDeliveryFigures"/>.</summary>
/// <remarks>Recorded by every inbox for every delivery and acknowledgement, so it keeps nothing it can derive: first deliveries
/// and acknowledgements are the sample counts of their latency distributions.</remarks>
internal sealed class ChannelDeliveryTally
{
    public static readonly ChannelDeliveryFigures Empty = new ChannelDeliveryTally().Snapshot();

    private readonly LatencyTally _delivery = new();
    private readonly LatencyTally _acknowledgement = new();
    private long _redelivered;
    private long _givenUp;

    /// <summary>Adds <paramref name="redelivered"/> redeliveries and the first deliveries with their latencies.</summary>
    public void Delivered(int redelivered, ReadOnlySpan<TimeSpan> firstDeliveries)
    {
        if (redelivered > 0)
        {
            Interlocked.Add(ref _redelivered, redelivered);
        }

        _delivery.Record(firstDeliveries);
    }

    /// <summary>Adds acknowledgements with their latencies.</summary>
    public void Acknowledged(ReadOnlySpan<TimeSpan> latencies) => _acknowledgement.Record(latencies);

    public void GivenUp() => Interlocked.Increment(ref _givenUp);

    public ChannelDeliveryFigures Snapshot()
    {
        var delivery = _delivery.Snapshot();
        var acknowledgement = _acknowledgement.Snapshot();
        var acknowledged = acknowledgement.Count;
        var givenUp = Interlocked.Read(ref _givenUp);
        var settled = acknowledged + givenUp;
        return new ChannelDeliveryFigures(
            delivery.Count,
            Interlocked.Read(ref _redelivered),
            acknowledged,
            givenUp,
            settled == 0 ? null : (double)acknowledged / settled,
            delivery,
            acknowledgement);
    }

    /// <summary>Counts per power-of-two bucket of milliseconds (bucket i holds samples below 2^i ms), plus sum and maximum;
    /// the sample count is the buckets' total.</summary>
    private sealed class LatencyTally
    {
        private const int Buckets = 32;
        private readonly long[] _buckets = new long[Buckets];
        private long _sumMicroseconds;
        private long _maxMicroseconds;

        /// <summary>Adds the samples with one interlocked operation per bucket they touch, plus the sum and the maximum.</summary>
        public void Record(ReadOnlySpan<TimeSpan> latencies)
        {
            if (latencies.IsEmpty)
            {
                return;
            }

            Span<long> counts = stackalloc long[Buckets];
            long sum = 0;
            long highest = 0;
            foreach (var latency in latencies)
            {
                var microseconds = Math.Max(0, (long)latency.TotalMicroseconds);
                var milliseconds = microseconds / 1000;
                counts[(int)Math.Min(Buckets - 1, milliseconds == 0 ? 0 : 64 - long.LeadingZeroCount(milliseconds))]++;
                sum += microseconds;
                highest = Math.Max(highest, microseconds);
            }

            for (var i = 0; i < Buckets; i++)
            {
                if (counts[i] > 0)
                {
                    Interlocked.Add(ref _buckets[i], counts[i]);
                }
            }

            Interlocked.Add(ref _sumMicroseconds, sum);
            var max = Interlocked.Read(ref _maxMicroseconds);
            while (highest > max && Interlocked.CompareExchange(ref _maxMicroseconds, highest, max) != max)
            {
                max = Interlocked.Read(ref _maxMicroseconds);
            }
        }

        public LatencyFigures Snapshot()
        {
            var counts = new long[Buckets];
            for (var i = 0; i < Buckets; i++)
            {
                counts[i] = Interlocked.Read(ref _buckets[i]);
            }

            var total = counts.Sum();
            if (total == 0)
            {
                return new LatencyFigures(0, null, null, null, null);
            }

            var max = Interlocked.Read(ref _maxMicroseconds) / 1000.0;
            return new LatencyFigures(
                total, Interlocked.Read(ref _sumMicroseconds) / 1000.0 / total, Percentile(counts, total, 0.50, max), Percentile(counts, total, 0.99, max), max);
        }

        private static double Percentile(long[] counts, long total, double quantile, double max)
        {
            var rank = (long)Math.Ceiling(total * quantile);
            long seen = 0;
            for (var i = 0; i < counts.Length; i++)
            {
                seen += counts[i];
                if (seen >= rank)
                {
                    return Math.Min(max, Math.Pow(2, i));
                }
            }

            return max;
        }
    }
}
