using AgentPlatform.Runtime.Dapr.Reminders;

namespace AgentPlatform.Runtime.Dapr.Tests.Reminders;

public sealed class ReminderFormatTests
{
    [Theory]
    [InlineData(0, "0h0m0s0ms")]
    [InlineData(1_500, "0h0m1s500ms")]
    [InlineData(90_000, "0h1m30s0ms")]
    [InlineData(2L * 24 * 3600 * 1000 + 1000, "48h0m1s0ms")]
    public void Periods_are_go_durations_in_hours_never_days(long milliseconds, string expected)
    {
        var text = DaprReminderService.GoDuration(TimeSpan.FromMilliseconds(milliseconds));

        Assert.Equal(expected, text);
        Assert.DoesNotContain('d', text);
        Assert.DoesNotContain('D', text);
    }

    [Fact]
    public void The_envelope_keeps_the_registration_exactly()
    {
        var data = System.Text.Json.JsonDocument.Parse("""{"n":1}""").RootElement.Clone();
        var envelope = new ReminderEnvelope(TimeSpan.FromMilliseconds(1500), TimeSpan.FromDays(3), data);

        var read = ReminderEnvelope.Read(envelope.ToBytes());

        Assert.Equal((envelope.DueTime, envelope.Period), (read.DueTime, read.Period));
        Assert.Equal(1, read.Data?.GetProperty("n").GetInt32());
        Assert.Throws<FormatException>(() => ReminderEnvelope.Read("not json"u8));
    }
}
