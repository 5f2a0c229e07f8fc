using AgentPlatform.DaprSidecar.Durations;

namespace AgentPlatform.DaprSidecar.Tests.Durations;

/// <summary>The duration formats daprd accepts for reminders and timers.</summary>
public sealed class DaprDurationTests
{
    [Theory]
    [InlineData("0h0m5s0ms", 5_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    [InlineData("PT1M30S", 90_000)]
    [InlineData("P1DT2H", 93_600_000)]
    public void Relative_durations_parse_in_the_Go_and_ISO_8601_forms(string text, long milliseconds)
    {
        Assert.True(DaprDuration.TryParseRelative(text, allowCalendarUnits: true, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("-5s")]
    public void Nonsense_is_not_a_duration(string text)
    {
        Assert.False(DaprDuration.TryParseRelative(text, allowCalendarUnits: true, out _));
    }

    [Fact]
    public void A_reminder_period_takes_repetitions_and_refuses_calendar_units_like_the_Scheduler()
    {
        Assert.True(DaprDuration.TryParsePeriod("R3/PT10S", allowCalendarUnits: false, out var repeated, out _));
        Assert.Equal(new DaprPeriod(TimeSpan.FromSeconds(10), 3), repeated);
        Assert.True(DaprDuration.TryParsePeriod("48h", allowCalendarUnits: false, out var go, out _));
        Assert.Equal(new DaprPeriod(TimeSpan.FromHours(48), null), go);

        Assert.False(DaprDuration.TryParsePeriod("P2D", allowCalendarUnits: false, out _, out var calendar));
        Assert.Contains("PT48H", calendar, StringComparison.Ordinal);
        Assert.False(DaprDuration.TryParsePeriod("R0/PT1S", allowCalendarUnits: false, out _, out _));
        Assert.False(DaprDuration.TryParsePeriod("R2/5s", allowCalendarUnits: false, out _, out _));
    }

    [Fact]
    public void A_timer_period_accepts_calendar_units()
    {
        Assert.True(DaprDuration.TryParsePeriod("P1W", allowCalendarUnits: true, out var period, out _));
        Assert.Equal(TimeSpan.FromDays(7), period!.Interval);
    }

    [Fact]
    public void A_due_time_is_relative_to_now_or_an_RFC_3339_time()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.True(DaprDuration.TryResolveTime("90s", now, out var relative));
        Assert.True(DaprDuration.TryResolveTime("2026-12-24T18:00:00Z", now, out var absolute));
        Assert.True(DaprDuration.TryResolveTime("", now, out var empty));

        Assert.Equal(now.AddSeconds(90), relative);
        Assert.Equal(new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero), absolute);
        Assert.Equal(now, empty);
    }
}
