namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd 1.18's name check on the actor API: an actor type, actor id, reminder or timer name containing
/// <c>/ \ # ?</c> or a control character, or equal to <c>.</c> or <c>..</c>, is refused with 400.</summary>
internal sealed class ActorNameFilter : IEndpointFilter
{
    private static readonly string[] Checked = ["actorType", "actorId", "name"];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var values = context.HttpContext.Request.RouteValues;
        foreach (var field in Checked)
        {
            if (values.TryGetValue(field, out var value) && value is string name && !IsValid(name))
            {
                return ValueTask.FromResult<object?>(DaprError.Of(StatusCodes.Status400BadRequest, "ERR_MALFORMED_REQUEST",
                    $"{field} '{name}' is not a valid name: it must not contain / \\ # ? or control characters, nor be . or .."));
            }
        }

        return next(context);
    }

    private static bool IsValid(string name) =>
        name is not ("." or "..") && !name.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
