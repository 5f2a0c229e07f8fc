using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Components;
using AgentPlatform.DaprSidecar.Hosting;

// Runs the double as its own process for manual use or for tests that need a process boundary:
//   dotnet AgentPlatform.DaprSidecar.dll --app-id agent-platform --app-port 5080 [--app-port 5081] --data-dir data/daprd
//     [--dapr-http-port 3500 --dapr-grpc-port 50001] [--resources-path components/slim] [--actor-idle-timeout 30s]
// DAPR_API_TOKEN and APP_API_TOKEN are read from the environment, as daprd does. One JSON line per sidecar is printed
// with the environment for its app replica. The workflow backend runs beside it (workflows.db in the data dir). The
// process runs until stopped (Ctrl+C / SIGTERM).
var options = new DaprTestClusterOptions
{
    ApiToken = Environment.GetEnvironmentVariable("DAPR_API_TOKEN"),
    AppApiToken = Environment.GetEnvironmentVariable("APP_API_TOKEN"),
    ComponentsWorkingDirectory = Environment.CurrentDirectory,
};
var problems = new List<string>();
for (var index = 0; index < args.Length; index++)
{
    var name = args[index];
    if (index + 1 >= args.Length)
    {
        problems.Add($"{name} needs a value");
        break;
    }

    var value = args[++index];
    switch (name)
    {
        case "--app-id":
            options.AppId = value;
            break;
        case "--app-port":
            AddPort(options.AppPorts, name, value);
            break;
        case "--dapr-http-port":
            AddPort(options.HttpPorts, name, value);
            break;
        case "--dapr-grpc-port":
            AddPort(options.GrpcPorts, name, value);
            break;
        case "--data-dir":
            options.DataDirectory = value;
            break;
        case "--resources-path":
            options.Components.Clear();
            foreach (var component in DaprComponentFiles.Load(value))
            {
                options.Components.Add(component);
            }

            break;
        case "--actor-idle-timeout":
            if (AgentPlatform.DaprSidecar.Durations.DaprDuration.TryParseRelative(value, allowCalendarUnits: false, out var idle))
            {
                options.ActorIdleTimeout = idle;
            }
            else
            {
                problems.Add($"{name}: '{value}' is not a duration such as 30s or PT30S");
            }

            break;
        default:
            problems.Add($"unknown option {name}");
            break;
    }
}

problems.AddRange(options.Validate());
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync("daprd double: " + string.Join("; ", problems));
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

using var workflows = new WorkflowBackendSidecarExtension(Path.Combine(options.DataDirectory, "workflows.db"));
options.Extensions.Add(workflows);
await using var cluster = await DaprTestCluster.StartAsync(options, stop.Token);
foreach (var sidecar in cluster.Sidecars)
{
    Console.WriteLine(JsonSerializer.Serialize(new { replica = sidecar.Replica, environment = sidecar.Environment }));
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;

void AddPort(IList<int> ports, string name, string value)
{
    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536)
    {
        ports.Add(port);
    }
    else
    {
        problems.Add($"{name}: '{value}' is not a port");
    }
}
