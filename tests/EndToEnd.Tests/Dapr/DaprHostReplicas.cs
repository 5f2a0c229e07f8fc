using AgentPlatform.DaprSidecar.Cluster;
using AgentPlatform.DaprSidecar.Hosting;
using AgentPlatform.TestKit;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>Real host processes in Dapr mode, one per replica, each with its own sidecar of one in-process daprd double
/// (shared placement, state, broker, reminders and workflow backend), with API tokens in both directions as in a deployment.</summary>
internal sealed class DaprHostReplicas : IAsyncDisposable
{
    public const string OperatorToken = "operator-token-for-dapr-tests-0123456789";

    /// <summary>The token callers of a sidecar's API send in <c>dapr-api-token</c> (<c>DAPR_API_TOKEN</c>).</summary>
    public const string SidecarApiToken = "to-sidecar-0123456789";

    private readonly string _dataDirectory;
    private readonly WorkflowBackendSidecarExtension _workflows;

    private DaprHostReplicas(DaprTestCluster cluster, IReadOnlyList<HostProcess> hosts, string dataDirectory, WorkflowBackendSidecarExtension workflows)
    {
        Cluster = cluster;
        Hosts = hosts;
        _dataDirectory = dataDirectory;
        _workflows = workflows;
    }

    public DaprTestCluster Cluster { get; }

    public IReadOnlyList<HostProcess> Hosts { get; }

    public static async Task<DaprHostReplicas> StartAsync(
        int replicas, ITestOutputHelper? output, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Runtime__Mode"] = "dapr",
            ["Api__OperatorToken"] = OperatorToken,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var hosts = Enumerable.Range(0, replicas).Select(_ => HostProcess.Create(output, environment)).ToList();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "agent-platform-tests", "dapr-" + Guid.NewGuid().ToString("N"));
        var options = new DaprTestClusterOptions { DataDirectory = dataDirectory, ApiToken = SidecarApiToken, AppApiToken = "from-sidecar-0123456789" };
        foreach (var host in hosts)
        {
            options.AppPorts.Add(host.Port);
        }

        Directory.CreateDirectory(dataDirectory);
        var workflows = new WorkflowBackendSidecarExtension(Path.Combine(dataDirectory, "workflows.db"));
        options.Extensions.Add(workflows);
        var cluster = await DaprTestCluster.StartAsync(options, cancellationToken);
        try
        {
            for (var i = 0; i < replicas; i++)
            {
                foreach (var (name, value) in cluster.Sidecars[i].Environment)
                {
                    hosts[i].SetEnvironment(name, value);
                }

                await hosts[i].StartAsync(cancellationToken);
            }

            await cluster.WaitForAppsAsync(cancellationToken);
            return new DaprHostReplicas(cluster, hosts, dataDirectory, workflows);
        }
        catch
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await cluster.DisposeAsync();
            workflows.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        _workflows.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed test must not hide that test's own failure.
        }
    }
}
