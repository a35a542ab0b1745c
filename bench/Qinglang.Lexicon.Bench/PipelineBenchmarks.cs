using BenchmarkDotNet.Attributes;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// The whole lexicon path as a host runs it — normalize, match, map each hit back to original offsets and build the
/// findings — through <see cref="LexiconDetector.Scan"/>. One core, a 50k-entry library, 1M characters per
/// operation. Normalization on: every step of <see cref="NormalizationOptions.Default"/>, into the detector's reused
/// buffer. Off: the detector's lower-case-only path (no offset map).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private LexiconDetector normalizing = null!;
    private LexiconDetector lowercaseOnly = null!;
    private string clean = "";
    private string dense = "";

    [GlobalSetup]
    public void Setup()
    {
        var words = Workloads.RandomWords(50_000, 7);
        var library = Workloads.Library(words);
        normalizing = new LexiconDetector(library, TextNormalizer.Default);
        lowercaseOnly = new LexiconDetector(library);
        clean = Workloads.CleanText(ScanBenchmarks.TextLength);
        dense = Workloads.DenseText(words, ScanBenchmarks.TextLength, 11);
        normalizing.Scan(clean); // builds the normalized-key matcher outside the measurement
    }

    [Benchmark]
    public int CleanNormalized() => normalizing.Scan(clean).Findings.Count;

    [Benchmark]
    public int CleanLowercaseOnly() => lowercaseOnly.Scan(clean).Findings.Count;

    [Benchmark]
    public int DenseNormalized() => normalizing.Scan(dense).Findings.Count;

    [Benchmark]
    public int DenseLowercaseOnly() => lowercaseOnly.Scan(dense).Findings.Count;
}
