using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Tests.Index;

public sealed class SimilarityIndexTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("db");

    [Fact]
    public void FindsNearDuplicatesBestFirstAndNothingForUnrelatedText()
    {
        using var index = SimilarityIndex.Open(Db);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(AddOutcome.Added, index.Add(new IndexDocument($"post-{i}", PostTexts.Post(i), $"acct-{i % 7}", Noon.AddMinutes(i))));
        }

        var original = PostTexts.Post(42);
        var matches = index.Query(PostTexts.Edited(original, 4, seed: 1));
        var best = Assert.Single(matches);
        Assert.Equal("post-42", best.Id);
        Assert.Equal("acct-0", best.Account);
        Assert.Equal(Noon.AddMinutes(42), best.Time);
        Assert.InRange(best.Score.Score, 0.5, 1.0);
        Assert.NotEqual(MatchKind.None, best.Score.Kind);
        Assert.Empty(index.Query(PostTexts.Post(100_000)));

        // An exact copy scores higher than a lightly edited one.
        index.Add(new IndexDocument("copy-42", PostTexts.Edited(original, 12, seed: 2)));
        var ranked = index.Query(original);
        Assert.Equal(["post-42", "copy-42"], ranked.Select(m => m.Id));
        Assert.True(ranked[0].Score.Score > ranked[1].Score.Score);
    }

    [Fact]
    public void SurvivesReopenWhetherSealedOrReplayedFromTheLog()
    {
        var options = new SimilarityIndexOptions { SealEvery = 64, MaxSegments = 3 };
        using (var index = SimilarityIndex.Open(Db, options))
        {
            index.AddRange(Enumerable.Range(0, 500).Select(i => new IndexDocument($"p{i}", PostTexts.Post(i), "a", Noon)));
            Assert.Equal(500, index.Count);
        }

        Assert.True(Directory.EnumerateFiles(Db, "postings-*.bin").Count() <= 4, "segments are merged once there are more than MaxSegments");
        using (var index = SimilarityIndex.Open(Db, options))
        {
            Assert.Equal(500, index.Count);
            foreach (var i in new[] { 0, 63, 64, 250, 499 })
            {
                Assert.Equal($"p{i}", Assert.Single(index.Query(PostTexts.Edited(PostTexts.Post(i), 3, i))).Id);
            }

            index.Compact();
            Assert.Single(Directory.EnumerateFiles(Db, "postings-*.bin"));
            Assert.Equal("p7", Assert.Single(index.Query(PostTexts.Post(7))).Id);
        }
    }

    [Fact]
    public void SameIdReplacesTheDocumentAndIdenticalReAddChangesNothing()
    {
        using var index = SimilarityIndex.Open(Db);
        Assert.Equal(AddOutcome.Added, index.Add(new IndexDocument("x", PostTexts.Post(1), "a", Noon)));
        index.Flush();
        var logLength = new FileInfo(Path.Combine(Db, "records.log")).Length;
        Assert.Equal(AddOutcome.Unchanged, index.Add(new IndexDocument("x", PostTexts.Post(1), "a", Noon)));
        index.Flush();
        Assert.Equal(logLength, new FileInfo(Path.Combine(Db, "records.log")).Length);

        Assert.Equal(AddOutcome.Replaced, index.Add(new IndexDocument("x", PostTexts.Post(2), "b", Noon)));
        Assert.Equal(1, index.Count);
        Assert.Empty(index.Query(PostTexts.Post(1)));
        Assert.Equal("b", Assert.Single(index.Query(PostTexts.Post(2))).Account);
        index.Seal();
        Assert.Equal(AddOutcome.Replaced, index.Add(new IndexDocument("x", PostTexts.Post(3), "c", Noon)));
        Assert.Empty(index.Query(PostTexts.Post(2)));
        Assert.Equal("c", index.Get("x")!.Account);
        Assert.Null(index.Get("y"));
    }

    [Fact]
    public void RefusesAnIndexMadeWithOtherFingerprintParameters()
    {
        using (var index = SimilarityIndex.Open(Db))
        {
            index.Add(new IndexDocument("x", PostTexts.Post(1)));
        }

        var other = new SimilarityIndexOptions { Fingerprint = FingerprintOptions.Default with { ShingleSize = 2 } };
        var error = Assert.Throws<IndexParameterMismatchException>(() => SimilarityIndex.Open(Db, other));
        Assert.Contains("n2", error.Message);
        Assert.Contains("n3", error.Message);
    }

    [Fact]
    public void OtherBandingRebuildsThePostingsFromTheLog()
    {
        using (var index = SimilarityIndex.Open(Db))
        {
            index.AddRange(Enumerable.Range(0, 50).Select(i => new IndexDocument($"p{i}", PostTexts.Post(i))));
        }

        using var rebanded = SimilarityIndex.Open(Db, new SimilarityIndexOptions { Bands = new LshBands(16, 8) });
        Assert.Equal(50, rebanded.Count);
        Assert.Equal("p9", Assert.Single(rebanded.Query(PostTexts.Post(9))).Id);
    }

    [Fact]
    public void RefusesAFolderThatIsNotAnIndexAndASecondWriter()
    {
        Directory.CreateDirectory(Db);
        File.WriteAllText(Path.Combine(Db, "notes.txt"), "mine");
        Assert.Contains("not an index folder", Assert.Throws<IOException>(() => SimilarityIndex.Open(Db)).Message);

        var other = _folder.File("other");
        using var first = SimilarityIndex.Open(other);
        Assert.Contains("in use", Assert.Throws<IOException>(() => SimilarityIndex.Open(other)).Message);
    }

    [Fact]
    public void BadDocumentsHaveDefinedResults()
    {
        using var index = SimilarityIndex.Open(Db);
        Assert.Throws<ArgumentException>(() => index.Add(new IndexDocument("", "文本")));
        Assert.Throws<ArgumentException>(() => index.Add(new IndexDocument(new string('x', 2000), "文本")));

        // An empty text is stored (so ids stay unique) but never matches; a one-character text matches only itself,
        // not every post that contains the character.
        index.Add(new IndexDocument("post", "我们今天讨论的是我国新的人工智能内容标识办法，我认为很有必要。"));
        Assert.Equal(AddOutcome.Added, index.Add(new IndexDocument("empty", "")));
        Assert.Equal(AddOutcome.Added, index.Add(new IndexDocument("one", "我")));
        Assert.Empty(index.Query(""));
        Assert.Empty(index.Query(" \n\t "));
        Assert.Equal("one", Assert.Single(index.Query("我")).Id);
        Assert.Equal(3, index.Count);

        // Non-Chinese text is fingerprinted by words.
        const string english = "The committee approved the new rules for labeling synthetic media on Tuesday after a long debate among the members about provenance and watermarks.";
        index.Add(new IndexDocument("en", english));
        Assert.Equal("en", Assert.Single(index.Query(english.Replace("Tuesday", "Monday", StringComparison.Ordinal))).Id);

        // A 50 MB document is indexed in bounded space: its fingerprint keeps a bounded sample of shingles.
        var huge = string.Concat(Enumerable.Range(0, 130_000).Select(i => PostTexts.Post(1_000_000 + i)));
        Assert.True(huge.Length * 2 > 50_000_000);
        index.Add(new IndexDocument("huge", huge));
        Assert.True(new FileInfo(Path.Combine(Db, "records.log")).Length < 1_000_000);
        Assert.Equal(AddOutcome.Unchanged, index.Add(new IndexDocument("huge", huge)));
    }

    [Fact]
    public void AddRangeCountsOutcomesAndRejections()
    {
        using var index = SimilarityIndex.Open(Db, new SimilarityIndexOptions { Parallelism = 2, SealEvery = 100 });
        var documents = Enumerable.Range(0, 300).Select(i => new IndexDocument($"p{i % 250}", PostTexts.Post(i)))
            .Append(new IndexDocument("", "无id"))
            .Append(new IndexDocument("blank", "  \n "));
        var seen = 0L;
        var summary = index.AddRange(documents, done => seen = done);
        Assert.Equal(251, summary.Added);
        Assert.Equal(50, summary.Replaced);
        Assert.Equal(1, summary.Empty);
        Assert.Single(summary.Rejected);
        Assert.Equal(302, seen);
        Assert.Equal(251, index.Count);
        Assert.Equal("p10", Assert.Single(index.Query(PostTexts.Post(260))).Id);
    }
}
