using AgentPlatform.Llm.Agents;
using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Llm.Tests.Agents;

/// <summary>An actor runtime holding only the LLM agent directory, answering its list call with fixed agents and counting the reads.</summary>
internal sealed class RecordingDirectoryRuntime(Dictionary<string, StoredLlmAgent> registered) : IActorRuntime, IActorCallsInFlight
{
    private int _reads;

    public int DirectoryReads => Volatile.Read(ref _reads);

    public bool PassesObjects => true;

    public IActorCallsInFlight CallsInFlight => this;

    public DateTimeOffset StartedAt => throw new NotSupportedException("Only the directory's list call is answered, not the start time.");

    public ValueTask<TResult> InvokeAsync<TRequest, TResult>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default)
    {
        Assert.Equal((LlmAgentDirectoryActor.Address, LlmAgentDirectoryActor.ListMethod), (id, method));
        Interlocked.Increment(ref _reads);
        return ValueTask.FromResult((TResult)(object)new Dictionary<string, StoredLlmAgent>(registered, StringComparer.Ordinal));
    }

    public ValueTask PostAsync<TRequest>(ActorId id, string method, TRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Only the directory's list call is answered, not a post of {method}.");

    public bool IsRegistered(string actorType) => actorType == LlmAgentDirectoryActor.TypeName;

    public long Count(string actorType) => 0;

    public Task NextEnd() => Task.Delay(Timeout.Infinite);
}
