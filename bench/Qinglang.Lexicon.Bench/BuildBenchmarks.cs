using BenchmarkDotNet.Attributes;
using Qinglang.Text.Matching;

namespace Qinglang.Lexicon.Bench;

[MemoryDiagnoser]
public class BuildBenchmarks
{
    private List<string> words = [];

    [Params(10_000, 100_000, 1_000_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup() => words = Workloads.RandomWords(Entries, 42);

    [Benchmark]
    public int Automaton() => AhoCorasick.Build(words).NodeCount;

    [Benchmark]
    public int ValidatedLexicon() => Workloads.Library(words).Entries.Count;
}
