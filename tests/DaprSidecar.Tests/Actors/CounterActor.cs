using System.Text;
using AgentPlatform.DaprSidecar.Tests.Support;
using Dapr.Actors.Runtime;

namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>A Dapr.Actors actor that counts in its state and records every activation, turn, timer tick, reminder and
/// deactivation, so tests can see what the double delivered.</summary>
[Actor(TypeName = TypeName)]
public sealed class CounterActor(ActorHost host, Recorder recorder, ReplicaName replica, Gate gate) : Actor(host), ICounterActor, IRemindable
{
    public const string TypeName = "counter";
    private const string CountKey = "count";

    public async Task<int> Increment(int by)
    {
        recorder.Add($"enter:{Id}");
        // Long enough that overlapping turns would interleave their entries.
        await Task.Delay(20);
        var count = await CountAsync() + by;
        await StateManager.SetStateAsync(CountKey, count);
        recorder.Add($"exit:{Id}");
        return count;
    }

    public Task<int> Get() => CountAsync();

    public Task<string> Replica() => Task.FromResult(replica.Value);

    public Task StartTicking(int periodMilliseconds) =>
        RegisterTimerAsync("tick", nameof(OnTickAsync), Encoding.UTF8.GetBytes("tock"), TimeSpan.Zero, TimeSpan.FromMilliseconds(periodMilliseconds));

    public Task Remind(ReminderSpec spec) => spec.Repetitions is { } times
        ? RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), TimeSpan.FromMilliseconds(spec.DueMilliseconds), TimeSpan.FromMilliseconds(spec.PeriodMilliseconds), times)
        : RegisterReminderAsync(spec.Name, Encoding.UTF8.GetBytes(spec.Data), TimeSpan.FromMilliseconds(spec.DueMilliseconds), TimeSpan.FromMilliseconds(spec.PeriodMilliseconds));

    public async Task Hold()
    {
        recorder.Add($"hold:{Id}");
        await gate.WaitAsync();
        recorder.Add($"release:{Id}");
    }

    public Task Fail() => throw new InvalidOperationException("the actor refused");

    public async Task OnTickAsync(byte[] data)
    {
        await StateManager.SetStateAsync(CountKey, await CountAsync() + 1);
        recorder.Add($"tick:{Id}:{Encoding.UTF8.GetString(data)}:{replica.Value}");
    }

    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        await StateManager.SetStateAsync(CountKey, await CountAsync() + 1);
        recorder.Add($"remind:{Id}:{reminderName}:{Encoding.UTF8.GetString(state)}:{replica.Value}");
    }

    private async Task<int> CountAsync()
    {
        var count = await StateManager.TryGetStateAsync<int>(CountKey);
        return count.HasValue ? count.Value : 0;
    }

    protected override Task OnActivateAsync()
    {
        recorder.Add($"activate:{Id}:{replica.Value}");
        return Task.CompletedTask;
    }

    protected override Task OnDeactivateAsync()
    {
        recorder.Add($"deactivate:{Id}:{replica.Value}");
        return Task.CompletedTask;
    }
}
