using System.Globalization;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Identity;
using AgentPlatform.Agents.Liveness;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Agent identity and liveness: registration, own profile, heartbeats, keys, listing and admin operations.</summary>
public static class AgentEndpoints
{
    private const int DefaultListLimit = 50;
    private const int MaxListLimit = 200;

    /// <summary>How many agents one filtered list request examines at most; a selective filter over a large directory
    /// returns a short (even empty) page with a cursor instead of scanning the whole directory in one request.</summary>
    private const int MaxExaminedPerPage = 1000;

    /// <summary>Maps <c>/api/v1/agents</c>.</summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agents").WithTags("Agents");
        group.MapPost("/", RegisterAsync).WithName("RegisterAgent").AcceptsJson<AgentRegistrationRequest>();
        group.MapGet("/me", GetMeAsync).WithName("GetMyAgent").RequireAgentKey();
        group.MapPatch("/me", PatchMeAsync).WithName("UpdateMyAgent").AcceptsJson<AgentProfilePatchBody>().RequireAgentKey();
        group.MapPut("/me", PutMe).WithName("ReplaceMyAgentNotAllowed");
        group.MapPost("/me/heartbeat", HeartbeatAsync).WithName("Heartbeat").AcceptsJson<AgentHeartbeatRequest>(isOptional: true)
            .WithMetadata(NoLivenessEvidence.Instance).RequireAgentKey();
        group.MapPost("/me/keys/rotate", RotateKeyAsync).WithName("RotateMyKey").RequireAgentKey();
        group.MapGet("/", ListAsync).WithName("ListAgents").RequireAgentOrOperator();
        group.MapGet("/{id}", GetAsync).WithName("GetAgent").RequireAgentOrOperator();
        group.MapPost("/{id}/keys/revoke", RevokeKeysAsync).WithName("RevokeAgentKeys").RequireOperatorToken();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteAgent").RequireOperatorToken();
        return endpoints;
    }

    private static async Task<Results<Created<AgentRegisteredView>, ApiProblem>> RegisterAsync(
        HttpContext context, IAgentIdentityStore store, IAgentPresence presence, IOptions<AgentLivenessOptions> liveness,
        RegistrationRateLimiter registrations, ILoggerFactory loggers)
    {
        if (registrations.TryAcquire(context.Connection.RemoteIpAddress) is { } retryAfter)
        {
            return Problems.RateLimited(retryAfter, "Too many registrations from this address; agents register once and keep their key.");
        }

        var body = await JsonBody.ReadAsync<AgentRegistrationRequest>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        var interval = AgentRegistrationInput.Validate(
            request.Name, request.Description, request.Emoji, request.Capabilities, request.MaxConcurrentTasks,
            request.HeartbeatIntervalSeconds, liveness.Value, errors);
        var role = AgentRoleInput.Parse(request.Role, errors);
        var registration = new AgentRegistration(request.Name!, request.Description ?? string.Empty, request.Emoji, request.Capabilities ?? [], role);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        RegisteredAgent registered;
        try
        {
            registered = await store.RegisterAsync(registration, context.RequestAborted);
        }
        catch (AgentNameTakenException e)
        {
            return Problems.Conflict($"The name '{e.Name}' is already taken.");
        }

        Log.AgentRegistered(loggers.CreateLogger(typeof(AgentEndpoints)), registered.Profile.Id, registered.Profile.Name);
        var declaration = new AgentDeclaration(registered.Profile.Capabilities, request.MaxConcurrentTasks, interval is not null, interval, SetRole: true, role);
        var view = AgentView.From(registered.Profile, await presence.DeclareAsync(registered.Profile.Id, declaration, context.RequestAborted));
        return TypedResults.Created($"/api/v1/agents/{view.Id}", new AgentRegisteredView(view, registered.ApiKey));
    }

    private static async Task<Results<Ok<AgentView>, ApiProblem>> GetMeAsync(HttpContext context, IAgentIdentityStore store, IAgentPresence presence)
    {
        var caller = context.GetAgentCaller();
        return await ViewAsync(caller.AgentId, store, presence, context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound("The calling agent no longer exists.");
    }

    private static async Task<Results<Ok<AgentView>, ApiProblem>> PatchMeAsync(
        HttpContext context, IAgentIdentityStore store, IAgentPresence presence, IOptions<AgentLivenessOptions> liveness)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadObjectAsync(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new List<FieldError>();
        (AgentProfileUpdate Profile, AgentDeclaration Declaration)? patch;
        using (var document = body.Value!)
        {
            patch = AgentProfilePatch.Read(document.RootElement, liveness.Value, errors);
        }

        if (patch is not var (update, declaration))
        {
            return Problems.Validation(errors);
        }

        if (await store.UpdateAsync(caller.AgentId, update, context.RequestAborted) is not { } profile)
        {
            return Problems.NotFound("The calling agent no longer exists.");
        }

        return TypedResults.Ok(AgentView.From(profile, await presence.DeclareAsync(caller.AgentId, declaration, context.RequestAborted)));
    }

    private static ApiProblem PutMe() => Problems.MethodNotAllowed("GET", "PATCH");

    private static async Task<Results<Ok<AgentHeartbeatView>, ApiProblem>> HeartbeatAsync(
        HttpContext context, IAgentPresence presence, IOptions<AgentLivenessOptions> liveness)
    {
        var caller = context.GetAgentCaller();
        var body = await JsonBody.ReadAsync<AgentHeartbeatRequest>(context, required: false);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        AgentPresence current;
        if (body.Value?.Status is not { } status)
        {
            current = await presence.HeartbeatAsync(caller.AgentId, context.RequestAborted);
        }
        else if (AgentStatusNames.TryParseDeclared(status, out var declared))
        {
            current = await presence.ReportStatusAsync(caller.AgentId, declared, context.RequestAborted);
        }
        else
        {
            return Problems.Validation("status", $"must be {AgentStatusNames.Declarable}");
        }

        var interval = current.HeartbeatInterval ?? liveness.Value.HeartbeatInterval;
        return TypedResults.Ok(new AgentHeartbeatView(
            AgentStatusNames.Of(current.Status), current.LastHeartbeat, current.NextHeartbeatDue, interval.TotalSeconds));
    }

    private static async Task<Results<Ok<AgentKeyView>, ApiProblem>> RotateKeyAsync(HttpContext context, IAgentIdentityStore store, ILoggerFactory loggers)
    {
        var caller = context.GetAgentCaller();
        if (await store.RotateKeyAsync(caller.AgentId, context.RequestAborted) is not { } key)
        {
            return Problems.NotFound("The calling agent no longer exists.");
        }

        Log.KeyRotated(loggers.CreateLogger(typeof(AgentEndpoints)), caller.AgentId);
        return TypedResults.Ok(new AgentKeyView(key));
    }

    private static async Task<Results<Ok<AgentListView>, ApiProblem>> ListAsync(
        string? capability, string? status, string? role, string? limit, string? after, HttpContext context, IAgentIdentityStore store,
        IAgentPresence presence)
    {
        var errors = new List<FieldError>();
        var wantedRole = AgentRoleInput.Parse(role, errors);
        if (capability is not null && !AgentProfileRules.IsCapabilityName(capability))
        {
            errors.Add(new FieldError("capability", "must be a capability name (1-64 characters of [a-z0-9_.-])"));
        }

        var wanted = status is null ? null : AgentStatusNames.ParseFilter(status);
        if (status is not null && wanted is null)
        {
            errors.Add(new FieldError("status", $"must be {AgentStatusNames.Listable}"));
        }

        var pageSize = (int)QueryInput.ParseWhole(limit, "limit", DefaultListLimit, 1, MaxListLimit, errors);

        if (after is not null && (after.Length is 0 or > 19 || !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add(new FieldError("after", "must be a cursor returned by a previous page"));
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var statuses = new Dictionary<string, AgentPresence>(StringComparer.Ordinal);
        var page = await store.ListAsync(after, pageSize, async (profile, ct) =>
        {
            if ((capability is not null && !profile.Capabilities.ContainsKey(capability)) || (wantedRole is not null && profile.Role != wantedRole))
            {
                return false;
            }

            var current = await presence.GetAsync(profile.Id, ct);
            statuses[profile.Id] = current;
            return wanted is null || wanted.Contains(current.Status);
        }, MaxExaminedPerPage, context.RequestAborted);
        return TypedResults.Ok(new AgentListView(page.Agents.Select(p => AgentView.From(p, statuses[p.Id])).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<AgentView>, ApiProblem>> GetAsync(string id, HttpContext context, IAgentIdentityStore store, IAgentPresence presence) =>
        await ViewAsync(id, store, presence, context.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");

    private static async Task<Results<NoContent, ApiProblem>> RevokeKeysAsync(string id, HttpContext context, IAgentIdentityStore store, ILoggerFactory loggers)
    {
        if (!await store.RevokeKeysAsync(id, context.RequestAborted))
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");
        }

        Log.KeysRevoked(loggers.CreateLogger(typeof(AgentEndpoints)), id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ApiProblem>> DeleteAsync(
        string id, HttpContext context, IAgentIdentityStore store, IAgentPresence presence, ILoggerFactory loggers)
    {
        if (!await store.DeleteAsync(id, context.RequestAborted))
        {
            return Problems.NotFound($"There is no agent '{Problems.Printable(id)}'.");
        }

        await presence.RemoveAsync(id, context.RequestAborted);
        Log.AgentDeleted(loggers.CreateLogger(typeof(AgentEndpoints)), id);
        return TypedResults.NoContent();
    }

    private static async Task<AgentView?> ViewAsync(string agentId, IAgentIdentityStore store, IAgentPresence presence, CancellationToken cancellationToken) =>
        await store.GetAsync(agentId, cancellationToken) is { } profile
            ? AgentView.From(profile, await presence.GetAsync(agentId, cancellationToken))
            : null;

}
