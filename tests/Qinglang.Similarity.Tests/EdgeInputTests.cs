namespace Qinglang.Similarity.Tests;

/// <summary>Empty, tiny, punctuation-only, non-Chinese and huge inputs have defined fingerprints and comparisons.</summary>
public sealed class EdgeInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("，。！？、……——《》")]
    public void TextWithoutContentHasAnEmptyFingerprint(string text)
    {
        var fingerprint = TestTexts.Print(text);

        Assert.True(fingerprint.IsEmpty);
        Assert.Equal(0, fingerprint.Length);
        Assert.Empty(fingerprint.Shingles);
        Assert.Empty(fingerprint.RawShingles);
        Assert.Equal(0UL, fingerprint.SimHash);
        Assert.All(fingerprint.MinHash, v => Assert.Equal(uint.MaxValue, v));
        Assert.Empty(LshBands.Default.BandKeys(fingerprint));
        var score = SimilarityScorer.Default.Compare(fingerprint, TestTexts.Print(text));
        Assert.Equal(MatchKind.None, score.Kind);
        Assert.Equal(0, score.Score);
    }

    [Fact]
    public void OneCharacterIsOneShingle()
    {
        var one = TestTexts.Print("中");

        Assert.Equal(1, one.Length);
        Assert.Equal(1, one.ShingleCount);
        Assert.Single(one.RawShingles);
        Assert.Equal(LshBands.Default.Bands, LshBands.Default.BandKeys(one).Count());
        Assert.Equal(MatchKind.NearDuplicate, SimilarityScorer.Default.Compare(one, TestTexts.Print("中")).Kind);
        Assert.Equal(MatchKind.None, SimilarityScorer.Default.Compare(one, TestTexts.Print("国")).Kind);
    }

    [Fact]
    public void TraditionalFullWidthAndCaseVariantsReadAlike()
    {
        var score = TestTexts.Compare("深度合成服務提供者應當加強ＡＩ技術管理，保障數據安全。", "深度合成服务提供者应当加强ai技术管理，保障数据安全。");

        Assert.Equal(1.0, score.Jaccard);
        Assert.Equal(1.0, score.RawJaccard);
    }

    [Fact]
    public void EnglishTextIsShingledByWords()
    {
        const string original = "The regulation requires providers to label synthetic content, keep logs for six months, " +
            "and verify the real identity of users. Platforms must review applications before they go online, " +
            "and they must remove tools that imitate voices without consent.";
        const string reordered = "Platforms must review applications before they go online, and they must remove tools that imitate " +
            "voices without consent. The regulation requires providers to label synthetic content, keep logs for six months, " +
            "and verify the real identity of users.";
        const string unrelated = "The football club won the league on Sunday after a late goal from its young striker, " +
            "and thousands of fans celebrated in the city centre until the early morning.";

        var fingerprint = TestTexts.Print(original);
        Assert.Equal(original.Count(char.IsLetterOrDigit), fingerprint.Length);
        Assert.Equal(MatchKind.NearDuplicate, TestTexts.Compare(original, reordered).Kind);
        Assert.Equal(1.0, TestTexts.Compare(original, reordered).Jaccard);
        Assert.Equal(MatchKind.None, TestTexts.Compare(original, unrelated).Kind);
    }

    [Fact]
    public void A50MegabyteDocumentIsSampledInBoundedMemory()
    {
        var text = HugeText(26_000_000, seed: 1);
        var fingerprinter = new TextFingerprinter();
        fingerprinter.Compute("预热"); // the per-thread buffers exist before measuring

        var before = GC.GetAllocatedBytesForCurrentThread();
        var fingerprint = fingerprinter.Compute(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 32 * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB for a {text.Length * 2 / 1024 / 1024} MB text");
        Assert.True(fingerprint.SampleLevel > 0);
        Assert.InRange(fingerprint.Shingles.Length, 1, FingerprintOptions.Default.MaxStoredShingles);
        Assert.True(fingerprint.Shingles.All(h => h <= uint.MaxValue >> fingerprint.SampleLevel));
        Assert.InRange(fingerprint.ShingleCount, 18_000_000, 34_000_000);
        Assert.Equal(1.0, SimilarityScorer.Default.Compare(fingerprint, fingerprint).Jaccard);
        Assert.Equal(MatchKind.None, SimilarityScorer.Default.Compare(fingerprint, TestTexts.Print(Seeds.Read("001"))).Kind);
    }

    /// <summary>Random common CJK characters in clauses of 6–20, so nearly every shingle is new.</summary>
    private static string HugeText(int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        var untilBoundary = 10;
        for (var i = 0; i < length; i++)
        {
            if (--untilBoundary == 0)
            {
                chars[i] = random.Next(4) == 0 ? '。' : '，';
                untilBoundary = random.Next(6, 21);
            }
            else
            {
                chars[i] = (char)random.Next(0x4E00, 0x4E00 + 6000);
            }
        }

        return new string(chars);
    }
}
