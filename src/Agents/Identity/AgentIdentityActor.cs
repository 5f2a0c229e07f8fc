using AgentPlatform.Runtime.Actors;

namespace AgentPlatform.Agents.Identity;

/// <summary>One agent's identity: its profile and the hashes of its current API keys.</summary>
/// <remarks>Turn-based, so an update, a rotation and a revocation of one agent never interleave.</remarks>
internal sealed class AgentIdentityActor(ActorHost host) : Actor(host)
{
    public const string TypeName = "agent-identity";
    public const string Create = "create";
    public const string Get = "get";
    public const string Update = "update";
    public const string Keys = "keys";
    public const string Rotate = "rotate";
    public const string Revoke = "revoke";
    public const string Delete = "delete";

    private const string ProfileKey = "profile";
    private const string KeysKey = "keys";

    public override async ValueTask<object?> OnInvokeAsync(ActorCall call, CancellationToken cancellationToken)
    {
        var (found, profile) = await StateManager.TryGetStateAsync<AgentProfile>(ProfileKey, cancellationToken);
        switch (call.Method)
        {
            case Create:
                if (found)
                {
                    return false;
                }

                var created = ActorPayload.Read<AgentIdentityRecord>(call);
                StateManager.SetState(ProfileKey, created.Profile);
                StateManager.SetState(KeysKey, created.Keys);
                return true;
            case Get:
                return found ? profile : null;
            case Update:
                if (!found)
                {
                    return null;
                }

                var updated = ActorPayload.Read<AgentProfileUpdate>(call).ApplyTo(profile!);
                StateManager.SetState(ProfileKey, updated);
                return updated;
            case Keys:
                return found ? await StateManager.GetStateOrDefaultAsync<IReadOnlyList<ApiKeyRecord>>(KeysKey, [], cancellationToken) : null;
            case Rotate:
                if (!found)
                {
                    return false;
                }

                StateManager.SetState<IReadOnlyList<ApiKeyRecord>>(KeysKey, [ActorPayload.Read<ApiKeyRecord>(call)]);
                return true;
            case Revoke:
                if (!found)
                {
                    return false;
                }

                StateManager.SetState<IReadOnlyList<ApiKeyRecord>>(KeysKey, []);
                return true;
            case Delete:
                if (!found)
                {
                    return null;
                }

                StateManager.RemoveState(ProfileKey);
                StateManager.RemoveState(KeysKey);
                return profile;
            default:
                throw new ActorMethodNotFoundException(Id, call.Method);
        }
    }
}
