namespace AgentPlatform.DaprSidecar.Actors;

/// <summary>A callback daprd makes on the app for one actor: a method, a reminder or a timer; always a PUT.</summary>
/// <param name="PathSuffix">What follows <c>/actors/{type}/{id}/</c>: <c>method/{m}</c>, <c>method/remind/{r}</c> or
/// <c>method/timer/{t}</c>, plus the caller's query string.</param>
/// <param name="Body">The body.</param>
/// <param name="ContentType">Its content type.</param>
/// <param name="Headers">Headers to pass on (e.g. <c>Dapr-Reentrancy-Id</c>).</param>
internal sealed record ActorCallback(string PathSuffix, byte[] Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>A method call.</summary>
    public static ActorCallback Method(string method, string query, byte[] body, string? contentType, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new($"method/{Uri.EscapeDataString(method)}{query}", body, contentType, headers);

    /// <summary>A reminder fire.</summary>
    public static ActorCallback Reminder(string name, byte[] body) =>
        new($"method/remind/{Uri.EscapeDataString(name)}", body, "application/json", []);

    /// <summary>A timer fire.</summary>
    public static ActorCallback Timer(string name, byte[] body) =>
        new($"method/timer/{Uri.EscapeDataString(name)}", body, "application/json", []);
}
