using AgentPlatform.Agents.Channels;
using AgentPlatform.TestKit;

namespace AgentPlatform.Agents.Tests.Channels;

public sealed class ChannelServiceTests
{
    [Fact]
    public async Task Create_makes_the_creator_a_member_and_announces_it()
    {
        await using var host = ChannelTestHost.Start();
        var id = ChannelId.Create("general");

        var info = await host.Channels.CreateAsync(id, "General", "Everything", "agt_a").WithTimeout();

        Assert.Equal("general", info.Id);
        Assert.Equal("General", info.Name);
        Assert.Equal("Everything", info.Description);
        Assert.Equal("agt_a", info.CreatedBy);
        Assert.Equal(1, info.MemberCount);
        var log = await host.Channels.ReadAsync(id, "agt_a", 0, 50).WithTimeout();
        var announcement = Assert.Single(log.Messages);
        Assert.Equal(MessageKind.System, announcement.Kind);
        Assert.Equal("agt_a", announcement.SenderId);
    }

    [Fact]
    public async Task Creating_a_taken_id_fails_and_changes_nothing()
    {
        await using var host = ChannelTestHost.Start();
        var id = ChannelId.Create("taken");
        await host.Channels.CreateAsync(id, "First", null, "agt_a").WithTimeout();

        await Assert.ThrowsAsync<ChannelAlreadyExistsException>(() => host.Channels.CreateAsync(id, "Second", null, "agt_b").WithTimeout());

        var info = await host.Channels.GetAsync(id).WithTimeout();
        Assert.Equal("First", info.Name);
        Assert.Equal(1, info.MemberCount);
    }

    [Fact]
    public async Task Join_is_announced_once_and_repeated_join_changes_nothing()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a");

        var first = await host.Channels.JoinAsync(id, "agt_b").WithTimeout();
        var second = await host.Channels.JoinAsync(id, "agt_b").WithTimeout();

