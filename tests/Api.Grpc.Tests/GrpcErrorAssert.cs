using Google.Rpc;
using Grpc.Core;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>Asserts on gRPC failures and their <c>google.rpc.Status</c> details.</summary>
internal static class GrpcErrorAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, Func<Task> call)
    {
        var failure = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(failure.StatusCode == code, $"Expected {code}, got {failure.StatusCode}: {failure.Status.Detail}");
        return failure;
    }

    /// <summary>INVALID_ARGUMENT whose BadRequest detail names <paramref name="field"/>.</summary>
    public static async Task InvalidAsync(string field, Func<Task> call)
    {
        var failure = await FailsAsync(StatusCode.InvalidArgument, call);
        var status = failure.GetRpcStatus();
        Assert.NotNull(status);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field == field);
    }
}
