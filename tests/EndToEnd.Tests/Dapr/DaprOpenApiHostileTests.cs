using AgentPlatform.EndToEnd.Tests.OpenApi;
using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.Dapr;

/// <summary>The hostile variants of every documented route against a Dapr-mode host; a smaller sample per route than on the
/// embedded runtime, since every actor call crosses the sidecar.</summary>
[Trait("Category", "Fuzz")]
public sealed class DaprOpenApiHostileTests(DaprOpenApiHostileFixture fixture, ITestOutputHelper output)
    : OpenApiHostileSuite(fixture, output, defaultVariantsPerRoute: 8), IClassFixture<DaprOpenApiHostileFixture>;