        Assert.True(first.Joined);
        Assert.False(second.Joined);
        Assert.Equal(2, second.Channel.MemberCount);
        var log = await host.Channels.ReadAsync(id, "agt_a", 0, 50).WithTimeout();
        Assert.Equal(2, log.Messages.Count);
        Assert.Equal("agt_b", log.Messages[1].SenderId);
        Assert.Equal(MessageKind.System, log.Messages[1].Kind);
    }

    [Fact]
    public async Task Unknown_channels_and_non_members_are_rejected()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a");
        var unknown = ChannelId.Create("nowhere");

        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.GetAsync(unknown).WithTimeout());
        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.JoinAsync(unknown, "agt_a").WithTimeout());
        await Assert.ThrowsAsync<ChannelNotFoundException>(() => host.Channels.PostAsync(unknown, "agt_a", null, "hi").WithTimeout());
        var post = await Assert.ThrowsAsync<NotChannelMemberException>(() => host.Channels.PostAsync(id, "agt_x", null, "hi").WithTimeout());
        Assert.Equal("agt_x", post.AgentId);
        await Assert.ThrowsAsync<NotChannelMemberException>(() => host.Channels.ReadAsync(id, "agt_x", 0, 10).WithTimeout());
        Assert.Equal(1, (await host.Channels.GetAsync(id).WithTimeout()).LastSequence);
    }

    [Fact]
    public async Task Posts_carry_sequence_priority_time_and_trace_context()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a");

        var message = await host.Channels.PostAsync(id, "agt_a", "Hello", "World", MessagePriority.High).WithTimeout();

        Assert.Equal(2, message.Sequence);
        Assert.Equal(id.Value, message.ChannelId);
        Assert.Equal(MessageKind.Post, message.Kind);
        Assert.Equal(MessagePriority.High, message.Priority);
        Assert.Equal(host.Time.GetUtcNow(), message.CreatedAt);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", message.TraceParent);
        Assert.Equal(32, message.Id.Length);
    }

    [Fact]
    public async Task Second_post_within_the_cooldown_is_refused_with_the_time_left()
    {
        await using var host = ChannelTestHost.Start(o => o.PostCooldown = TimeSpan.FromMinutes(2));
        var id = await host.CreateChannelAsync("agt_a", "agt_b");
        await host.Channels.PostAsync(id, "agt_a", null, "one").WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(30));

        var refused = await Assert.ThrowsAsync<PostCooldownException>(() => host.Channels.PostAsync(id, "agt_a", null, "two").WithTimeout());
        var other = await host.Channels.PostAsync(id, "agt_b", null, "other agent is not limited").WithTimeout();
        host.Time.Advance(TimeSpan.FromSeconds(90));
        var later = await host.Channels.PostAsync(id, "agt_a", null, "three").WithTimeout();

        Assert.Equal(TimeSpan.FromSeconds(90), refused.RetryAfter);
        Assert.Equal(4, other.Sequence);
        Assert.Equal(5, later.Sequence);
    }

    [Fact]
    public async Task Concurrent_posts_get_distinct_contiguous_sequences()
    {
        await using var host = ChannelTestHost.Start();
        var members = Enumerable.Range(0, 20).Select(i => $"agt_{i}").ToArray();
        var id = await host.CreateChannelAsync("agt_owner", members);
        var head = (await host.Channels.GetAsync(id).WithTimeout()).LastSequence;

        var posts = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => host.Channels.PostAsync(id, members[i % members.Length], null, $"post {i}"))).WithTimeout();

        Assert.Equal(Enumerable.Range((int)head + 1, 200).Select(i => (long)i), posts.Select(p => p.Sequence).Order());
        Assert.Equal(200, posts.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public async Task Log_is_read_page_by_page_by_cursor()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a");
        for (var i = 0; i < 7; i++)
        {
            await host.Channels.PostAsync(id, "agt_a", null, $"m{i}").WithTimeout();
        }

        var first = await host.Channels.ReadAsync(id, "agt_a", 1, 3).WithTimeout();
        var second = await host.Channels.ReadAsync(id, "agt_a", first.NextCursor, 3).WithTimeout();
        var third = await host.Channels.ReadAsync(id, "agt_a", second.NextCursor, 3).WithTimeout();
        var end = await host.Channels.ReadAsync(id, "agt_a", third.NextCursor, 3).WithTimeout();

        Assert.Equal(["m0", "m1", "m2"], first.Messages.Select(m => m.Content));
        Assert.Equal(["m3", "m4", "m5"], second.Messages.Select(m => m.Content));
        Assert.Equal(["m6"], third.Messages.Select(m => m.Content));
        Assert.Empty(end.Messages);
        Assert.Equal(8, end.NextCursor);
    }

    [Fact]
    public async Task Channels_are_listed_in_id_order_page_by_page()
    {
        await using var host = ChannelTestHost.Start();
        foreach (var name in new[] { "delta", "alpha", "charlie", "bravo" })
        {
            await host.Channels.CreateAsync(ChannelId.Create(name), name, null, "agt_a").WithTimeout();
        }

        var first = await host.Channels.ListAsync(null, 3).WithTimeout();
        var second = await host.Channels.ListAsync(first.NextCursor, 3).WithTimeout();

        Assert.Equal(["alpha", "bravo", "charlie"], first.Channels.Select(c => c.Id));
        Assert.Equal("charlie", first.NextCursor);
        Assert.Equal(["delta"], second.Channels.Select(c => c.Id));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task Leaving_is_announced_and_ends_posting_rights()
    {
        await using var host = ChannelTestHost.Start();
        var id = await host.CreateChannelAsync("agt_a", "agt_b");

        await host.Channels.LeaveAsync(id, "agt_b").WithTimeout();

        await Assert.ThrowsAsync<NotChannelMemberException>(() => host.Channels.PostAsync(id, "agt_b", null, "hi").WithTimeout());
        var log = await host.Channels.ReadAsync(id, "agt_a", 0, 50).WithTimeout();
        Assert.Equal("member left", log.Messages[^1].Title);
        Assert.Equal(1, (await host.Channels.GetAsync(id).WithTimeout()).MemberCount);
    }

    [Fact]
    public async Task Log_members_and_cooldown_survive_a_restart_over_sqlite()
    {
        var directory = ChannelTestHost.NewDataDirectory();
        var time = new ManualTimeProvider();
        var id = ChannelId.Create("durable");
        await using (var first = ChannelTestHost.Start(o => o.PostCooldown = TimeSpan.FromMinutes(1), dataDirectory: directory, time: time))
        {
            await first.Channels.CreateAsync(id, "Durable", null, "agt_a").WithTimeout();
            await first.Channels.JoinAsync(id, "agt_b").WithTimeout();
            for (var i = 0; i < 5; i++)
            {
                await first.Channels.PostAsync(id, $"agt_{(char)('c' + i)}", null, "not a member").ContinueWith(_ => { }, TaskScheduler.Default).WithTimeout();
            }

            await first.Channels.PostAsync(id, "agt_a", "t", "kept").WithTimeout();
        }

        await using var second = ChannelTestHost.Start(o => o.PostCooldown = TimeSpan.FromMinutes(1), dataDirectory: directory, time: time);
        var log = await second.Channels.ReadAsync(id, "agt_b", 0, 50).WithTimeout();
        var info = await second.Channels.GetAsync(id).WithTimeout();
        var list = await second.Channels.ListAsync(null, 10).WithTimeout();

        Assert.Equal([1L, 2L, 3L], log.Messages.Select(m => m.Sequence));
        Assert.Equal("kept", log.Messages[^1].Content);
        Assert.Equal(2, info.MemberCount);
        Assert.Equal(["durable"], list.Channels.Select(c => c.Id));
        await Assert.ThrowsAsync<PostCooldownException>(() => second.Channels.PostAsync(id, "agt_a", null, "again").WithTimeout());
        Assert.Equal(4, (await second.Channels.PostAsync(id, "agt_b", null, "next").WithTimeout()).Sequence);
    }
}
