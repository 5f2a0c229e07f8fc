using System.Text.Json;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.DaprSidecar.Json;

namespace AgentPlatform.DaprSidecar.PubSub;

/// <summary>What daprd makes of an app's answer to a delivered event.</summary>
internal enum DeliveryOutcome
{
    /// <summary>Acknowledged: done.</summary>
    Success,

    /// <summary>Deliver again (after back-off), then dead-letter or drop when attempts run out.</summary>
    Retry,

    /// <summary>Not delivered again: dead-lettered when the subscription names a dead-letter topic, else dropped.</summary>
    Drop,
}

/// <summary>Reads an app's answer as daprd does: 2xx with no status or <c>SUCCESS</c> acks, <c>RETRY</c> retries,
/// <c>DROP</c> drops, any other status value is an error (retry); 404 drops; any other status retries.</summary>
internal static class DeliveryOutcomes
{
    public static DeliveryOutcome Of(AppResponse response)
    {
        if (response.StatusCode == 404)
        {
            return DeliveryOutcome.Drop;
        }

        if (!response.IsSuccess)
        {
            return DeliveryOutcome.Retry;
        }

        string? status;
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            status = GoJson.String(document.RootElement, "status");
        }
        catch (JsonException)
        {
            return DeliveryOutcome.Success;
        }

        return status?.ToUpperInvariant() switch
        {
            null or "" or "SUCCESS" => DeliveryOutcome.Success,
            "DROP" => DeliveryOutcome.Drop,
            _ => DeliveryOutcome.Retry,
        };
    }
}
