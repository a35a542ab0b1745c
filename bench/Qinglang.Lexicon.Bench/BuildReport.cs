using System.Diagnostics;
using System.Text;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// Build time and memory of 10k / 100k / 1M-entry lexicons, the way a host pays for them: the plain-format file
/// text parsed and validated into a lexicon (<see cref="Text.Lexicons.Lexicon.Parse"/>; matchers are built on first
/// use), then what a host holds ready to scan: the lexicon with its lower-case matcher (no normalizer), or a
/// <see cref="LexiconDetector"/> with <see cref="TextNormalizer.Default"/> (the lexicon and the one matcher keyed by
/// the normalizer; the lower-case matcher is never built). Memory is measured three ways, all threads:
/// bytes allocated while building (an upper bound on the peak), the peak of the managed heap above where it stood
/// before (<see cref="HeapPeak"/>), and the retained size of what was built (heap after a full collection minus the
/// heap before, the input kept alive in both).
/// </summary>
internal static class BuildReport
{
    public static void Run()
    {
        Console.WriteLine("entries   | step                         | best time | allocated | peak heap | retained");
        foreach (int entries in new[] { 10_000, 100_000, 1_000_000 })
        {
            var words = Workloads.RandomWords(entries, 42);
            string file = PlainFile(words);
            int rounds = entries >= 1_000_000 ? 2 : 3;
            Measure(entries, "automaton alone", rounds, () => AhoCorasick.Build(words));
            Measure(entries, "validated lexicon", rounds, () => Parse(file));
            Measure(entries, "lexicon + lower-case matcher", rounds, () =>
            {
                var lexicon = Parse(file);
                GC.KeepAlive(lexicon.Matcher);
                return lexicon;
            });
            Measure(entries, "normalizing detector, ready", rounds, () =>
            {
                var detector = new LexiconDetector(Parse(file), TextNormalizer.Default);
                detector.ScanHits(""); // builds the matcher keyed by the normalizer: all a normalizing host builds
                return detector;
            });
            GC.KeepAlive(file);
        }
    }

    private static Text.Lexicons.Lexicon Parse(string file) => Text.Lexicons.Lexicon.Parse(file, LexiconFormat.Plain, "bench.tsv").GetOrThrow();

    /// <summary>The words as a plain-format file: one <c>word&lt;TAB&gt;category&lt;TAB&gt;severity</c> a line.</summary>
    public static string PlainFile(List<string> words)
    {
        var text = new StringBuilder(words.Count * 24);
        text.Append("# version: bench\n");
        foreach (string word in words) text.Append(word).Append("\tmod.spam\twarning\n");
        return text.ToString();
    }

    /// <summary>Builds <paramref name="rounds"/> times (best time) and returns the last build; memory is the last round's.</summary>
    private static object Measure(int entries, string step, int rounds, Func<object> build)
    {
        var best = TimeSpan.MaxValue;
        long allocated = 0, retained = 0, peak = 0;
        object? last = null;
        for (int round = 0; round < rounds; round++)
        {
            last = null; // the previous round's build must not count in this round's "before"
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalMemory(forceFullCollection: true);
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            using var heap = HeapPeak.Start();
            var watch = Stopwatch.StartNew();
            last = build();
            watch.Stop();
            peak = heap.Stop() - before;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            if (watch.Elapsed < best) best = watch.Elapsed;
        }

        Console.WriteLine($"{entries,9:N0} | {step,-28} | {best.TotalMilliseconds,6:F0} ms | {allocated / 1048576.0,6:F1} MB | {peak / 1048576.0,6:F1} MB  | {retained / 1048576.0,6:F1} MB");
        return last!;
    }
}
