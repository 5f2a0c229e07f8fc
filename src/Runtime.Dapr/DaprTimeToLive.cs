using System.Globalization;

namespace AgentPlatform.Runtime.Dapr;

/// <summary>The <c>ttlInSeconds</c> metadata Dapr's state and pub/sub APIs read.</summary>
internal static class DaprTimeToLive
{
    /// <summary>The metadata key.</summary>
    public const string MetadataKey = "ttlInSeconds";

    /// <summary><paramref name="ttl"/> rounded up to whole seconds (Dapr's unit), at least one.</summary>
    public static string Seconds(TimeSpan ttl) =>
        Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
