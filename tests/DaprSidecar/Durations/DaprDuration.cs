using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentPlatform.DaprSidecar.Durations;

/// <summary>Parses the duration and time formats daprd accepts for reminders and timers: Go durations (<c>1h30m</c>,
/// <c>0h0m5s0ms</c> as the .NET SDK writes them), ISO 8601 durations (<c>PT1M30S</c>, with an optional <c>R&lt;n&gt;/</c>
/// repetition prefix for periods) and RFC 3339 times.</summary>
internal static partial class DaprDuration
{
    // Y, M (month), W and D have no fixed length; like dapr/kit this double counts a year as 365 days and a month as 30.
    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();

    /// <summary>Parses a Go duration such as <c>90s</c>, <c>1h30m</c>, <c>1.5s</c> or <c>0</c>.</summary>
    public static bool TryParseGo(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var rest = text.AsSpan();
        var negative = false;
        if (!rest.IsEmpty && rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest is "0")
        {
            return true;
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        double ticks = 0;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
            {
                unitLength++;
            }

            double? ticksPerUnit = rest[..unitLength] switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (ticksPerUnit is null)
            {
                return false;
            }

            ticks += number * ticksPerUnit.Value;
            rest = rest[unitLength..];
        }

        value = TimeSpan.FromTicks((long)(negative ? -ticks : ticks));
        return true;
    }

    /// <summary>Parses an ISO 8601 duration without repetitions (<c>PT10S</c>, <c>P1DT2H</c>).</summary>
    /// <param name="text">The duration text.</param>
    /// <param name="value">The parsed length.</param>
    /// <param name="hasCalendarUnits">Whether Y, M (months), W or D were used, which the Scheduler refuses in reminder periods.</param>
    public static bool TryParseIso8601(string text, out TimeSpan value, out bool hasCalendarUnits)
    {
        value = TimeSpan.Zero;
        hasCalendarUnits = false;
        var match = Iso8601().Match(text);
        if (!match.Success || text is "P" || text.EndsWith('T'))
        {
            return false;
        }

        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var days = (Part("y") * 365) + (Part("mo") * 30) + (Part("w") * 7) + Part("d");
        hasCalendarUnits = days > 0 || match.Groups["y"].Success || match.Groups["mo"].Success || match.Groups["w"].Success || match.Groups["d"].Success;
        value = TimeSpan.FromDays(days) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("mi")) + TimeSpan.FromSeconds(Part("s"));
        return true;
    }

    /// <summary>Parses a relative duration in either the Go or the ISO 8601 form.</summary>
    public static bool TryParseRelative(string text, bool allowCalendarUnits, out TimeSpan value)
    {
        if (TryParseGo(text, out value))
        {
            return value >= TimeSpan.Zero;
        }

        return TryParseIso8601(text, out value, out var calendar) && (allowCalendarUnits || !calendar);
    }

    /// <summary>Resolves a due time or ttl: empty means <paramref name="relativeTo"/>, a duration counts from it, and an
    /// RFC 3339 time is taken as is.</summary>
    public static bool TryResolveTime(string? text, DateTimeOffset relativeTo, out DateTimeOffset value)
    {
        value = relativeTo;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (TryParseRelative(text, allowCalendarUnits: true, out var offset))
        {
            value = relativeTo + offset;
            return true;
        }

        return text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>Parses a reminder or timer period: a Go duration, or an ISO 8601 duration with an optional <c>R&lt;n&gt;/</c>
    /// prefix. Empty means "fire once".</summary>
    /// <param name="text">The period text.</param>
    /// <param name="allowCalendarUnits">False for reminders (daprd's Scheduler refuses Y, M, W and D), true for timers.</param>
    /// <param name="period">The parsed period, or null for a one-shot.</param>
    /// <param name="error">Why the text was refused.</param>
    public static bool TryParsePeriod(string? text, bool allowCalendarUnits, out DaprPeriod? period, out string error)
    {
        period = null;
        error = "";
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        int? repetitions = null;
        var body = text;
        if (text.StartsWith('R'))
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !int.TryParse(text.AsSpan(1, slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                error = $"unsupported period format: {text} (repetitions must be R<n>/ with n > 0)";
                return false;
            }

            repetitions = count;
            body = text[(slash + 1)..];
        }

        if (TryParseGo(body, out var interval) && repetitions is null)
        {
            if (interval <= TimeSpan.Zero)
            {
                error = $"unsupported period format: {text} (must be positive)";
                return false;
            }

            period = new DaprPeriod(interval, null);
            return true;
        }

        if (!TryParseIso8601(body, out interval, out var calendar) || interval <= TimeSpan.Zero)
        {
            error = $"unsupported period format: {text}";
            return false;
        }

        if (calendar && !allowCalendarUnits)
        {
            error = $"unsupported period format: {text} (reminder periods cannot use Y, M, W or D; use hours, e.g. PT48H)";
            return false;
        }

        period = new DaprPeriod(interval, repetitions);
        return true;
    }
}
