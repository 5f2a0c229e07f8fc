using Dapr.Actors;

namespace AgentPlatform.DaprSidecar.Tests.Actors;

/// <summary>The test actor's methods, called through the non-remoting proxy by name.</summary>
public interface ICounterActor : IActor
{
    Task<int> Increment(int by);

    Task<int> Get();

    Task<string> Replica();

    Task StartTicking(int periodMilliseconds);

    Task Remind(ReminderSpec spec);

    Task Hold();

    Task Fail();
}
