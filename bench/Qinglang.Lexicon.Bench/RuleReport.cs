using System.Diagnostics;
using System.Text;
using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;

namespace Qinglang.Lexicon.Bench;

/// <summary>
/// What co-occurrence rules cost a scan: the 50k-word library alone, then with 1,000 rules of three groups (one of
/// two alternatives) and an excluded term, all made of words no library entry contains. Matcher only, on text
/// already normalized, 20M characters in 1M-character calls: the clean seeds text (no rule term), and the same text
/// with a rule's terms planted every ~60 characters (a third of them firing, a third excluded, a third incomplete).
/// For scale, the same terms as plain words: what reporting every term hit would cost.
/// </summary>
internal static class RuleReport
{
    private const int Rules = 1_000;

    public static void Run()
    {
        var library = Workloads.RandomWords(50_000, 7);
        var terms = RuleTerms(Rules * 5, new HashSet<string>(library));
        var words = Workloads.Library(library);
        var withRules = WithRules(library, terms);
        var termsAsWords = Workloads.Library([.. library, .. terms]);
        string clean = Workloads.CleanText(ScanBenchmarks.TextLength * 20);
        string planted = Plant(clean, terms);
        foreach (var (name, text) in new[] { ("clean", clean), ("rule terms every ~60 chars", planted) })
        {
            Measure($"{name}, 50k words", text, words.Matcher);
            Measure($"{name}, 50k words + the rule terms as words", text, termsAsWords.Matcher);
            Measure($"{name}, 50k words + {Rules:N0} rules", text, withRules.Matcher);
        }
    }

    /// <summary>Distinct two-character words from a code point range the library does not use.</summary>
    private static List<string> RuleTerms(int count, HashSet<string> library)
    {
        var random = new Random(3);
        var terms = new HashSet<string>();
        while (terms.Count < count)
        {
            string term = new([(char)random.Next(0x9000, 0x9FA0), (char)random.Next(0x9000, 0x9FA0)]);
            if (!library.Contains(term)) terms.Add(term);
        }

        return [.. terms];
    }

    private static Text.Lexicons.Lexicon WithRules(List<string> library, List<string> terms)
    {
        var builder = new LexiconBuilder();
        var source = new EntrySource("bench", 0);
        foreach (string word in library) builder.AddWord(word, CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);
        for (int r = 0; r < Rules; r++)
        {
            var t = terms.GetRange(r * 5, 5);
            builder.AddRule([[t[0]], [t[1], t[2]], [t[3]]], [t[4]], 12, CategoryCodes.Gambling, Severity.Error, EntryFlags.None, source);
        }

        return builder.Build().GetOrThrow();
    }

    /// <summary>Every ~60 characters one rule's terms: all of them (fires), all plus the excluded one, or two of three.</summary>
    private static string Plant(string text, List<string> terms)
    {
        var random = new Random(5);
        var output = new StringBuilder(text.Length + text.Length / 6);
        for (int at = 0, n = 0; at < text.Length; at += 60, n++)
        {
            output.Append(text, at, Math.Min(60, text.Length - at));
            int r = random.Next(Rules) * 5;
            output.Append(terms[r]).Append('，').Append(terms[r + 1 + (n & 1)]);
            if (n % 3 != 2) output.Append(terms[r + 3]);
            if (n % 3 == 1) output.Append(terms[r + 4]);
        }

        return output.ToString(0, text.Length);
    }

    private static void Measure(string name, string text, LexiconMatcher matcher)
    {
        var chunks = new string[text.Length / ScanBenchmarks.TextLength];
        for (int i = 0; i < chunks.Length; i++) chunks[i] = text.Substring(i * ScanBenchmarks.TextLength, ScanBenchmarks.TextLength);
        int Scan()
        {
            int found = 0;
            foreach (string chunk in chunks) found += matcher.Match(chunk).Matches.Count;
            return found;
        }

        Scan();
        var best = TimeSpan.MaxValue;
        int hits = 0;
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            hits = Scan();
            watch.Stop();
            if (watch.Elapsed < best) best = watch.Elapsed;
        }

        Console.WriteLine($"match {name,-52}: {text.Length / best.TotalSeconds / 1e6,6:F0} M chars/s, {hits:N0} findings");
    }
}
