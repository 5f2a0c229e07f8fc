using Dapr.Client.Autogen.Grpc.v1;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Api.Grpc;

internal sealed partial class DaprGrpcApi
{
    public override Task<GetSecretResponse> GetSecret(GetSecretRequest request, ServerCallContext context)
    {
        var secrets = SecretsOf(request.StoreName);
        if (!secrets.TryGetValue(request.Key, out var secret))
        {
            throw new RpcException(new Status(StatusCode.Internal,
                $"failed getting secret with key {request.Key} from secret store {request.StoreName}: secret not found"));
        }

        var response = new GetSecretResponse();
        response.Data.Add(secret.ToDictionary());
        return Task.FromResult(response);
    }

    public override Task<GetBulkSecretResponse> GetBulkSecret(GetBulkSecretRequest request, ServerCallContext context)
    {
        var response = new GetBulkSecretResponse();
        foreach (var (name, values) in SecretsOf(request.StoreName))
        {
            var secret = new SecretResponse();
            secret.Secrets.Add(values.ToDictionary());
            response.Data.Add(name, secret);
        }

        return Task.FromResult(response);
    }

    public override Task<GetMetadataResponse> GetMetadata(GetMetadataRequest request, ServerCallContext context)
    {
        var response = new GetMetadataResponse { Id = cluster.Options.AppId, RuntimeVersion = "1.19.0-test-double" };
        foreach (var component in cluster.Components.All)
        {
            response.RegisteredComponents.Add(new RegisteredComponents { Name = component.Name, Type = component.Type, Version = "v1" });
        }

        response.ActorRuntime = new ActorRuntime { HostReady = sidecar.CanServe };
        foreach (var group in cluster.Actors.ActiveOn(sidecar.Replica).GroupBy(key => key.Type))
        {
            response.ActorRuntime.ActiveActors.Add(new ActiveActorsCount { Type = group.Key, Count = group.Count() });
        }

        return Task.FromResult(response);
    }

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> SecretsOf(string store)
    {
        if (!cluster.Secrets.Exists(store))
        {
            throw Invalid($"failed finding secret store with key {store}");
        }

        try
        {
            return cluster.Secrets.All(store);
        }
        catch (InvalidDataException exception)
        {
            throw new RpcException(new Status(StatusCode.Internal, exception.Message));
        }
    }
}
