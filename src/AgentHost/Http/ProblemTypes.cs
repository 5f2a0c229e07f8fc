namespace AgentPlatform.AgentHost.Http;

/// <summary>The stable <c>type</c> URIs of the API's problem+json answers (see docs/http-api.md).</summary>
public static class ProblemTypes
{
    /// <summary>The prefix every problem type shares.</summary>
    public const string Base = "https://agent-platform.dev/problems/";

    /// <summary>400: a field is missing, has the wrong type or value, or is not allowed.</summary>
    public const string Validation = Base + "validation";

    /// <summary>400: the body is not well-formed JSON.</summary>
    public const string MalformedJson = Base + "malformed-json";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = Base + "unsupported-media-type";

    /// <summary>413: the body exceeds the size limit.</summary>
    public const string PayloadTooLarge = Base + "payload-too-large";

    /// <summary>401: no valid credentials.</summary>
    public const string Unauthorized = Base + "unauthorized";

    /// <summary>403: authenticated but not allowed.</summary>
    public const string Forbidden = Base + "forbidden";

    /// <summary>404: no such resource.</summary>
    public const string NotFound = Base + "not-found";

    /// <summary>405: the path exists but not with this method.</summary>
    public const string MethodNotAllowed = Base + "method-not-allowed";

    /// <summary>409: the request conflicts with stored state.</summary>
    public const string Conflict = Base + "conflict";

    /// <summary>429: a rate limit or cooldown applies.</summary>
    public const string RateLimited = Base + "rate-limited";

    /// <summary>503: the host is at a capacity limit; retry later.</summary>
    public const string Unavailable = Base + "unavailable";

    /// <summary>504: the answer waited for (a reply to an agent request) did not come in time.</summary>
    public const string Timeout = Base + "timeout";

    /// <summary>500: an unexpected failure; no details are exposed.</summary>
    public const string Internal = Base + "internal";
}
