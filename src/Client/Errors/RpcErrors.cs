using Google.Rpc;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace AgentPlatform.Client.Errors;

/// <summary>Turns the host's gRPC failures into <see cref="AgentPlatformException"/>s, reading the <c>google.rpc.Status</c>
/// details (field violations, retry delay) the host sends with them.</summary>
internal static class RpcErrors
{
    public static AgentPlatformException ToException(RpcException failure)
    {
        var status = failure.GetRpcStatus();
        var text = status?.Message is { Length: > 0 } message ? message : failure.Status.Detail;
        return failure.StatusCode switch
        {
            StatusCode.InvalidArgument => new AgentPlatformValidationException(text, FieldsOf(status), failure),
            StatusCode.Unauthenticated => new AgentPlatformUnauthenticatedException(failure.StatusCode, text, failure),
            StatusCode.PermissionDenied => new AgentPlatformPermissionDeniedException(failure.StatusCode, text, failure),
            StatusCode.NotFound => new AgentPlatformNotFoundException(failure.StatusCode, text, failure),
            StatusCode.AlreadyExists or StatusCode.FailedPrecondition => new AgentPlatformConflictException(failure.StatusCode, text, failure),
            StatusCode.ResourceExhausted => new AgentPlatformRateLimitedException(text, status?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan(), failure),
            StatusCode.DeadlineExceeded => new AgentPlatformTimeoutException(failure.StatusCode, text, failure),
            StatusCode.Unavailable => new AgentPlatformUnavailableException(failure.StatusCode, text, failure),
            _ => new AgentPlatformException(failure.StatusCode, text, failure),
        };
    }

    private static Dictionary<string, string> FieldsOf(Status? status)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            fields.TryAdd(violation.Field, violation.Description);
        }

        return fields;
    }
}
