using AgentPlatform.DaprSidecar.Cluster;

namespace AgentPlatform.DaprSidecar.Api.Http;

/// <summary>The double's own control API for tests that run it as a child process (not part of daprd): arm the
/// <see cref="DaprFaults"/> switches, lose or restore a replica, restart a sidecar.</summary>
internal static class FaultEndpoints
{
    public static void MapFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/v1.0-test");
        control.MapPost("/faults/{fault}", (string fault, int? count, ClusterRuntime cluster) =>
        {
            Action<int>? arm = fault switch
            {
                "duplicate-reminder-fires" => cluster.Faults.DuplicateReminderFires,
                "redeliveries" => cluster.Faults.RedeliverEvents,
                "state-conflicts" => cluster.Faults.ConflictStateWrites,
                _ => null,
            };
            if (arm is null || count is < 0)
            {
                return Results.Problem(
                    $"unknown fault '{fault}' or negative count; faults: duplicate-reminder-fires, redeliveries, state-conflicts",
                    statusCode: StatusCodes.Status400BadRequest, title: "fault");
            }

            arm(count ?? 1);
            return Results.NoContent();
        });
        control.MapPost("/faults/refused-publishes", (string? topic, ClusterRuntime cluster) =>
        {
            cluster.Faults.RefusePublishesTo(string.IsNullOrEmpty(topic) ? null : topic);
            return Results.NoContent();
        });
        control.MapPost("/replicas/{replica:int}/{action}", (int replica, string action, ClusterRuntime cluster) =>
        {
            if (replica < 0 || replica >= cluster.Sidecars.Count || action is not ("lose" or "restore" or "restart"))
            {
                return Results.Problem("replica must be an index of the cluster and action one of lose, restore, restart",
                    statusCode: StatusCodes.Status400BadRequest, title: "replica");
            }

            var sidecar = cluster.Sidecars[replica];
            switch (action)
            {
                case "lose":
                    sidecar.SetLost(true);
                    break;
                case "restore":
                    sidecar.SetLost(false);
                    break;
                default:
                    // The answer goes out before this sidecar's own listeners stop.
                    _ = Task.Run(() => cluster.RestartSidecarAsync(replica, CancellationToken.None));
                    return Results.Accepted();
            }

            return Results.NoContent();
        });
    }
}
