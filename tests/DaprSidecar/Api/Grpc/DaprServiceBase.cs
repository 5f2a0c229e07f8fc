using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Api.Grpc;

/// <summary>The server side of daprd's gRPC service (<c>dapr.proto.runtime.v1.Dapr</c>) for the methods Dapr.Client uses
/// for state, pub/sub, secrets and metadata, shaped like protoc's generated service base: Dapr.Protos ships only the
/// client, so the methods are bound here with the package's message types. Methods not listed answer
/// <c>Unimplemented</c>.</summary>
/// <remarks>Grpc.AspNetCore finds each handler as an override of the virtual method named after the RPC.</remarks>
[BindServiceMethod(typeof(DaprServiceBase), nameof(BindService))]
internal abstract class DaprServiceBase
{
    private const string ServiceName = "dapr.proto.runtime.v1.Dapr";

    public virtual Task<GetStateResponse> GetState(GetStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetBulkStateResponse> GetBulkState(GetBulkStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> SaveState(SaveStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> DeleteState(DeleteStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> DeleteBulkState(DeleteBulkStateRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> ExecuteStateTransaction(ExecuteStateTransactionRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context) => throw Unimplemented();

    /// <summary>Binds the methods (Grpc.AspNetCore calls this with a null instance and resolves handlers itself).</summary>
    public static void BindService(ServiceBinderBase binder, DaprServiceBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        Bind<GetStateRequest, GetStateResponse>(binder, nameof(GetState), service is null ? null : service.GetState);
        Bind<GetBulkStateRequest, GetBulkStateResponse>(binder, nameof(GetBulkState), service is null ? null : service.GetBulkState);
        Bind<SaveStateRequest, Empty>(binder, nameof(SaveState), service is null ? null : service.SaveState);
        Bind<DeleteStateRequest, Empty>(binder, nameof(DeleteState), service is null ? null : service.DeleteState);
        Bind<DeleteBulkStateRequest, Empty>(binder, nameof(DeleteBulkState), service is null ? null : service.DeleteBulkState);
        Bind<ExecuteStateTransactionRequest, Empty>(binder, nameof(ExecuteStateTransaction), service is null ? null : service.ExecuteStateTransaction);
        Bind<PublishEventRequest, Empty>(binder, nameof(PublishEvent), service is null ? null : service.PublishEvent);
        Bind<GetSecretRequest, GetSecretResponse>(binder, nameof(GetSecret), service is null ? null : service.GetSecret);
        Bind<GetBulkSecretRequest, GetBulkSecretResponse>(binder, nameof(GetBulkSecret), service is null ? null : service.GetBulkSecret);
        Bind<GetMetadataRequest, GetMetadataResponse>(binder, nameof(GetMetadata), service is null ? null : service.GetMetadata);
    }

    private static void Bind<TRequest, TResponse>(ServiceBinderBase binder, string name, UnaryServerMethod<TRequest, TResponse>? handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        binder.AddMethod(new Method<TRequest, TResponse>(MethodType.Unary, ServiceName, name, Marshal<TRequest>(), Marshal<TResponse>()), handler);

    private static Marshaller<T> Marshal<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not served by the daprd double"));
}
