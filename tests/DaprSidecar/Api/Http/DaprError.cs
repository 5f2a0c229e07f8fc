
namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>daprd's HTTP error body: <c>{ "errorCode": "ERR_...", "message": "..." }</c>.</summary>
internal static class DaprError
{
    public static IResult Of(int status, string errorCode, string message) =>
        Results.Json(new Dictionary<string, string> { ["errorCode"] = errorCode, ["message"] = message }, statusCode: status);
}
