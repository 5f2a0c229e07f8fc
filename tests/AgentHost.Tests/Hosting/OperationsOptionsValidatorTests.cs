using AgentPlatform.AgentHost.Backups;
using AgentPlatform.AgentHost.Health;
using AgentPlatform.AgentHost.Telemetry;

namespace AgentPlatform.AgentHost.Tests.Hosting;

public sealed class OperationsOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new BackupOptionsValidator().Validate(null, new BackupOptions()).Succeeded);
        Assert.True(new HealthOptionsValidator().Validate(null, new HealthOptions()).Succeeded);
        Assert.True(new TelemetryOptionsValidator().Validate(null, new TelemetryOptions()).Succeeded);
    }

    [Fact]
    public void Backup_options_report_every_problem_at_once()
    {
        var result = new BackupOptionsValidator().Validate(null, new BackupOptions { Interval = TimeSpan.Zero, Keep = 0 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Backups:Interval", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Backups:Keep", StringComparison.Ordinal));
    }

    [Fact]
    public void Health_bounds_must_be_positive()
    {
        var result = new HealthOptionsValidator().Validate(null, new HealthOptions
        {
            SqliteWriteBound = TimeSpan.Zero,
            GroupCommitStuckAfter = TimeSpan.FromSeconds(-1),
            ReminderOverdueBound = TimeSpan.FromHours(1),
        });

        Assert.Equal(3, result.Failures!.Count());
    }

    [Theory]
    [InlineData("http://collector:4317", true)]
    [InlineData("https://collector:4318", true)]
    [InlineData("collector:4317", false)]
    [InlineData("ftp://collector", false)]
    public void Otlp_endpoint_must_be_an_absolute_http_url(string endpoint, bool valid) =>
        Assert.Equal(valid, new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { OtlpEndpoint = endpoint }).Succeeded);

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.1, true)]
    [InlineData(1.0, true)]
    [InlineData(1.5, false)]
    [InlineData(double.NaN, false)]
    public void Trace_sample_ratio_must_be_between_0_and_1(double ratio, bool valid) =>
        Assert.Equal(valid, new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { TraceSampleRatio = ratio }).Succeeded);
}
