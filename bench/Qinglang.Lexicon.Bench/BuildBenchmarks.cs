using BenchmarkDotNet.Attributes;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Build time and bytes allocated (MemoryDiagnoser) for 10k / 100k / 1M entries: the automaton alone, a validated
/// lexicon from a word list, the same parsed from plain-format file text (what <c>Lexicon.Load</c> does after reading
/// the file), and the normalized-key matcher a normalizing detector adds. Peak heap and retained size, which
/// BenchmarkDotNet does not measure, are printed by <c>-- --build</c> (<see cref="BuildReport"/>).
/// </summary>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    private List<string> words = [];
    private string file = "";
    private Text.Lexicons.Lexicon lexicon = null!;
    private Func<string, string> keyOf = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        words = Workloads.RandomWords(Entries, 42);
        file = BuildReport.PlainFile(words);
        lexicon = Workloads.Library(words);
        var normalizer = TextNormalizer.Default;
        keyOf = word => normalizer.Normalize(word).Text;
    }

    [Benchmark]
    public int Automaton() => AhoCorasick.Build(words).NodeCount;

    [Benchmark]
    public int ValidatedLexicon() => Workloads.Library(words).Entries.Count;

    [Benchmark]
    public int ParsedLexicon() => Text.Lexicons.Lexicon.Parse(file, LexiconFormat.Plain, "bench.tsv").GetOrThrow().Entries.Count;

    [Benchmark]
    public int NormalizedKeyMatcher() => LexiconMatcher.Build(lexicon.Entries, keyOf).Automaton.KeyCount;
}
