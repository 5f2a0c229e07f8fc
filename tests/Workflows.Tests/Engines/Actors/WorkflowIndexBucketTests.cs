using AgentPlatform.Workflows.Decisions;
using AgentPlatform.Workflows.Engines.Actors;
using AgentPlatform.Workflows.Operations;

namespace AgentPlatform.Workflows.Tests.Engines.Actors;

/// <summary>An index bucket keeps its ids in pages of at most <see cref="WorkflowIndexBucket.PageSize"/>, and an add or a removal
/// changes one page (plus trailing pages it empties).</summary>
public sealed class WorkflowIndexBucketTests
{
    private const int PageSize = WorkflowIndexBucket.PageSize;

    [Fact]
    public void Ids_fill_pages_of_at_most_the_page_size_in_order_and_each_add_names_its_page()
    {
        var bucket = new WorkflowIndexBucket([]);

        var pages = Enumerable.Range(0, (3 * PageSize) + 5).Select(n => bucket.Add(Summary($"i-{n}"))).ToList();

        Assert.Equal(4, bucket.PageCount);
        Assert.Equal([PageSize, PageSize, PageSize, 5], Enumerable.Range(0, bucket.PageCount).Select(p => bucket.Page(p).Count));
        Assert.Equal(Enumerable.Range(0, (3 * PageSize) + 5).Select(n => n / PageSize), pages);
        Assert.Equal((3 * PageSize) + 5, bucket.Entries.Count);
    }

    [Fact]
    public void Room_a_removal_frees_is_taken_by_the_next_add_so_pages_follow_the_count_not_the_adds()
    {
        var bucket = new WorkflowIndexBucket([]);
        for (var n = 0; n < 3 * PageSize; n++)
        {
            bucket.Add(Summary($"i-{n}"));
        }

        for (var round = 0; round < 10; round++)
        {
            var removed = $"i-{PageSize + round}";
            Assert.Equal([1], bucket.Remove(removed));
            Assert.Equal(1, bucket.Add(Summary($"new-{round}")));
        }

        Assert.Equal(3, bucket.PageCount);
        Assert.Equal(3 * PageSize, bucket.Entries.Count);
        Assert.Contains("new-9", bucket.Page(1));
    }

    [Fact]
    public void Pages_emptied_at_the_end_are_dropped_and_named_while_an_emptied_middle_page_stays()
    {
        var bucket = new WorkflowIndexBucket([["a"], ["b"], ["c"]]);

        Assert.Equal([1], bucket.Remove("b"));
        Assert.Equal(3, bucket.PageCount);
        Assert.Empty(bucket.Page(1));

        Assert.Equal([2, 1], bucket.Remove("c"));
        Assert.Equal(1, bucket.PageCount);
        Assert.False(bucket.HasPage(1));
        Assert.Empty(bucket.Remove("c"));
        Assert.Empty(bucket.Remove("nobody"));
    }

    [Fact]
    public void A_first_page_stored_whole_by_the_previous_version_keeps_its_ids_and_new_ones_go_to_the_next_page()
    {
        var stored = Enumerable.Range(0, PageSize + 10).Select(n => $"old-{n}").ToList();
        var bucket = new WorkflowIndexBucket([stored]);

        Assert.Equal(1, bucket.Add(Summary("new")));
        Assert.Equal(PageSize + 10, bucket.Page(0).Count);
        Assert.Equal(0, bucket.Add(Summary("old-3")));
        Assert.Equal(PageSize + 10, bucket.Page(0).Count);
        Assert.Equal([0], bucket.Remove("old-0"));
        Assert.Equal(PageSize + 9, bucket.Page(0).Count);
    }

    private static WorkflowInstanceSummary Summary(string id) => new()
    {
        InstanceId = TestInstances.Id(id),
        DefinitionId = "d",
        DefinitionVersion = 1,
        Status = WorkflowStatus.Running,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };
}
