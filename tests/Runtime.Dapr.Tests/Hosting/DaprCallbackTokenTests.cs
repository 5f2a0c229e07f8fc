using System.Text;
using AgentPlatform.Runtime.Dapr.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentPlatform.Runtime.Dapr.Tests.Hosting;

public sealed class DaprCallbackTokenTests
{
    private const string Token = "app-token-0123456789";

    [Theory]
    [InlineData("/dapr/config", null, 401)]
    [InlineData("/dapr/subscribe", "wrong", 401)]
    [InlineData("/actors/channel/lobby/method/InvokeAsync", null, 401)]
    [InlineData("/dapr/topics/pubsub/agents.status", Token, 200)]
    [InlineData("/actors/channel/lobby", Token, 200)]
    [InlineData("/healthz", null, 200)]
    [InlineData("/api/v1/agents", null, 200)]
    [InlineData("/daprx", null, 200)]
    public async Task Only_sidecar_callbacks_need_the_app_token(string path, string? presented, int status)
    {
        var passed = false;
        var middleware = new DaprCallbackToken(_ => { passed = true; return Task.CompletedTask; }, Encoding.UTF8.GetBytes(Token), NullLogger<DaprCallbackToken>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (presented is not null)
        {
            context.Request.Headers[DaprCallbackToken.HeaderName] = presented;
        }

        await middleware.InvokeAsync(context);

        Assert.Equal(status == 200, passed);
        Assert.Equal(status, context.Response.StatusCode);
    }
}
