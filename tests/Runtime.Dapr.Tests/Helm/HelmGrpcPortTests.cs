using System.Text.Json.Nodes;

namespace AgentPlatform.Runtime.Dapr.Tests.Helm;

/// <summary>The gRPC API in the chart: one value turns it on in the host, the pod and the Service together.</summary>
public sealed class HelmGrpcPortTests
{
    [Fact]
    public void With_app_grpcPort_set_the_host_serves_grpc_there_and_the_pod_and_service_expose_it_beside_http()
    {
        var deployment = ChartFiles.Templates["deployment.yaml"];
        Assert.Contains(
            "{{- if .Values.app.grpcPort }}\n            - name: Grpc__Port\n              value: {{ .Values.app.grpcPort | quote }}\n            {{- end }}",
            deployment, StringComparison.Ordinal);
        Assert.Contains(
            "{{- if .Values.app.grpcPort }}\n            - name: grpc\n              containerPort: {{ .Values.app.grpcPort }}",
            deployment, StringComparison.Ordinal);

        var service = ChartFiles.Templates["service.yaml"];
        var http = service.IndexOf("- name: http\n", StringComparison.Ordinal);
        var grpc = service.IndexOf(
            "{{- if and .Values.service.grpcPort .Values.app.grpcPort }}\n    - name: grpc\n      port: {{ .Values.service.grpcPort }}\n      targetPort: grpc\n      protocol: TCP\n      appProtocol: grpc",
            StringComparison.Ordinal);
        Assert.True(http >= 0 && grpc > http, "The Service lists the gRPC port after the HTTP port, under both grpcPort values.");
    }

    [Fact]
    public void The_schema_takes_grpc_ports_and_keeps_Grpc__Port_out_of_app_env()
    {
        var enabled = (JsonObject)ChartFiles.Values.DeepClone();
        enabled["app"]!["grpcPort"] = 8081;
        enabled["service"]!["grpcPort"] = 81;
        Assert.Empty(ChartFiles.SchemaErrors(enabled));

        var overriding = (JsonObject)enabled.DeepClone();
        overriding["app"]!["env"] = new JsonObject { ["Grpc__Port"] = "9000" };
        overriding["service"]!["grpcPort"] = 70_000;
        var errors = string.Join('\n', ChartFiles.SchemaErrors(overriding));
        Assert.Contains("/app/env", errors, StringComparison.Ordinal);
        Assert.Contains("/service/grpcPort", errors, StringComparison.Ordinal);
    }
}
