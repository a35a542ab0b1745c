using BenchmarkDotNet.Attributes;
using Qinglang.Text.Matching;

namespace Qinglang.Lexicon.Bench;

/// <summary>One core, a 50k-entry library, 1M characters per operation (chars/s = 1e6 / mean time).</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    public const int TextLength = 1_000_000;
    private LexiconMatcher matcher = null!;
    private string clean = "";
    private string dense = "";

    [GlobalSetup]
    public void Setup()
    {
        var words = Workloads.RandomWords(50_000, 7);
        matcher = Workloads.Library(words).Matcher;
        clean = Workloads.CleanText(TextLength);
        dense = Workloads.DenseText(words, TextLength, 11);
    }

    [Benchmark]
    public int CleanRaw() => matcher.CountRawHits(clean);

    [Benchmark]
    public int CleanMatch() => matcher.Match(clean).Matches.Count;

    [Benchmark]
    public int DenseRaw() => matcher.CountRawHits(dense);

    [Benchmark]
    public int DenseMatch() => matcher.Match(dense).Matches.Count;
}
