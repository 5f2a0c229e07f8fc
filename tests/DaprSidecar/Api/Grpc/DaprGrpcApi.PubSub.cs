using AgentPlatform.DaprSidecar.PubSub;
using Dapr.Client.Autogen.Grpc.v1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AgentPlatform.DaprSidecar.Api.Grpc;

internal sealed partial class DaprGrpcApi
{
    public override Task<Empty> PublishEvent(PublishEventRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.PubsubName) || cluster.Components.PubSub(request.PubsubName) is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"pubsub {request.PubsubName} not found"));
        }

        if (string.IsNullOrEmpty(request.Topic))
        {
            throw Invalid($"topic is empty in pubsub {request.PubsubName}");
        }

        if (cluster.Faults.RefusesPublishTo(request.Topic))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"error when publish to topic {request.Topic} in pubsub {request.PubsubName}: refused (fault switch)"));
        }

        try
        {
            var cloudEvent = CloudEvents.Wrap(
                cluster.Options.AppId, request.PubsubName, request.Topic, request.Data.Memory, request.DataContentType,
                request.Metadata.ToDictionary(pair => pair.Key, pair => pair.Value), cluster.Time.GetUtcNow());
            cluster.Broker.Publish(request.PubsubName, request.Topic, cloudEvent);
        }
        catch (FormatException exception)
        {
            throw Invalid($"error when marshalling cloud event envelope for topic {request.Topic} pubsub {request.PubsubName}: {exception.Message}");
        }

        return Task.FromResult(new Empty());
    }
}
