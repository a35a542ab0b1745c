using System.Diagnostics;

namespace Qinglang.Lexicon.Bench;

/// <summary>One engine's figures on the dense workload: what the README table prints per row.</summary>
internal sealed record DenseRow(string Engine, double BuildSeconds, double HeldMegabytes, double CharsPerSecond, long Hits, long Flagged, long Chars)
{
    public const string Header = "| engine | build | held after build | scan (one core) | hits | chars per hit | comments flagged |\n|---|---|---|---|---|---|---|";

    public string ToMarkdown() =>
        $"| {Engine} | {BuildSeconds:F2} s | {HeldMegabytes:F0} MB | {CharsPerSecond / 1e6:F1} M chars/s | {Hits:N0} | {(Hits == 0 ? "–" : (Chars / (double)Hits).ToString("F1", System.Globalization.CultureInfo.InvariantCulture))} | {Flagged:N0} |";
}

/// <summary>
/// Measures an engine the same way for every library: build it from the words (time, and managed heap it holds
/// afterwards), then scan every comment one call at a time as a host would, best of <c>rounds</c>.
/// </summary>
internal static class DenseRun
{
    /// <param name="build">Builds the engine and returns its scan: the number of hits in one comment.</param>
    public static DenseRow Measure(string engine, DenseData data, Func<IReadOnlyList<string>, Func<string, int>> build, int rounds = 5)
    {
        // Warm up on a slice first, so the figures compare built-and-compiled engines rather than JIT time.
        build([.. data.Words.Take(1000)])(data.Comments[0]);
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        var watch = Stopwatch.StartNew();
        var scan = build(data.Words);
        watch.Stop();
        double buildSeconds = watch.Elapsed.TotalSeconds;
        double held = (GC.GetTotalMemory(true) - before) / 1048576.0;

        long hits = 0, flagged = 0;
        foreach (var comment in data.Comments)
        {
            int found = scan(comment);
            hits += found;
            if (found > 0) flagged++;
        }

        var best = TimeSpan.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            watch.Restart();
            foreach (var comment in data.Comments) scan(comment);
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }

        GC.KeepAlive(scan);
        return new DenseRow(engine, buildSeconds, held, data.CharCount / best.TotalSeconds, hits, flagged, data.CharCount);
    }
}
