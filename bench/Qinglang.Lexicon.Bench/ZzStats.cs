using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;
namespace Qinglang.Lexicon.Bench;
internal static class Stats
{
    public static void Run(DenseData data)
    {
        var normalizer = TextNormalizer.Default;
        var texts = data.Comments.Select(c => normalizer.Normalize(c).Text).ToArray();
        var keys = new HashSet<string>(data.Words.Select(w => normalizer.Normalize(w).Text).Where(k => k.Length > 0));
        var pairs = new HashSet<string>(keys.Select(k => k[..Math.Min(2, k.Length)]));
        var firsts = new HashSet<char>(keys.Select(k => k[0]));
        var pairBits = new HashSet<uint>(pairs.Where(p => p.Length == 2).Select(p => AhoCorasick.PairBit(p[0], p[1])));
        var triples = new HashSet<string>(keys.Where(k => k.Length >= 3).Select(k => k[..3]));
        long positions = 0, firstHit = 0, bitHit = 0, pairHit = 0, tripleHit = 0, pairKey = 0;
        var lens = new int[40];
        foreach (var k in keys) lens[Math.Min(k.Length, 39)]++;
        foreach (var t in texts)
        {
            for (int i = 0; i + 1 < t.Length; i++)
            {
                positions++;
                if (firsts.Contains(t[i])) firstHit++;
                if (pairBits.Contains(AhoCorasick.PairBit(t[i], t[i + 1]))) bitHit++;
                if (pairs.Contains(t.Substring(i, 2))) { pairHit++; if (keys.Contains(t.Substring(i, 2))) pairKey++; if (i + 2 < t.Length && triples.Contains(t.Substring(i, 3))) tripleHit++; }
            }
        }
        Console.WriteLine($"keys {keys.Count} pairs {pairs.Count} firsts {firsts.Count} positions {positions} firstHit {firstHit} bitHit {bitHit} realPair {pairHit} triple {tripleHit} pairIsKey {pairKey} triples {triples.Count}");
        Console.WriteLine(string.Join(" ", lens.Select((n, i) => $"{i}:{n}").Where(s => !s.EndsWith(":0"))));
        int shortKeys = keys.Count(k => k.Length == 1);
        var singleSet = keys.Where(k => k.Length == 1).Select(k => k[0]).ToHashSet();
        Console.WriteLine("singles: " + string.Join(" ", singleSet.Select(c => $"{c}({texts.Sum(t => t.Count(x => x == c))})")));
        Console.WriteLine($"1-char keys {shortKeys}; avg text {texts.Average(t => t.Length):F1}");
    }
}
internal static class Probe
{
    public static void Run(DenseData data)
    {
        var normalizer = TextNormalizer.Default;
        var texts = data.Comments.Select(c => normalizer.Normalize(c).Text).ToArray();
        long chars = texts.Sum(t => (long)t.Length);
        var bits = new ulong[1 << 14];
        var r = new Random(1);
        for (int i = 0; i < 15000; i++) { uint b = (uint)r.Next(1 << 20); bits[b >> 6] |= 1UL << (int)(b & 63); }
        Time("sum chars", texts, chars, t => { int s = 0; foreach (char c in t) s += c; return s; });
        Time("bitmap per pos", texts, chars, t => { int s = 0; for (int i = 0; i + 1 < t.Length; i++) { uint b = AhoCorasick.PairBit(t[i], t[i + 1]); if ((bits[b >> 6] & (1UL << (int)(b & 63))) != 0) s++; } return s; });
    }
    static void Time(string name, string[] texts, long chars, Func<string, int> f)
    {
        double best = double.MaxValue;
        using var p = System.Diagnostics.Process.GetCurrentProcess();
        for (int round = 0; round < 5; round++)
        {
            p.Refresh(); var cpu = p.TotalProcessorTime;
            for (int k = 0; k < 3; k++) foreach (var t in texts) f(t);
            p.Refresh(); best = Math.Min(best, (p.TotalProcessorTime - cpu).TotalSeconds / 3);
        }
        Console.WriteLine($"{name}: {chars / best / 1e6:F1} M chars/s");
    }
}
