using Microsoft.Extensions.Options;

namespace AgentPlatform.Api.Grpc;

/// <summary>Rejects a gRPC port that cannot be listened on.</summary>
public sealed class GrpcApiOptionsValidator : IValidateOptions<GrpcApiOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, GrpcApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Port is < 0 or > GrpcApiOptions.MaxPort
            ? ValidateOptionsResult.Fail($"Grpc:Port must be a TCP port between 1 and {GrpcApiOptions.MaxPort}, or 0 to turn the gRPC API off (it is {options.Port}).")
            : ValidateOptionsResult.Success;
    }
}
