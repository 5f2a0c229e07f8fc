using System.Buffers;
using System.Text;
using AgentPlatform.AgentHost.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AgentPlatform.AgentHost.Tests.Http;

/// <summary>The request body reader hands out documents that own their bytes.</summary>
public sealed class JsonBodyTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(300)]
    [InlineData(5_000)]
    public async Task A_parsed_body_survives_the_array_pool_handing_out_and_overwriting_buffers(int contentLength)
    {
        var content = new string('m', contentLength);
        var body = Encoding.UTF8.GetBytes($$"""{"description":"{{content}}"}""");

        var result = await JsonBody.ReadObjectAsync(RequestWith(body));
        using var document = result.Value!;

        // What a concurrent request would do next: rent buffers of the body's size and fill them with its own bytes.
        var rented = Enumerable.Range(0, 16).Select(_ => ArrayPool<byte>.Shared.Rent(body.Length + 1)).ToList();
        rented.ForEach(buffer => buffer.AsSpan().Fill((byte)'x'));
        try
        {
            Assert.Equal(content, document.RootElement.GetProperty("description").GetString());
        }
        finally
        {
            rented.ForEach(buffer => ArrayPool<byte>.Shared.Return(buffer));
        }
    }

    private static DefaultHttpContext RequestWith(byte[] body)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddOptions().Configure<ApiOptions>(_ => { }).BuildServiceProvider(),
        };
        context.Request.Method = "PATCH";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context;
    }
}
