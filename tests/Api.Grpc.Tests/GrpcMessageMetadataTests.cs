using System.Text.Json.Nodes;
using AgentPlatform.Grpc.V1;
using AgentPlatform.TestKit;
using AgentPlatform.TestKit.Llm;
using Grpc.Core;
using Xunit.Abstractions;

namespace AgentPlatform.Api.Grpc.Tests;

/// <summary>A message's metadata over gRPC (<c>metadata_json</c>): an LLM member's answer, read with ReadMessages, carries its usage
/// as the HTTP API shows it; a plain post carries none.</summary>
public sealed class GrpcMessageMetadataTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_llm_answer_read_over_grpc_carries_its_usage_and_a_plain_post_carries_no_metadata()
    {
        var timeout = TestTimeout.After(60);
        const string channel = "grpc-llm-room";
        await using var server = await TestLlmServer.StartAsync(new TestLlmScript());
        await using var host = await GrpcHost.StartAsync(output, timeout, settings =>
        {
            settings["Channels__PostCooldown"] = "00:00:00";
            settings["Llm__Channels__ReadWait"] = "00:00:01";
            settings["Llm__Agents__helper__Endpoint"] = server.BaseUrl.ToString();
            settings["Llm__Agents__helper__Model"] = "test-model";
            settings["Llm__Agents__helper__ApiKey"] = "sk-grpc-metadata";
            settings["Llm__Agents__helper__Channels__0"] = channel;
        });
        var (_, key) = await host.RegisterAsync("grpc-asker", timeout);
        var channels = new ChannelService.ChannelServiceClient(host.Channel);
        await JoinWhenCreatedAsync(channels, channel, key, timeout);

        var plain = await channels.PostMessageAsync(new PostMessageRequest { ChannelId = channel, Content = "no mention here" }, key, cancellationToken: timeout);
        var asked = await channels.PostMessageAsync(new PostMessageRequest { ChannelId = channel, Content = "@helper over grpc" }, key, cancellationToken: timeout);
        var answer = await AnswerToAsync(channels, channel, asked.Sequence, key, timeout);

        Assert.Equal("llm:helper", answer.SenderId);
        Assert.Equal(string.Empty, plain.MetadataJson);
        var usage = JsonNode.Parse(answer.MetadataJson)!["llm_usage"]!;
        Assert.True(usage["input_tokens"]!.GetValue<long>() > 0);
        Assert.True(usage["output_tokens"]!.GetValue<long>() > 0);
    }

    private static async Task JoinWhenCreatedAsync(ChannelService.ChannelServiceClient channels, string channel, Metadata key, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await channels.JoinChannelAsync(new JoinChannelRequest { ChannelId = channel }, key, cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException notYet) when (notYet.StatusCode == StatusCode.NotFound)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static async Task<Message> AnswerToAsync(
        ChannelService.ChannelServiceClient channels, string channel, long askedAt, Metadata key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var log = await channels.ReadMessagesAsync(new ReadMessagesRequest { ChannelId = channel, After = askedAt }, key, cancellationToken: cancellationToken);
            if (log.Messages.FirstOrDefault(m => m.Title == $"re: #{askedAt}") is { } answer)
            {
                return answer;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
