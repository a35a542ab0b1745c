namespace Qinglang.Similarity.Tests;

/// <summary>One fingerprinter shared by threads gives what it gives on one thread.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void ParallelFingerprintsEqualSequentialOnes()
    {
        var text = Seeds.Read("001") + Seeds.Read("002");
        var posts = Enumerable.Range(0, 400).Select(i => text.Substring(i * 37 % (text.Length - 300), 100 + (i % 200))).ToArray();
        var sequential = posts.Select(TestTexts.Print).ToArray();

        var parallel = new Fingerprint[posts.Length];
        Parallel.For(0, posts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = TestTexts.Print(posts[i]));

        for (var i = 0; i < posts.Length; i++)
        {
            Assert.Equal(sequential[i].MinHash, parallel[i].MinHash);
            Assert.Equal(sequential[i].Shingles, parallel[i].Shingles);
            Assert.Equal(sequential[i].RawShingles, parallel[i].RawShingles);
            Assert.Equal(sequential[i].SimHash, parallel[i].SimHash);
        }
    }

    [Fact]
    public void ABigTextThenASmallOneLeavesNoState()
    {
        var small = "深度合成服务提供者应当加强技术管理。";
        var fresh = TestTexts.Print(small);
        TestTexts.Print(string.Concat(Enumerable.Repeat(Seeds.Read("001"), 40)));

        var after = TestTexts.Print(small);
        Assert.Equal(fresh.MinHash, after.MinHash);
        Assert.Equal(fresh.Shingles, after.Shingles);
        Assert.Equal(fresh.SampleLevel, after.SampleLevel);
    }
}
