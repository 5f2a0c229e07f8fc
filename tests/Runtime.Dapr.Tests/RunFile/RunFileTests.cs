using System.Text.Json.Nodes;
using AgentPlatform.Runtime.Dapr.Tests.Support;

namespace AgentPlatform.Runtime.Dapr.Tests;

public sealed class RunFileTests
{
    private static readonly string[] SidecarOnlyVariables = ["DAPR_API_TOKEN", "APP_API_TOKEN", "DAPR_HTTP_PORT", "DAPR_GRPC_PORT"];

    [Fact]
    public void The_run_file_starts_the_host_and_both_sample_agents_each_in_its_own_folder()
    {
        Assert.Equal(1, RunFile.Root["version"]!.GetValue<long>());
        Assert.Equal([DaprNames.AppId, "python-agent", "node-agent"], RunFile.Apps.Select(a => a.AppId));
        Assert.All(RunFile.Apps, app => Assert.True(Directory.Exists(app.Directory), $"{app.AppId}: {app.Directory} does not exist."));
        Assert.EndsWith(Path.Combine("src", "AgentHost"), RunFile.Apps[0].Directory, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RunFile.Apps[1].Directory, "agent.py")));
        Assert.True(File.Exists(Path.Combine(RunFile.Apps[2].Directory, "agent.mjs")));
        Assert.Contains("python3 agent.py", RunFile.Apps[1].Command, StringComparison.Ordinal);
        Assert.Contains("node agent.mjs", RunFile.Apps[2].Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Common_settings_point_at_the_local_component_set_and_the_configuration()
    {
        var common = (JsonObject)RunFile.Root["common"]!;
        var paths = ((JsonArray)common["resourcesPaths"]!).Select(p => p!.GetValue<string>()).ToArray();
        Assert.Equal(["./components/local", "./components/common"], paths);
        Assert.All(paths, p => Assert.True(Directory.Exists(Path.Combine(Path.GetDirectoryName(RepoPaths.RunFile)!, p))));
        var config = common["configFilePath"]!.GetValue<string>();
        var configuration = YamlFiles.ReadObject(Path.Combine(Path.GetDirectoryName(RepoPaths.RunFile)!, config));
        Assert.Equal(DaprNames.Components.Configuration, YamlFiles.StringAt(configuration, "metadata.name"));
    }

    [Fact]
    public void The_host_runs_in_dapr_mode_on_its_app_port_with_health_checks_on_healthz()
    {
        var host = RunFile.Apps[0];
        var port = host.Node["appPort"]!.GetValue<long>();
        Assert.Equal("dapr", host.Env("Runtime__Mode"));
        Assert.Equal($"http://127.0.0.1:{port}", host.Env("Urls"));
        Assert.True(host.Node["enableAppHealthCheck"]!.GetValue<bool>());
        Assert.Equal("/healthz", host.Node["appHealthCheckPath"]!.GetValue<string>());
    }

    [Fact]
    public void Sample_agents_reach_the_host_through_their_own_sidecar()
    {
        foreach (var agent in RunFile.Apps.Skip(1))
        {
            var sidecarPort = agent.Node["daprHTTPPort"]!.GetValue<long>();
            Assert.Equal($"http://127.0.0.1:{sidecarPort}/v1.0/invoke/{DaprNames.AppId}/method", agent.Env("HOST_URL"));
            Assert.Null(agent.Node["appPort"]);
        }
    }

    [Fact]
    public void Every_sidecar_gets_its_own_ports()
    {
        var ports = RunFile.Apps.SelectMany(app => new[] { "appPort", "daprHTTPPort", "daprGRPCPort", "metricsPort" }
            .Select(field => app.Node[field]?.GetValue<long>()).OfType<long>()).ToArray();
        Assert.Equal(RunFile.Apps.Count * 3 + 1, ports.Length);
        Assert.Equal(ports.Length, ports.Distinct().Count());
    }

    [Fact]
    public void Env_sets_nothing_only_daprd_would_read()
    {
        var environments = RunFile.Apps.Select(a => a.Node["env"]).Append(RunFile.Root["common"]!["env"]).OfType<JsonObject>();
        Assert.All(environments, env => Assert.All(SidecarOnlyVariables, name => Assert.False(env.ContainsKey(name), $"{name} in env reaches only the app.")));
    }
}
