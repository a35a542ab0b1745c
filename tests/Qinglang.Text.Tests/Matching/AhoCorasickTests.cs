using Qinglang.Text.Matching;

namespace Qinglang.Text.Tests.Matching;

public sealed class AhoCorasickTests
{
    private static List<(int Start, int End, int Key)> Scan(AhoCorasick automaton, string text)
    {
        var sink = new ListSink { Hits = [] };
        automaton.Scan(text, ref sink);
        return sink.Hits;
    }

    private struct ListSink : IHitSink
    {
        public List<(int, int, int)> Hits;

        public readonly void Hit(int start, int end, int key) => Hits.Add((start, end, key));
    }

    private static List<(int, int, int)> Sorted(IEnumerable<(int Start, int End, int Key)> hits) =>
        [.. hits.OrderBy(h => h.Start).ThenBy(h => h.End).ThenBy(h => h.Key)];

    [Fact]
    public void FindsOverlappingAndNestedKeys()
    {
        string[] keys = ["he", "she", "his", "hers", "e"];
        var automaton = AhoCorasick.Build(keys);
        var hits = Sorted(Scan(automaton, "ushers"));
        Assert.Equal([(1, 4, 1), (2, 4, 0), (2, 6, 3), (3, 4, 4)], hits);
    }

    [Fact]
    public void HitsEndingAtTheSamePlaceComeLongestFirst()
    {
        var automaton = AhoCorasick.Build(["色情网站", "情网站", "网站"]);
        var hits = Scan(automaton, "色情网站");
        Assert.Equal([(0, 4, 0), (1, 4, 1), (2, 4, 2)], hits);
    }

    [Fact]
    public void MatchesCjkSurrogatePairsAndEmptyInput()
    {
        var automaton = AhoCorasick.Build(["𠀀𠀁", "赌博", "ab"]);
        Assert.Equal([(1, 5, 0), (5, 7, 1)], Scan(automaton, "x𠀀𠀁赌博"));
        Assert.Empty(Scan(automaton, ""));
        Assert.Empty(Scan(AhoCorasick.Build([]), "anything"));
    }

    [Fact]
    public void RefusesEmptyAndRepeatedKeys()
    {
        Assert.Throws<ArgumentException>(() => AhoCorasick.Build(["a", ""]));
        var e = Assert.Throws<ArgumentException>(() => AhoCorasick.Build(["ab", "cd", "ab"]));
        Assert.Contains("\"ab\" occurs twice", e.Message);
    }

    [Fact]
    public void AgreesWithTheNaiveMatcherOnRandomInputs()
    {
        var random = new Random(20251121);
        // A small alphabet mixing ASCII and CJK forces dense overlaps, shared prefixes and deep failure chains.
        char[] alphabet = ['a', 'b', 'c', '色', '情', '赌'];
        for (int round = 0; round < 300; round++)
        {
            var keys = new HashSet<string>();
            int keyCount = random.Next(1, 25);
            while (keys.Count < keyCount) keys.Add(RandomString(random, alphabet, random.Next(1, 6)));
            var keyList = keys.ToList();
            string text = RandomString(random, alphabet, random.Next(0, 200));
            var automaton = AhoCorasick.Build(keyList);
            Assert.Equal(Sorted(NaiveMatcher.All(text, keyList)), Sorted(Scan(automaton, text)));
            Assert.Equal(NaiveMatcher.All(text, keyList).Count, automaton.Count(text));
        }
    }

    [Theory]
    [InlineData(1)] // one-character keys: children of the root report hits themselves
    [InlineData(2)]
    public void AgreesWithTheNaiveMatcherWhereNodesHaveManyChildren(int shortestKey)
    {
        var random = new Random(20261121 + shortestKey);
        // 40 letters and a few hundred keys: the root's children get dozens of children each (the hashed lookup),
        // and most two-character pairs of the text start no key (the pair bitmap's shortcut).
        char[] alphabet = [.. "abcdefghijklmnopqrstuvwxyz色情赌博网站冰毒约炮黄片裸聊".Distinct()];
        for (int round = 0; round < 40; round++)
        {
            var keys = new HashSet<string>();
            int keyCount = random.Next(200, 600);
            while (keys.Count < keyCount) keys.Add(RandomString(random, alphabet, random.Next(shortestKey, 5)));
            var keyList = keys.ToList();
            string text = RandomString(random, alphabet, 2000);
            var automaton = AhoCorasick.Build(keyList);
            Assert.Equal(Sorted(NaiveMatcher.All(text, keyList)), Sorted(Scan(automaton, text)));
        }
    }

    internal static string RandomString(Random random, char[] alphabet, int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}
