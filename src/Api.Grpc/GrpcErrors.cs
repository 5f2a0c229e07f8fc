using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace AgentPlatform.Api.Grpc;

/// <summary>The gRPC form of the API's errors: a status code with the same text as the HTTP problem, and
/// <c>google.rpc.Status</c> details where a client needs more (the fields of a validation error, the retry delay).</summary>
public static class GrpcErrors
{
    /// <summary>INVALID_ARGUMENT with a <c>google.rpc.BadRequest</c> naming every invalid field.</summary>
    public static RpcException Validation(IReadOnlyCollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var badRequest = new BadRequest();
        foreach (var error in errors)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = error.Field, Description = error.Message });
        }

        var message = "The request is invalid. " + string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}."));
        return new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message, Details = { Any.Pack(badRequest) } }.ToRpcException();
    }

    /// <summary>Throws <see cref="Validation(IReadOnlyCollection{FieldError})"/> when <paramref name="errors"/> holds any.</summary>
    public static void ThrowIfInvalid(IReadOnlyCollection<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count > 0)
        {
            throw Validation(errors);
        }
    }

    /// <summary>INVALID_ARGUMENT naming one field.</summary>
    public static RpcException Validation(string field, string message) => Validation([new FieldError(field, message)]);

    /// <summary>RESOURCE_EXHAUSTED with a <c>google.rpc.RetryInfo</c> saying how long to wait.</summary>
    public static RpcException RateLimited(TimeSpan retryAfter, string message) => Retryable(Code.ResourceExhausted, retryAfter, message);

    /// <summary>UNAVAILABLE with a <c>google.rpc.RetryInfo</c>: the host is at a capacity limit, not the caller over its own (HTTP 503).</summary>
    public static RpcException Unavailable(TimeSpan retryAfter, string message) => Retryable(Code.Unavailable, retryAfter, message);

    /// <summary>UNAUTHENTICATED: no, a malformed or an invalid key.</summary>
    public static RpcException Unauthenticated(string message) => Plain(StatusCode.Unauthenticated, message);

    /// <summary>PERMISSION_DENIED: the caller may not act on this resource; nothing changed.</summary>
    public static RpcException PermissionDenied(string message) => Plain(StatusCode.PermissionDenied, message);

    /// <summary>NOT_FOUND.</summary>
    public static RpcException NotFound(string message) => Plain(StatusCode.NotFound, message);

    /// <summary>ALREADY_EXISTS.</summary>
    public static RpcException AlreadyExists(string message) => Plain(StatusCode.AlreadyExists, message);

    /// <summary>FAILED_PRECONDITION: the resource is in a state where the call cannot apply (HTTP 409).</summary>
    public static RpcException FailedPrecondition(string message) => Plain(StatusCode.FailedPrecondition, message);

    /// <summary>DEADLINE_EXCEEDED: the platform waited for something that did not come (HTTP 504).</summary>
    public static RpcException DeadlineExceeded(string message) => Plain(StatusCode.DeadlineExceeded, message);

    private static RpcException Retryable(Code code, TimeSpan retryAfter, string message)
    {
        var retry = new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) };
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(retry) } }.ToRpcException();
    }

    private static RpcException Plain(StatusCode code, string message) => new(new global::Grpc.Core.Status(code, message));
}
