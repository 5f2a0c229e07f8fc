using AgentPlatform.Grpc.V1;

namespace AgentPlatform.Client;

public sealed partial class AgentPlatformClient
{
    /// <summary>Registers a new agent and from then on sends its key; the key is shown only here, keep it.</summary>
    /// <exception cref="Errors.AgentPlatformValidationException">A field is invalid (the exception names it).</exception>
    /// <exception cref="Errors.AgentPlatformConflictException">The name is taken.</exception>
    public async Task<RegisterResponse> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var registered = await InvokeAsync(_agents.RegisterAsync(request, Call(cancellationToken)), cancellationToken);
        _apiKey = registered.ApiKey;
        return registered;
    }

    /// <summary>The calling agent's profile.</summary>
    public Task<AgentView> GetMeAsync(CancellationToken cancellationToken = default) =>
        InvokeAsync(_agents.GetMeAsync(new GetMeRequest(), Call(cancellationToken)), cancellationToken);

    /// <summary>Changes the fields of the profile that are set in <paramref name="request"/>.</summary>
    public Task<AgentView> UpdateMeAsync(UpdateMeRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync(_agents.UpdateMeAsync(request, Call(cancellationToken)), cancellationToken);

    /// <summary>Keeps the agent online, optionally declaring a status; the answer carries the interval the host expects.</summary>
    public Task<HeartbeatResponse> HeartbeatAsync(DeclaredStatus status = DeclaredStatus.Unspecified, CancellationToken cancellationToken = default) =>
        InvokeAsync(_agents.HeartbeatAsync(new HeartbeatRequest { Status = status }, Call(cancellationToken)), cancellationToken);

    /// <summary>Issues a new key and switches to it; the old one stops working at once.</summary>
    public async Task<string> RotateKeyAsync(CancellationToken cancellationToken = default)
    {
        var rotated = await InvokeAsync(_agents.RotateKeyAsync(new RotateKeyRequest(), Call(cancellationToken)), cancellationToken);
        _apiKey = rotated.ApiKey;
        return rotated.ApiKey;
    }
}
