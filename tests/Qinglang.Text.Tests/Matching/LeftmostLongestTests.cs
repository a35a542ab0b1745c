using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;

namespace Qinglang.Text.Tests.Matching;

/// <summary>
/// <see cref="AhoCorasick.ScanLongest{TSink}"/> against two references: the naive leftmost-longest matcher, and the
/// path it replaced (every overlapping automaton hit, sorted by start and longest first, each kept when it starts
/// at or after the end of the last one kept). Inputs are built to reach every branch of the walk: one-character
/// keys, keys that are prefixes and suffixes of each other, pairs that are keys with and without longer keys,
/// nodes with many children, surrogate pairs sharing a high surrogate, and the ends of the text.
/// </summary>
public sealed class LeftmostLongestTests
{
    private static List<(int Start, int End, int Key)> ScanLongest(AhoCorasick automaton, string text)
    {
        var sink = new ListSink { Hits = [] };
        automaton.ScanLongest(text, ref sink);
        return sink.Hits;
    }

    /// <summary>The selection the matcher made before <see cref="AhoCorasick.ScanLongest{TSink}"/> existed.</summary>
    private static List<(int Start, int End, int Key)> SelectedFromEveryHit(AhoCorasick automaton, string text)
    {
        var sink = new ListSink { Hits = [] };
        automaton.Scan(text, ref sink);
        var kept = new List<(int Start, int End, int Key)>();
        int reached = int.MinValue;
        foreach (var hit in sink.Hits.OrderBy(h => h.Start).ThenByDescending(h => h.End))
        {
            if (hit.Start < reached) continue;
            kept.Add(hit);
            reached = hit.End;
        }

        return kept;
    }

    private static void AssertAgrees(List<string> keys, string text)
    {
        var automaton = AhoCorasick.Build(keys);
        var actual = ScanLongest(automaton, text);
        Assert.Equal(NaiveMatcher.Longest(text, keys), actual);
        Assert.Equal(SelectedFromEveryHit(automaton, text), actual);
        Assert.Equal(actual.Count, automaton.CountLongest(text));
    }

