using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Tests.Index;

/// <summary>A short post copied out of a long article is found through containment anchors, both ways round.</summary>
public sealed class ContainmentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FindsAQuotedPassageInsideALongArticleAndTheArticleForThePassage()
    {
        var article = string.Concat(Enumerable.Range(0, 25).Select(i => PostTexts.Post(5000 + i)));
        using var index = SimilarityIndex.Open(_folder.File("db"));
        index.Add(new IndexDocument("article", article));
        for (var i = 0; i < 300; i++)
        {
            index.Add(new IndexDocument($"post-{i}", PostTexts.Post(i)));
        }

        var passage = PostTexts.Post(5012);
        var match = Assert.Single(index.Query(passage));
        Assert.Equal("article", match.Id);
        Assert.Equal(MatchKind.Containment, match.Score.Kind);
        Assert.True(match.Score.ContainmentAInB > 0.9);

        index.Seal();
        index.Add(new IndexDocument("quote", PostTexts.Post(5020)));
        var reverse = index.Query(article);
        Assert.Contains(reverse, m => m.Id == "quote" && m.Score.Kind == MatchKind.Containment);
    }
}
