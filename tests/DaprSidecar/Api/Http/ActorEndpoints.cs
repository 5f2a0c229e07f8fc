using AgentPlatform.DaprSidecar.Actors;
using AgentPlatform.DaprSidecar.Cluster;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's actor API (<c>/v1.0/actors/{type}/{id}/...</c>) as Dapr.Actors calls it over HTTP: method invocation,
/// state, reminders and timers.</summary>
internal static partial class ActorEndpoints
{
    private const string ErrorHeader = "X-DaprErrorResponseHeader";
    private static readonly string[] ForwardedHeaders = ["Dapr-Reentrancy-Id", "X-DaprRequestHeader", "traceparent", "tracestate"];

    public static void MapActorEndpoints(this IEndpointRouteBuilder app)
    {
        var actor = app.MapGroup("/v1.0/actors/{actorType}/{actorId}");
        actor.MapMethods("/method/{method}", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete], InvokeAsync);
        actor.MapGet("/state/{key}", GetState);
        actor.MapMethods("/state", [HttpMethods.Post, HttpMethods.Put], SaveStateAsync);
        actor.MapMethods("/reminders/{name}", [HttpMethods.Post, HttpMethods.Put], CreateReminderAsync);
        actor.MapGet("/reminders/{name}", GetReminder);
        actor.MapDelete("/reminders/{name}", DeleteReminder);
        actor.MapMethods("/timers/{name}", [HttpMethods.Post, HttpMethods.Put], CreateTimerAsync);
        actor.MapDelete("/timers/{name}", DeleteTimer);
    }

    // daprd passes the app's answer through when it is 200 or carries the SDK's actor-error header; anything else becomes
    // 500 ERR_ACTOR_INVOKE_METHOD with the app's status and body in the message.
    private static async Task<IResult> InvokeAsync(
        HttpContext context, string actorType, string actorId, string method, ClusterRuntime cluster)
    {
        var body = await ReadBodyAsync(context.Request);
        var headers = ForwardedHeaders
            .Where(name => context.Request.Headers.ContainsKey(name))
            .Select(name => KeyValuePair.Create(name, context.Request.Headers[name].ToString()))
            .ToList();
        var callback = ActorCallback.Method(method, context.Request.QueryString.Value ?? "", body, context.Request.ContentType, headers);
        try
        {
            var response = await cluster.Actors.CallAsync(new ActorKey(actorType, actorId), callback, context.RequestAborted);
            var actorError = response.Header(ErrorHeader);
            if (response.StatusCode != StatusCodes.Status200OK && actorError is null)
            {
                return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_ACTOR_INVOKE_METHOD",
                    $"error invoke actor method: error from actor service: ({response.StatusCode}) {System.Text.Encoding.UTF8.GetString(response.Body)}");
            }

            if (actorError is not null)
            {
                context.Response.Headers[ErrorHeader] = actorError;
            }

            return new RawResponse(response.StatusCode, response.Body, response.ContentType);
        }
        catch (ActorPlacementException exception)
        {
            return DaprError.Of(StatusCodes.Status500InternalServerError, "ERR_ACTOR_INVOKE_METHOD", exception.Message);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
