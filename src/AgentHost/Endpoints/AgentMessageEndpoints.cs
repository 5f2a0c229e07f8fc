using System.Globalization;
using System.Text.Json;
using AgentPlatform.AgentHost.Http;
using AgentPlatform.Agents.Core;
using AgentPlatform.Runtime.Actors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AgentPlatform.AgentHost.Endpoints;

/// <summary>Direct messages from HTTP clients to C# agents hosted in this process, typed through the message serializer registry.</summary>
public static class AgentMessageEndpoints
{
    private const double DefaultTimeoutSeconds = 30;
    private const double MaxTimeoutSeconds = 300;

    /// <summary>Maps <c>POST /api/v1/agent-messages/{type}/{key}</c>: the body's <c>type</c> names a registered message type, its
    /// <c>message</c> is that type's JSON; the answer is the agent's response with its wire type name.</summary>
    public static IEndpointRouteBuilder MapAgentMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/agent-messages").WithTags("AgentMessages").RequireAgentOrOperator();
        group.MapPost("/{type}/{key}", SendAsync).WithName("SendAgentMessage").AcceptsJson<AgentMessageBody>();
        return endpoints;
    }

    private static async Task<Results<Ok<AgentMessageView>, ApiProblem>> SendAsync(string type, string key, HttpContext context, IAgentRuntime? agents)
    {
        if (agents is null || !ActorNames.IsValid(type) || !ActorNames.IsValid(key) || !agents.IsAgentType(type))
        {
            return Problems.NotFound($"There is no C# agent type '{Problems.Printable(type)}' in this host (field 'type').");
        }

        var body = await JsonBody.ReadAsync<AgentMessageBody>(context);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var request = body.Value!;
        var errors = new List<FieldError>();
        Type? messageClass = null;
        if (string.IsNullOrEmpty(request.Type))
        {
            errors.Add(new FieldError("type", "the wire type name of the message is required"));
        }
        else if (!agents.Serializers.TryGetType(request.Type, out messageClass))
        {
            errors.Add(new FieldError("type", $"'{Problems.Printable(request.Type)}' is not a registered message type"));
        }

        if (request.Message is not { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null })
        {
            errors.Add(new FieldError("message", "the message is required"));
        }

        var timeout = request.TimeoutSeconds ?? DefaultTimeoutSeconds;
        if (timeout is <= 0 or > MaxTimeoutSeconds)
        {
            errors.Add(new FieldError("timeout_seconds", string.Create(CultureInfo.InvariantCulture, $"must be above 0 and at most {MaxTimeoutSeconds}")));
        }

        object? message = null;
        if (errors.Count == 0)
        {
            try
            {
                message = request.Message!.Value.Deserialize(messageClass!, ActorJson.Options);
            }
            catch (JsonException e)
            {
                errors.Add(new FieldError("message", $"not a valid '{request.Type}': {e.Message}"));
            }
        }

        if (errors.Count > 0 || message is null)
        {
            return Problems.Validation(errors.Count > 0 ? errors : [new FieldError("message", "the message is required")]);
        }

        var recipient = AgentId.Create(type, key);
        try
        {
            var response = await agents.SendMessageAsync(message, recipient, timeout: TimeSpan.FromSeconds(timeout), cancellationToken: context.RequestAborted);
            return TypedResults.Ok(new AgentMessageView(response is null ? null : agents.Serializers.NameOf(response.GetType()), response));
        }
        catch (CantHandleException e)
        {
            return Problems.Validation("type", e.Message);
        }
        catch (MessageDroppedException e)
        {
            return Problems.Forbidden(e.Message);
        }
        catch (UndeliverableException e)
        {
            return Problems.Unavailable(TimeSpan.FromSeconds(1), e.Message);
        }
        catch (AgentCallTimeoutException e)
        {
            return Problems.Timeout(e.Message, ("timeout_seconds", timeout));
        }
    }
}
