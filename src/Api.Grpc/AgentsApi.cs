using System.Text.Json;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using AgentPlatform.Grpc.V1;
using Grpc.Core;
using WireDeclaredStatus = AgentPlatform.Grpc.V1.DeclaredStatus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentPlatform.Api.Grpc;

/// <summary>agentplatform.v1.Agents: registration, the caller's profile, heartbeats and key rotation, with the HTTP API's rules.</summary>
public sealed class AgentsApi(
    IAgentIdentityStore store, IAgentPresence presence, IOptions<AgentLivenessOptions> liveness, RegistrationRateLimiter registrations,
    ILogger<AgentsApi> logger)
    : AgentService.AgentServiceBase
{
    /// <inheritdoc/>
    public override async Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (registrations.TryAcquire(context.GetHttpContext().Connection.RemoteIpAddress) is { } retryAfter)
        {
            throw GrpcErrors.RateLimited(retryAfter, "Too many registrations from this address; agents register once and keep their key.");
        }

        var description = request.HasDescription ? request.Description : null;
        var emoji = request.HasEmoji ? request.Emoji : null;
        var capabilities = request.Capabilities.ToDictionary(StringComparer.Ordinal);
        int? maxTasks = request.HasMaxConcurrentTasks ? request.MaxConcurrentTasks : null;
        var errors = new List<FieldError>();
        var interval = AgentRegistrationInput.Validate(
            request.Name, description, emoji, capabilities, maxTasks,
            request.HasHeartbeatIntervalSeconds ? request.HeartbeatIntervalSeconds : null, liveness.Value, errors);
        var role = AgentRoleInput.Parse(request.HasRole ? request.Role : null, errors);
        GrpcErrors.ThrowIfInvalid(errors);

        RegisteredAgent registered;
        try
        {
            registered = await store.RegisterAsync(new AgentRegistration(request.Name, description ?? string.Empty, emoji, capabilities, role), context.CancellationToken);
        }
        catch (AgentNameTakenException e)
        {
            throw GrpcErrors.AlreadyExists($"The name '{e.Name}' is already taken.");
        }

        Log.AgentRegistered(logger, registered.Profile.Id, registered.Profile.Name);
        var declaration = new AgentDeclaration(registered.Profile.Capabilities, maxTasks, interval is not null, interval, SetRole: true, role);
        var current = await presence.DeclareAsync(registered.Profile.Id, declaration, context.CancellationToken);
        return new RegisterResponse { Agent = WireViews.Agent(registered.Profile, current), ApiKey = registered.ApiKey };
    }

    /// <inheritdoc/>
    public override async Task<AgentView> GetMe(GetMeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var profile = await store.GetAsync(caller.AgentId, context.CancellationToken) ?? throw CallerGone();
        return WireViews.Agent(profile, await presence.GetAsync(caller.AgentId, context.CancellationToken));
    }

    /// <inheritdoc/>
    public override async Task<AgentView> UpdateMe(UpdateMeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var errors = new List<FieldError>();
        using var patchBody = JsonDocument.Parse(PatchJson(request));
        if (AgentProfilePatch.Read(patchBody.RootElement, liveness.Value, errors) is not var (update, declaration))
        {
            throw GrpcErrors.Validation(errors);
        }

        var profile = await store.UpdateAsync(caller.AgentId, update, context.CancellationToken) ?? throw CallerGone();
        return WireViews.Agent(profile, await presence.DeclareAsync(caller.AgentId, declaration, context.CancellationToken));
    }

    /// <inheritdoc/>
    public override async Task<HeartbeatResponse> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        AgentPresence current;
        if (request.Status == WireDeclaredStatus.Unspecified)
        {
            current = await presence.HeartbeatAsync(caller.AgentId, context.CancellationToken);
        }
        else if (DeclaredName(request.Status) is { } name && AgentStatusNames.TryParseDeclared(name, out var declared))
        {
            current = await presence.ReportStatusAsync(caller.AgentId, declared, context.CancellationToken);
        }
        else
        {
            throw GrpcErrors.Validation("status", $"must be {AgentStatusNames.Declarable}");
        }

        var interval = current.HeartbeatInterval ?? liveness.Value.HeartbeatInterval;
        return new HeartbeatResponse
        {
            Status = AgentStatusNames.Of(current.Status),
            LastHeartbeat = current.LastHeartbeat is { } last ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(last) : null,
            NextHeartbeatDue = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(current.NextHeartbeatDue),
            IntervalSeconds = interval.TotalSeconds,
        };
    }

    /// <inheritdoc/>
    public override async Task<RotateKeyResponse> RotateKey(RotateKeyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.GetAgentCaller();
        var key = await store.RotateKeyAsync(caller.AgentId, context.CancellationToken) ?? throw CallerGone();
        Log.KeyRotated(logger, caller.AgentId);
        return new RotateKeyResponse { ApiKey = key };
    }

    private static RpcException CallerGone() => GrpcErrors.NotFound("The calling agent no longer exists.");

    private static string? DeclaredName(WireDeclaredStatus status) => status switch
    {
        WireDeclaredStatus.Idle => "idle",
        WireDeclaredStatus.Busy => "busy",
        WireDeclaredStatus.Waiting => "waiting",
        _ => null,
    };

    /// <summary>The set fields of an update as the JSON body of <c>PATCH /agents/me</c>, so both APIs read a change with
    /// one reader (<see cref="AgentProfilePatch"/>).</summary>
    private static byte[] PatchJson(UpdateMeRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (request.HasDescription)
            {
                json.WriteString("description", request.Description);
            }

            if (request.HasEmoji)
            {
                json.WriteString("emoji", request.Emoji);
            }

            if (request.Capabilities is { } capabilities)
            {
                json.WriteStartObject("capabilities");
                foreach (var (name, proficiency) in capabilities.Values)
                {
                    WriteNumber(json, name, proficiency);
                }

                json.WriteEndObject();
            }

            if (request.HasRole)
            {
                if (request.Role.Length == 0)
                {
                    json.WriteNull(AgentRoleInput.Field);
                }
                else
                {
                    json.WriteString(AgentRoleInput.Field, request.Role);
                }
            }

            if (request.HasMaxConcurrentTasks)
            {
                json.WriteNumber(AgentWorkInput.MaxConcurrentTasksField, request.MaxConcurrentTasks);
            }

            if (request.HasHeartbeatIntervalSeconds)
            {
                WriteNumber(json, AgentWorkInput.HeartbeatIntervalField, request.HeartbeatIntervalSeconds);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>JSON has no NaN or infinity; such a value goes as text, which the reader rejects naming the field.</summary>
    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteString(name, "not a finite number");
        }
    }
}
