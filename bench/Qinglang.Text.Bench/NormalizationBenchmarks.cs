using BenchmarkDotNet.Attributes;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Bench;

/// <summary>
/// Normalization throughput on ~1 MB of Chinese seed text: chars/s = <see cref="BenchText.Length"/> / mean time.
/// The buffer variants reuse one <see cref="NormalizationBuffer"/> (what a scanner does); the string variant
/// allocates the <see cref="NormalizedText"/> result.
/// </summary>
[MemoryDiagnoser]
public class NormalizationBenchmarks
{
    private readonly NormalizationBuffer buffer = new();
    private string text = string.Empty;
    private TextNormalizer every = TextNormalizer.Default;
    private TextNormalizer none = TextNormalizer.Default;
    private TextNormalizer tokens = TextNormalizer.Default;

    [GlobalSetup]
    public void Setup()
    {
        text = BenchText.Chinese();
        every = new TextNormalizer(NormalizationOptions.Default);
        none = new TextNormalizer(NormalizationOptions.None);
        tokens = new TextNormalizer(NormalizationOptions.Default with { Emoji = EmojiHandling.Token, CollapseRepeats = false });
        every.Normalize(text, buffer);
    }

    [Benchmark(Baseline = true, Description = "every step, reused buffer")]
    public int EveryStep() => every.Normalize(text, buffer);

    [Benchmark(Description = "every step but repeats, emoji tokens")]
    public int NoRepeats() => tokens.Normalize(text, buffer);

    [Benchmark(Description = "every step off, reused buffer")]
    public int NoStep() => none.Normalize(text, buffer);

    [Benchmark(Description = "every step, NormalizedText result")]
    public int EveryStepAllocating() => every.Normalize(text).Text.Length;
}
