using Xunit.Abstractions;

namespace AgentPlatform.EndToEnd.Tests.OpenApi;

[Trait("Category", "Fuzz")]
public sealed class OpenApiHostileTests(OpenApiHostileFixture fixture, ITestOutputHelper output)
    : OpenApiHostileSuite(fixture, output, defaultVariantsPerRoute: 24), IClassFixture<OpenApiHostileFixture>;
