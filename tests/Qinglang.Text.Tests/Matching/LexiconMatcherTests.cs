using System.Diagnostics;
using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;

namespace Qinglang.Text.Tests.Matching;

[Collection(MemoryMeasuringCollection.Name)]
public sealed class LexiconMatcherTests
{
    private static Lexicon Jsonl(string content) => Lexicon.Parse(content, LexiconFormat.JsonLines, "test.jsonl").GetOrThrow();

    private static List<string> Matched(Lexicon lexicon, string text, MatchMode mode = MatchMode.Longest) =>
        [.. lexicon.Matcher.Match(text, mode).Matches.Select(m => $"{text[m.Start..m.End]}@{m.Start}")];

    [Fact]
    public void LongestModeAgreesWithTheNaiveLeftmostLongestOnRandomInputs()
    {
        var random = new Random(5);
        char[] alphabet = ['a', 'b', '色', '情', '网'];
        for (int round = 0; round < 200; round++)
        {
            var words = new HashSet<string>();
            int count = random.Next(1, 15);
            while (words.Count < count) words.Add(AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 5)));
            var builder = new LexiconBuilder();
            foreach (string word in words) builder.AddWord(word, CategoryCodes.Porn, Severity.Error, EntryFlags.None, new EntrySource("r", 1));
            var lexicon = builder.Build().GetOrThrow();
            var keys = lexicon.Entries.Select(e => e.Text).ToList();
            string text = AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 120));

            var expected = NaiveMatcher.Longest(text, keys).Select(h => (h.Start, h.End, h.Key)).ToList();
            var actual = lexicon.Matcher.Match(text, MatchMode.Longest).Matches.Select(m => (m.Start, m.End, m.EntryId)).ToList();
            Assert.Equal(expected, actual);

            var expectedAll = NaiveMatcher.All(text, keys).OrderBy(h => h.Start).ThenBy(h => h.End).ThenBy(h => h.Key).ToList();
            var actualAll = lexicon.Matcher.Match(text, MatchMode.All).Matches.Select(m => (m.Start, m.End, m.EntryId)).ToList();
            Assert.Equal(expectedAll, actualAll);
        }
    }

    [Fact]
    public void AllowListSuppressionAgreesWithTheNaiveReferenceOnRandomInputs()
    {
        var random = new Random(77);
        char[] alphabet = ['a', 'b', '鸡', '蛋'];
        for (int round = 0; round < 200; round++)
        {
            var words = new HashSet<string>();
            var allowed = new HashSet<string>();
            while (words.Count < 6) words.Add(AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 4)));
            while (allowed.Count < 3)
            {
                string phrase = AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 6));
                if (!words.Contains(phrase)) allowed.Add(phrase);
            }

            var builder = new LexiconBuilder();
            foreach (string word in words) builder.AddWord(word, CategoryCodes.Vulgar, Severity.Error, EntryFlags.None, new EntrySource("r", 1));
            foreach (string phrase in allowed) builder.AddAllow(phrase, new EntrySource("r", 2));
            var lexicon = builder.Build().GetOrThrow();
            string text = AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 80));

            var wordList = words.ToList();
            var allowSpans = NaiveMatcher.All(text, allowed.ToList());
            var expected = NaiveMatcher.All(text, wordList)
                .Where(h => !allowSpans.Any(a => a.Start <= h.Start && h.End <= a.End))
                .Select(h => (h.Start, h.End, wordList[h.Key]))
                .OrderBy(h => h.Start).ThenBy(h => h.End).ToList();
            var actual = lexicon.Matcher.Match(text, MatchMode.All).Matches
                .Select(m => (m.Start, m.End, lexicon.Entries[m.EntryId].Text)).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void OverlappingWordsAllModeReportsEachLongestModeTheLongestLeftmost()
    {
        var lexicon = Lexicon.Parse("成人视频\tmod.porn\n人视\tmod.porn\n视频网站\tmod.porn\n", LexiconFormat.Plain).GetOrThrow();
        Assert.Equal(["成人视频@0", "人视@1", "视频网站@2"], Matched(lexicon, "成人视频网站", MatchMode.All));
        Assert.Equal(["成人视频@0"], Matched(lexicon, "成人视频网站"));
    }

    [Fact]
    public void AllowListDropsHitsWhollyInsideAnAllowedPhraseOnly()
    {
        var lexicon = Jsonl("""
            {"word":"鸡","category":"mod.vulgar","flags":["single"]}
            {"word":"野鸡网站","category":"mod.porn"}
            {"allow":"鸡蛋"}
            {"allow":"蛋炒饭"}
            """);
        Assert.Empty(Matched(lexicon, "早餐吃鸡蛋"));
        Assert.Equal(["鸡@2"], Matched(lexicon, "他是鸡"));
        // The allowed phrase covers 鸡 only where 鸡 lies inside it; the second 鸡 stands alone.
        Assert.Equal(["鸡@3"], Matched(lexicon, "鸡蛋和鸡", MatchMode.All));
        // A hit that sticks out of the allowed phrase is kept.
        Assert.Equal(["野鸡网站@0"], Matched(lexicon, "野鸡网站蛋炒饭"));
    }

    [Fact]
    public void CooccurrenceNeedsBothTermsWithinTheWindow()
    {
        var lexicon = Jsonl("""
            {"all":["代理","彩金"],"within":4,"category":"mod.gambling","severity":"warning"}
            """);
        var rule = lexicon.Entries.Single();
        Assert.Equal("all(代理,彩金)/4", rule.RuleName);

        var near = lexicon.Matcher.Match("诚招代理高额彩金").Matches;
        Assert.Equal([new LexiconMatch(2, 8, 0)], near);
        // Order does not matter; a gap of exactly the window is still inside.
        Assert.Equal([new LexiconMatch(0, 8, 0)], lexicon.Matcher.Match("彩金四五六七代理").Matches);
        // One term alone, or both too far apart, is nothing.
        Assert.Empty(lexicon.Matcher.Match("诚招代理").Matches);
        Assert.Empty(lexicon.Matcher.Match("代理一二三四五彩金").Matches);
    }

    [Fact]
    public void CooccurrenceFiresExactlyWhenSomePairIsWithinTheWindowOnRandomInputs()
    {
        var random = new Random(99);
        char[] alphabet = ['a', 'b', 'c', 'd'];
        for (int round = 0; round < 300; round++)
        {
            string first = AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 4));
            string second = AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 4));
            if (first == second) continue;
            int window = random.Next(0, 6);
            var builder = new LexiconBuilder();
            builder.AddCooccurrence(first, second, window, CategoryCodes.Fraud, Severity.Error, EntryFlags.None, new EntrySource("r", 1));
            var lexicon = builder.Build().GetOrThrow();
            string text = AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 40));

            var aHits = NaiveMatcher.All(text, [first]);
            var bHits = NaiveMatcher.All(text, [second]);
            static int Gap((int Start, int End, int) x, (int Start, int End, int) y) =>
                Math.Max(0, Math.Max(y.Start - x.End, x.Start - y.End));
            bool anyPair = aHits.Any(a => bHits.Any(b => Gap(a, b) <= window));

            var matches = lexicon.Matcher.Match(text).Matches;
            Assert.Equal(anyPair, matches.Count > 0);
            foreach (var match in matches)
            {
                // Each finding spans one occurrence of each term, no more than the window apart.
                string span = text[match.Start..match.End];
                bool aAtOneEnd = span.StartsWith(first, StringComparison.Ordinal) || span.EndsWith(first, StringComparison.Ordinal);
                bool bAtOneEnd = span.StartsWith(second, StringComparison.Ordinal) || span.EndsWith(second, StringComparison.Ordinal);
                Assert.True(aAtOneEnd && bAtOneEnd, $"{span} for {first}&{second}");
                Assert.True(span.Length <= first.Length + second.Length + window, $"{span} wider than the window {window}");
            }
        }
    }

    [Fact]
    public void CooccurrenceTermsInsideAllowedPhrasesDoNotCount()
    {
        var lexicon = Jsonl("""
            {"all":["兼职","日结"],"within":10,"category":"mod.fraud"}
            {"allow":"日结算"}
            """);
        Assert.Single(lexicon.Matcher.Match("兼职日结").Matches);
        Assert.Empty(lexicon.Matcher.Match("兼职老师按日结算").Matches);
    }

    [Fact]
    public void RegexRulesRunAfterTheAutomatonAndTimeOutWithoutFailingTheMatch()
    {
        var lexicon = Jsonl("""
            {"word":"赌场","category":"mod.gambling"}
            {"regex":"(a+)+$","category":"mod.spam","timeout_ms":20}
            {"regex":"v[x信]\\d{5,}","category":"mod.ads"}
            """);
        Assert.Equal(["vx123456@0"], Matched(lexicon, "vx123456"));

        string evil = new string('a', 5000) + "!赌场";
        var watch = Stopwatch.StartNew();
        var result = lexicon.Matcher.Match(evil);
        watch.Stop();
        Assert.Equal([1], result.TimedOutEntries);
        Assert.Equal([new LexiconMatch(5001, 5003, 0)], result.Matches);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void OneCharacterWordsAreSkippedWithAWarningUnlessMarkedSingle()
    {
        var result = Lexicon.Parse("赌\tmod.gambling\n毒\tmod.drugs\terror\tsingle\n𠀀\tmod.porn\n", LexiconFormat.Plain, "one.tsv");
        var lexicon = result.GetOrThrow();
        Assert.Equal(["毒"], lexicon.Entries.Select(e => e.Text));
        var warnings = lexicon.Warnings.Where(w => w.Code == "lexicon.single_char").ToList();
        Assert.Equal([1, 3], warnings.Select(w => w.Source.Line));
        Assert.Empty(Matched(lexicon, "赌"));
        Assert.Equal(["毒@1"], Matched(lexicon, "吸毒"));
    }

    private static List<string> RandomCjkWords(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new HashSet<string>(count);
        while (keys.Count < count)
        {
            int length = random.Next(2, 7);
            var chars = new char[length];
            for (int i = 0; i < length; i++) chars[i] = (char)random.Next(0x4E00, 0x4E00 + 3000);
            keys.Add(new string(chars));
        }

        return [.. keys];
    }

    [Fact]
    public void AHundredThousandEntriesBuildWithinTheIssuesBudget()
    {
        var words = RandomCjkWords(100_000, 2);
        AhoCorasick.Build(words.Take(100).ToList()); // JIT the builder outside the measurement
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var automaton = AhoCorasick.Build(words);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.True(automaton.SizeInBytes < 16L << 20, $"automaton holds {automaton.SizeInBytes >> 20} MB");
        Assert.True(allocated < 64L << 20, $"allocated {allocated >> 20} MB while building");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"built in {watch.Elapsed}");
    }

    [Fact]
    public void AMillionEntryLexiconBuildsWithBoundedMemory()
    {
        var words = RandomCjkWords(1_000_000, 1);
        GC.Collect();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var automaton = AhoCorasick.Build(words);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;

        Assert.Equal(1_000_000, automaton.KeyCount);
        Assert.True(automaton.Count(string.Concat(words.Take(1000))) >= 1000);
        // ~3.5M characters: ~22 bytes per node, 12 per key, plus the 256 KB root table.
        Assert.True(retained < 120L << 20, $"retained {retained >> 20} MB");
        Assert.True(allocated < 400L << 20, $"allocated {allocated >> 20} MB while building");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"built in {watch.Elapsed}");
        GC.KeepAlive(automaton);

        // The whole validated lexicon loaded from a file (parsing, entries, duplicate checks, common-text check,
        // matcher) stays bounded too.
        automaton = null;
        using var folder = new TempFolder();
        string path = folder.File("million.tsv");
        File.WriteAllLines(path, words.Select(w => w + "\tmod.spam\twarning"));
        GC.Collect();
        before = GC.GetTotalMemory(forceFullCollection: true);
        var lexicon = Lexicon.Load(path);
        retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(1_000_000, lexicon.Entries.Count);
        Assert.Equal((CategoryCodes.Spam, Severity.Warning, 1_000_000), (lexicon.Entries[^1].Category, lexicon.Entries[^1].Severity, lexicon.Entries[^1].Source.Line));
        Assert.True(retained < 400L << 20, $"the lexicon retains {retained >> 20} MB");
        Assert.Equal(words[123_456], lexicon.Entries[lexicon.Matcher.Match(words[123_456]).Matches.Single().EntryId].Text);
    }
}