    private static List<string> RandomKeys(Random random, char[] alphabet, int count, int shortest, int longest)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (keys.Count < count) keys.Add(AhoCorasickTests.RandomString(random, alphabet, random.Next(shortest, longest + 1)));
        return [.. keys];
    }

    [Theory]
    [InlineData(1, 1)] // one-character keys next to longer ones
    [InlineData(2, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    public void AgreesWithBothReferencesOnSmallAlphabets(int shortestKey, int seed)
    {
        var random = new Random(1000 * shortestKey + seed);
        // Six characters make keys overlap, nest, and be prefixes and suffixes of one another all the time.
        char[] alphabet = ['a', 'b', 'c', '色', '情', '赌'];
        for (int round = 0; round < 400; round++)
        {
            var keys = RandomKeys(random, alphabet, random.Next(1, 30), shortestKey, 7);
            AssertAgrees(keys, AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 150)));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AgreesWithBothReferencesWhereNodesHaveManyChildren(int shortestKey)
    {
        var random = new Random(77 + shortestKey);
        // Hundreds of keys over 40 characters: hashed child tables, crowded pair and triple bitmaps.
        char[] alphabet = [.. "abcdefghijklmnopqrstuvwxyz色情赌博网站冰毒约炮黄片裸聊".Distinct()];
        for (int round = 0; round < 30; round++)
        {
            var keys = RandomKeys(random, alphabet, random.Next(300, 900), shortestKey, 6);
            AssertAgrees(keys, AhoCorasickTests.RandomString(random, alphabet, 3000));
        }
    }

    [Fact]
    public void AgreesWithBothReferencesOnSurrogatePairsAndLoneHalves()
    {
        var random = new Random(31);
        // 𠀀 𠀁 𠀂 share their high surrogate; lone halves and a BMP character mix in.
        char[] alphabet = ['\uD840', '\uDC00', '\uDC01', '\uDC02', '\uD841', '色', 'x'];
        for (int round = 0; round < 300; round++)
        {
            var keys = RandomKeys(random, alphabet, random.Next(1, 20), 1, 6);
            keys.Add("𠀀𠀁");
            keys = [.. keys.Distinct(StringComparer.Ordinal)];
            AssertAgrees(keys, AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 100)));
        }
    }

    [Fact]
    public void AgreesWithBothReferencesWhenHitsSpanWholeBlocksOfPositions()
    {
        var random = new Random(64);
        char[] alphabet = ['a', 'b', 'c', 'd', '色', '情'];
        for (int round = 0; round < 100; round++)
        {
            // Keys cut from the text itself, some longer than the 64 positions the filter decides at once, so hits
            // end inside later blocks, at block edges and at the end of the text.
            string text = AhoCorasickTests.RandomString(random, alphabet, random.Next(1, 400));
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (int k = random.Next(1, 12); k > 0; k--)
            {
                int start = random.Next(text.Length);
                keys.Add(text.Substring(start, random.Next(1, Math.Min(text.Length - start, 150) + 1)));
            }

            foreach (string key in RandomKeys(random, alphabet, 8, 2, 4)) keys.Add(key);
            AssertAgrees([.. keys], text);
        }
    }

    [Fact]
    public void HandlesTheEdgesOfTheText()
    {
        AssertAgrees(["a", "ab", "abc"], "");
        AssertAgrees(["a", "ab", "abc"], "a");
        AssertAgrees(["a", "ab", "abc"], "ab");
        AssertAgrees(["a", "ab", "abcd"], "abc");
        AssertAgrees(["ab"], "a");
        AssertAgrees(["bc", "abcd"], "abc");
        AssertAgrees([], "abc");
        Assert.Equal([(0, 2, 1), (2, 3, 0)], ScanLongest(AhoCorasick.Build(["a", "ab", "abcd"]), "aba"));
    }

    [Fact]
    public void PrefersTheLongestKeyAndSkipsWhatItCovers()
    {
        var automaton = AhoCorasick.Build(["色情", "色情网站", "情网", "网站", "站"]);
        // At 0 the longest is 色情网站; the hits inside it (情网, 网站, 站) are never reported.
        Assert.Equal([(0, 4, 1), (4, 5, 4)], ScanLongest(automaton, "色情网站站"));
        // 色情网络 spells no longer key: 色情 wins at 0, and 情网, which starts inside it, is not reported.
        Assert.Equal([(0, 2, 0)], ScanLongest(automaton, "色情网络"));
        Assert.Equal([(0, 2, 2), (2, 4, 3)], ScanLongest(automaton, "情网网站"));
    }

    [Fact]
    public void MatcherLongestModeEqualsSelectionFromEveryHitOnRandomLexicons()
    {
        var random = new Random(4242);
        char[] alphabet = ['a', 'b', '色', '情', '網', '网'];
        for (int round = 0; round < 200; round++)
        {
            var builder = new LexiconBuilder();
            foreach (string word in RandomKeys(random, alphabet, random.Next(1, 25), 2, 6))
            {
                builder.AddWord(word, CategoryCodes.Porn, Severity.Error, EntryFlags.None, new EntrySource("r", 1));
            }

            var lexicon = builder.Build().GetOrThrow();
            string text = Lexicon.DefaultKey(AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 120)));
            var every = lexicon.Matcher.Match(text, MatchMode.All).Matches;
            var expected = new List<LexiconMatch>();
            int reached = int.MinValue;
            foreach (var hit in every.OrderBy(h => h.Start).ThenByDescending(h => h.End))
            {
                if (hit.Start < reached) continue;
                expected.Add(hit);
                reached = hit.End;
            }

            Assert.Equal(expected, lexicon.Matcher.Match(text, MatchMode.Longest).Matches);
        }
    }

    private struct ListSink : IHitSink
    {
        public List<(int Start, int End, int Key)> Hits;

        public readonly void Hit(int start, int end, int key) => Hits.Add((start, end, key));
    }
}
