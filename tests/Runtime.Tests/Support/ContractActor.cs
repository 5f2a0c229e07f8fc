using System.Diagnostics;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Runtime.Tests.Support;

/// <summary>The actor every runtime contract suite drives; each method exercises one promise of the port.</summary>
public sealed class ContractActor(ActorHost host, ContractProbe probe) : Actor(host)
{
    public const string TypeName = "contract";
    public const string EchoMethod = "echo";
    public const string AddMethod = "add";
    public const string NothingMethod = "nothing";
    public const string WorkMethod = "work";
    public const string MeetMethod = "meet";
    public const string WriteTwoMethod = "write-two";
    public const string WriteTwoThenThrowMethod = "write-two-then-throw";
    public const string ReadTwoMethod = "read-two";
    public const string FailMethod = "fail";

    private const string SumKey = "sum";
    private const string FirstKey = "a";
    private const string SecondKey = "b";

    public static ActorTypeRegistration Type(ContractProbe probe) => new(TypeName, host => new ContractActor(host, probe));

    public static ActorId Address(string key) => ActorId.Create(TypeName, key);

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        switch (call.Method)
        {
            case EchoMethod:
                return ActorPayload.Read<ContractRecord>(call);
            case AddMethod:
                var sum = await StateManager.GetStateOrDefaultAsync(SumKey, 0, cancellationToken) + ActorPayload.Read<int>(call);
                StateManager.SetState(SumKey, sum);
                return sum;
            case NothingMethod:
                return null;
            case WorkMethod:
                probe.Enter();
                for (var i = 0; i < 3; i++)
                {
                    await Task.Yield();
                }

                probe.Exit();
                return probe.Turns;
            case MeetMethod:
                await probe.MeetAsync(Id.Key, ActorPayload.Read<string>(call), cancellationToken);
                return Id.Key;
            case WriteTwoMethod:
                WriteTwo(ActorPayload.Read<int>(call));
                return null;
            case WriteTwoThenThrowMethod:
                var value = ActorPayload.Read<int>(call);
                WriteTwo(value);
                throw new InvalidOperationException($"refused {value}");
            case ReadTwoMethod:
                var (_, first) = await StateManager.TryGetStateAsync<int?>(FirstKey, cancellationToken);
                var (_, second) = await StateManager.TryGetStateAsync<int?>(SecondKey, cancellationToken);
                return new ContractPair(first, second);
            case FailMethod:
                throw new InvalidOperationException(ActorPayload.Read<string>(call));
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }

    public override async ValueTask OnReminderAsync(ActorReminder reminder, CancellationToken cancellationToken) =>
        await probe.Fires.Writer.WriteAsync(new ContractReminderFire(Id.Key, reminder.Name, reminder.Data, Stopwatch.GetTimestamp()), cancellationToken);

    private void WriteTwo(int value)
    {
        StateManager.SetState(FirstKey, value);
        StateManager.SetState(SecondKey, value);
    }
}
