using Qinglang.Core;
using Qinglang.Similarity.Farms;
using Qinglang.Similarity.Index;
using Qinglang.Similarity.Tests.Index;

namespace Qinglang.Similarity.Tests.Farms;

public sealed class ContentFarmDetectorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReportsNearDuplicatesFromManyAccountsInTheWindowOnly()
    {
        using var index = SimilarityIndex.Open(_folder.File("db"));
        var farm = PostTexts.Post(1);
        for (var i = 0; i < 5; i++)
        {
            // Five accounts post edited copies within two hours.
            index.Add(new IndexDocument($"farm-{i}", PostTexts.Edited(farm, 3, i), $"bot-{i}", Start.AddMinutes(25 * i)));
        }

        var lonely = PostTexts.Post(2);
        for (var i = 0; i < 4; i++)
        {
            index.Add(new IndexDocument($"same-{i}", PostTexts.Edited(lonely, 3, i), "one-account", Start.AddMinutes(i)));
        }

        var slow = PostTexts.Post(3);
        for (var i = 0; i < 4; i++)
        {
            index.Add(new IndexDocument($"slow-{i}", PostTexts.Edited(slow, 3, i), $"user-{i}", Start.AddDays(3 * i)));
        }

        for (var i = 0; i < 50; i++)
        {
            index.Add(new IndexDocument($"other-{i}", PostTexts.Post(100 + i), $"user-{i}", Start.AddMinutes(i)));
        }

        var clusters = ContentFarmDetector.Find(index, new FarmOptions { Window = TimeSpan.FromHours(24), MinAccounts = 3, Bucket = TimeSpan.FromHours(1) });
        var cluster = Assert.Single(clusters);
        Assert.Equal(["farm-0", "farm-1", "farm-2", "farm-3", "farm-4"], cluster.Members.Select(m => m.Id));
        Assert.Equal(["bot-0", "bot-1", "bot-2", "bot-3", "bot-4"], cluster.Accounts);
        Assert.Equal(Start, cluster.First);
        Assert.Equal(Start.AddMinutes(100), cluster.Last);
        Assert.Equal([3, 2], cluster.Timeline.Select(b => b.Posts));
        Assert.Equal([Start, Start.AddHours(1)], cluster.Timeline.Select(b => b.Start));

        var finding = cluster.ToFinding();
        Assert.Equal(CategoryCodes.AiWaterArmy, finding.Code);
        Assert.Contains("5 accounts", finding.Message);

        // A wider window links the slow family too; fewer accounts required reports the single-account family as well.
        Assert.Equal(2, ContentFarmDetector.Find(index, new FarmOptions { Window = TimeSpan.FromDays(10) }).Count);
        Assert.Equal(3, ContentFarmDetector.Find(index, new FarmOptions { Window = TimeSpan.FromDays(10), MinAccounts = 1 }).Count);
    }

    [Fact]
    public void NoClustersInAnEmptyOrUnrelatedIndex()
    {
        using var index = SimilarityIndex.Open(_folder.File("db"));
        Assert.Empty(ContentFarmDetector.Find(index));
        for (var i = 0; i < 30; i++)
        {
            index.Add(new IndexDocument($"p{i}", PostTexts.Post(i), $"a{i}", Start));
        }

        index.Add(new IndexDocument("empty", "", "x", Start));
        Assert.Empty(ContentFarmDetector.Find(index));
    }
}
