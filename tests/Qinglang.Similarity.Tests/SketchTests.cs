namespace Qinglang.Similarity.Tests;

/// <summary>MinHash against exact Jaccard, SimHash distances, LSH band keys.</summary>
public sealed class SketchTests
{
    [Fact]
    public void MinHashEstimatesTheExactJaccard()
    {
        var texts = new[] { Seeds.Read("001"), TestTexts.Faithful, Seeds.Read("002") };
        var errors = new List<double>();
        foreach (var text in texts)
        {
            // Pairs of windows of one text with overlaps from about 0.1 to 0.9.
            for (var shift = 100; shift <= 900; shift += 200)
            {
                var a = TestTexts.Print(text.Substring(0, 1000));
                var b = TestTexts.Print(text.Substring(shift, 1000));
                var exact = SimilarityScorer.Default.Compare(a, b).Jaccard;
                var estimate = SimilarityScorer.EstimateJaccard(a.MinHash, b.MinHash);
                Assert.True(Math.Abs(estimate - exact) < 0.15, $"estimate {estimate:0.000}, exact {exact:0.000}");
                errors.Add(Math.Abs(estimate - exact));
            }
        }

        Assert.True(errors.Average() < 0.05, $"mean error {errors.Average():0.000}");
    }

    [Fact]
    public void SimHashDistanceGrowsWithTheDifference()
    {
        var text = Seeds.Read("001");
        var original = TestTexts.Print(text);
        var edited = TestTexts.Print(text.Replace("第二阶段", "下一阶段", StringComparison.Ordinal) + "本文有删节。");
        var unrelated = TestTexts.Print(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Texts", "football.txt")));

        var same = Distance(original, TestTexts.Print(text));
        var near = Distance(original, edited);
        var far = Distance(original, unrelated);

        Assert.Equal(0, same);
        Assert.InRange(near, 0, 8);
        Assert.InRange(far, 16, 48);
        Assert.Equal(1 - (near / 64.0), SimilarityScorer.Default.Compare(original, edited).SimHashSimilarity);
    }

    [Fact]
    public void BandKeysAreStable()
    {
        // Stored in indexes: a change here breaks every index on disk, so it needs a new FormatVersion. No spin table,
        // so that growing the table (which changes ConfigurationId, not the format) does not touch this value.
        var fingerprinter = new TextFingerprinter(FingerprintOptions.Default with { Canonicalizer = Qinglang.Similarity.Spin.SpinCanonicalizer.Empty });
        var keys = LshBands.Default.BandKeys(fingerprinter.Compute("深度合成服务提供者应当加强技术管理。")).ToArray();

        Assert.Equal(32, keys.Length);
        Assert.Equal(ExpectedFirstKey, keys[0]);
        Assert.Equal("v1-n3-k128-s51696e676c616e67-c8192-t" + Qinglang.Similarity.Spin.SpinCanonicalizer.Default.TableId, FingerprintOptions.Default.ConfigurationId);
    }

    [Fact]
    public void NearDuplicatesShareBandKeysAndUnrelatedTextsDoNot()
    {
        var text = Seeds.Read("001");
        var a = LshBands.Default.BandKeys(TestTexts.Print(text)).ToHashSet();
        var copy = LshBands.Default.BandKeys(TestTexts.Print(text + "本文有删节。")).ToArray();
        var other = LshBands.Default.BandKeys(TestTexts.Print(Seeds.Read("000"))).ToArray();

        Assert.Contains(copy, a.Contains);
        Assert.DoesNotContain(other, a.Contains);
        Assert.True(LshBands.Default.CandidateProbability(0.8) > 0.99);
        Assert.True(LshBands.Default.CandidateProbability(0.1) < 0.01);
    }

    [Fact]
    public void BandsNeedEnoughMinHashValues()
    {
        var fingerprint = TestTexts.Print("深度合成");

        Assert.Throws<ArgumentException>(() => new LshBands(64, 4).BandKeys(fingerprint));
        Assert.Throws<ArgumentException>(() => LshBands.Default.WriteBandKeys(fingerprint, new ulong[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LshBands(0, 4));
    }

    [Fact]
    public void FingerprintsOfDifferentOptionsAreNotCompared()
    {
        var small = new TextFingerprinter(FingerprintOptions.Default with { Permutations = 64 }).Compute("深度合成服务");

        Assert.Throws<ArgumentException>(() => SimilarityScorer.Default.Compare(small, TestTexts.Print("深度合成服务")));
    }

    private const ulong ExpectedFirstKey = 595615748418437889UL;

    private static int Distance(Fingerprint a, Fingerprint b) => System.Numerics.BitOperations.PopCount(a.SimHash ^ b.SimHash);
}
