using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Matching;

/// <summary>Co-occurrence rules with several terms, alternatives and excluded terms (data/lexicon/README.md).</summary>
public sealed class CooccurrenceRuleTests
{
    private static Lexicon Jsonl(string content) => Lexicon.Parse(content, LexiconFormat.JsonLines, "rules.jsonl").GetOrThrow();

    private static List<string> Found(Lexicon lexicon, string text) =>
        [.. lexicon.Matcher.Match(text).Matches.Select(m => $"{text[m.Start..m.End]}@{m.Start}")];

    [Fact]
    public void ThreeTermsMustAllBeWithinTheWindow()
    {
        var lexicon = Jsonl("""{"all":["代理","彩金","注册"],"within":4,"category":"mod.gambling"}""");
        Assert.Equal("all(代理,彩金,注册)/4", lexicon.Entries.Single().RuleName);
        Assert.Equal(["注册代理送彩金@2"], Found(lexicon, "快来注册代理送彩金"));
        // Any order; two of the three is nothing.
        Assert.Equal(["彩金注册代理@0"], Found(lexicon, "彩金注册代理"));
        Assert.Empty(Found(lexicon, "代理送彩金"));
    }

    [Fact]
    public void TheWindowCountsEveryCharacterBetweenTheTermsExactlyAtTheEdge()
    {
        // 代理 一二 彩金 三四 注册: four characters outside the terms.
        const string text = "代理一二彩金三四注册";
        Assert.Equal([text + "@0"], Found(Jsonl("""{"all":["代理","彩金","注册"],"within":4}"""), text));
        Assert.Empty(Found(Jsonl("""{"all":["代理","彩金","注册"],"within":3}"""), text));
        // Window 0: the terms must touch (or overlap).
        Assert.Equal(["代理彩金@0"], Found(Jsonl("""{"all":["代理","彩金"],"within":0}"""), "代理彩金"));
        Assert.Empty(Found(Jsonl("""{"all":["代理","彩金"],"within":0}"""), "代理,彩金"));
    }

    [Fact]
    public void AnAlternativeGroupIsSatisfiedByAnyOfItsTerms()
    {
        var lexicon = Jsonl("""{"all":["代理",["彩金","返水","洗码"]],"within":3,"category":"mod.gambling"}""");
        Assert.Equal("all(代理,彩金|返水|洗码)/3", lexicon.Entries.Single().RuleName);
        Assert.Equal("(彩金|洗码|返水)&代理", lexicon.Entries.Single().Text);
        Assert.Single(Found(lexicon, "代理高额返水"));
        Assert.Single(Found(lexicon, "洗码找代理"));
        Assert.Empty(Found(lexicon, "代理佣金"));
        Assert.Empty(Found(lexicon, "返水洗码彩金")); // alternatives of one group do not satisfy another
    }

    [Fact]
    public void AnExcludedTermNearbySuppressesTheFinding()
    {
        // "刷单 unless an anti-fraud word is near": an allow-context.
        var lexicon = Jsonl("""{"all":["刷单"],"none":["防范","警惕"],"within":4,"category":"mod.fraud"}""");
        Assert.Equal("all(刷单,!防范,!警惕)/4", lexicon.Entries.Single().RuleName);
        Assert.Equal(["刷单@2"], Found(lexicon, "在家刷单赚钱"));
        Assert.Empty(Found(lexicon, "请防范刷单诈骗"));
        Assert.Empty(Found(lexicon, "刷单返利骗局警惕")); // 4 characters after: inside the window
        Assert.Equal(["刷单@0"], Found(lexicon, "刷单返利骗局要警惕")); // 5 characters: outside
        Assert.Empty(Found(lexicon, "警惕一二三四刷单"));
        Assert.Equal(["刷单@7"], Found(lexicon, "警惕一二三四五刷单"));
    }

    [Fact]
    public void ExclusionAppliesAroundTheWholeFindingOfSeveralTerms()
    {
        var lexicon = Jsonl("""{"all":["兼职","日结"],"none":["家教"],"within":6,"category":"mod.fraud"}""");
        Assert.Equal(["兼职日结@0"], Found(lexicon, "兼职日结,加我"));
        Assert.Empty(Found(lexicon, "兼职日结,招家教"));
        Assert.Empty(Found(lexicon, "家教兼职,费用日结"));
    }

    [Fact]
    public void OverlappingTermsCountOnceAndTheFindingSpansThemAll()
    {
        var lexicon = Jsonl("""{"all":["高额彩金","彩金返水"],"within":0,"category":"mod.gambling"}""");
        Assert.Equal(["高额彩金返水@1"], Found(lexicon, "送高额彩金返水"));
        // Overlap inside the window of a third term.
        var three = Jsonl("""{"all":["高额彩金","彩金返水","代理"],"within":1,"category":"mod.gambling"}""");
        Assert.Equal(["高额彩金返水找代理@0"], Found(three, "高额彩金返水找代理"));
        Assert.Empty(Found(three, "高额彩金返水找个代理"));
    }

    [Fact]
    public void FindingsOfOneRuleDoNotOverlapAndRepeatOnlyForSeparateOccurrences()
    {
        var lexicon = Jsonl("""{"all":["代理","彩金"],"within":2}""");
        Assert.Equal(["代理彩金@2"], Found(lexicon, "代理代理彩金"));
        Assert.Equal(["代理彩金@0", "彩金一代理@20"], Found(lexicon, "代理彩金" + new string('。', 16) + "彩金一代理"));
    }

    [Fact]
    public void EvasionFormsOfTheTermsStillCountWithOriginalOffsets()
    {
        var lexicon = Jsonl("""
            {"all":["注册","代理",["彩金","vip"]],"within":4,"category":"mod.gambling"}
            {"all":["刷单"],"none":["防范"],"within":3,"category":"mod.fraud"}
            """);
        var detector = new LexiconDetector(lexicon, TextNormalizer.Default);

        // Traditional characters, noise between characters, full-width letters and zero-width spaces.
        const string text = "速來註冊 代·理,送ＶＩ\u200BＰ!";
        var finding = Assert.Single(detector.Detect(text));
        Assert.Equal(text.IndexOf('註'), finding.Start);
        Assert.Equal(text.IndexOf('Ｐ') + 1, finding.End);
        Assert.Equal(text[finding.Start..finding.End], finding.Text);
        Assert.Equal("all(注册,代理,彩金|vip)/4", finding.Rule);
        Assert.Equal(CategoryCodes.Gambling, finding.Category);

        // A disguised excluded term still excludes; a disguised required term still fires.
        Assert.Empty(detector.Detect("請防範刷·單"));
        var alone = Assert.Single(detector.Detect("在家刷*單賺錢"));
        Assert.Equal("刷*單", alone.Text);
    }

    [Fact]
    public void RequiredTermsInsideAllowedPhrasesDoNotCountButExcludedOnesAlways()
    {
        var lexicon = Jsonl("""
            {"all":["兼职","日结"],"within":6,"category":"mod.fraud"}
            {"all":["刷单"],"none":["防范"],"within":2,"category":"mod.fraud"}
            {"allow":"日结算"}
            {"allow":"防范意识"}
            """);
        Assert.Empty(Found(lexicon, "兼职老师按日结算"));
        Assert.Single(Found(lexicon, "兼职日结"));
        Assert.Equal(["刷单@4"], Found(lexicon, "提高警惕刷单"));
        Assert.Empty(Found(lexicon, "防范意识刷单"));
    }

    [Fact]
    public void RulesFireExactlyWhenSomeChoiceOfOccurrencesFitsOnRandomInputs()
    {
        var random = new Random(2024);
        char[] alphabet = ['a', 'b', 'c', 'd'];
        for (int round = 0; round < 400; round++)
        {
            var used = new HashSet<string>();
            string Term()
            {
                string term;
                do term = AhoCorasickTests.RandomString(random, alphabet, random.Next(2, 4));
                while (!used.Add(term));
                return term;
            }

            var groups = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, random.Next(1, 3)).Select(_ => Term()).ToList()).ToList();
            var excluded = Enumerable.Range(0, groups.Count == 1 ? 1 : random.Next(0, 2)).Select(_ => Term()).ToList();
            int window = random.Next(0, 6);
            var builder = new LexiconBuilder();
            builder.AddRule(groups, excluded, window, CategoryCodes.Fraud, Severity.Error, EntryFlags.None, new EntrySource("r", 1));
            var lexicon = builder.Build().GetOrThrow();
            string text = AhoCorasickTests.RandomString(random, alphabet, random.Next(0, 40));

            var matches = lexicon.Matcher.Match(text, MatchMode.All).Matches;
            bool expected = ReferenceFires(text, groups, excluded, window);
            Assert.True(expected == matches.Count > 0, $"round {round}: {Describe(groups, excluded, window)} on \"{text}\" expected {expected}");
            var all = groups.SelectMany(g => g).ToList();
            for (int i = 0; i < matches.Count; i++)
            {
                string span = text[matches[i].Start..matches[i].End];
                Assert.True(all.Any(t => span.StartsWith(t, StringComparison.Ordinal)) && all.Any(t => span.EndsWith(t, StringComparison.Ordinal)), span);
                if (i > 0) Assert.True(matches[i].Start >= matches[i - 1].End, "findings of one rule overlap");
            }
        }
    }

    [Fact]
    public void TermsRepeatedThousandsOfTimesInOneWideWindowStayLinear()
    {
        var lexicon = Jsonl("""
            {"all":["代理",["彩金","返水"],"注册"],"none":["防范"],"within":10000,"category":"mod.gambling"}
            """);
        string text = string.Concat(Enumerable.Repeat("代理彩金注册", 20_000)) + "返水";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var matches = lexicon.Matcher.Match(text).Matches;
        watch.Stop();
        // Each repetition is its own tightest finding.
        Assert.Equal(20_000, matches.Count);
        Assert.All(matches, m => Assert.Equal(6, m.End - m.Start));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        // An excluded term at the very end removes the findings within the window of it, and only those.
        var excluded = lexicon.Matcher.Match(text + "防范").Matches;
        Assert.Equal(18_333, excluded.Count);
        Assert.All(excluded, m => Assert.True(m.End < text.Length - 10_000));
    }

    /// <summary>Every combination of one occurrence per group, the obvious way.</summary>
    private static bool ReferenceFires(string text, List<IReadOnlyList<string>> groups, List<string> excluded, int window)
    {
        var occurrences = groups.Select(g => NaiveMatcher.All(text, g).Select(h => (h.Start, h.End)).ToList()).ToList();
        var avoid = NaiveMatcher.All(text, excluded);
        var combinations = new List<List<(int Start, int End)>> { new() };
        foreach (var list in occurrences)
        {
            combinations = [.. combinations.SelectMany(c => list.Select(o => new List<(int, int)>(c) { o }))];
        }

        foreach (var combination in combinations)
        {
            int start = combination.Min(o => o.Start), end = combination.Max(o => o.End);
            int covered = Enumerable.Range(start, end - start).Count(i => combination.Any(o => o.Start <= i && i < o.End));
            if (end - start - covered > window) continue;
            if (avoid.Any(x => x.End >= start - window && x.Start <= end + window)) continue;
            return true;
        }

        return false;
    }

    private static string Describe(List<IReadOnlyList<string>> groups, List<string> excluded, int window) =>
        string.Join(" & ", groups.Select(g => "(" + string.Join("|", g) + ")").Concat(excluded.Select(t => "!" + t))) + $" within {window}";

    [Fact]
    public void RuleShapesAreValidatedWithTheirLines()
    {
        const string text = """
            {"all":["代理",[]],"within":3}
            {"all":["一一","二二","三三","四四","五五","六六","七七","八八","九九"],"within":3}
            {"all":["代理","彩金"],"within":10001}
            {"all":["代理",["彩金","代理"]],"within":3}
            {"all":["代理"],"none":"彩金","within":3}
            {"word":"代理商","within":3}
            {"all":["代理",5],"within":3}
            {"all":[],"none":["彩金"],"within":3}
            {"allow":"好代理","none":["坏"]}
            {"all":["代理"],"none":["彩金","代理"],"within":3}
            """;
        var result = Lexicon.Parse(text, LexiconFormat.JsonLines, "bad.jsonl");
        Assert.False(result.Succeeded);
        var byLine = result.Errors.ToDictionary(e => e.Source.Line, e => $"{e.Code}: {e.Message}");
        Assert.Equal(Enumerable.Range(1, 10), byLine.Keys.Order());
        Assert.Contains("lexicon.cooccurrence: An alternative group in \"all\" is empty", byLine[1]);
        Assert.Contains("at most 8 groups", byLine[2]);
        Assert.Contains("The window must be 0 to 10000 characters, not 10001", byLine[3]);
        Assert.Contains("The term \"代理\" appears twice", byLine[4]);
        Assert.Contains("\"none\" must be an array of strings", byLine[5]);
        Assert.Contains("lexicon.syntax: \"within\" belongs to a co-occurrence rule", byLine[6]);
        Assert.Contains("Item 2 of \"all\" must be a string or an array of strings", byLine[7]);
        Assert.Contains("\"all\" needs at least one term", byLine[8]);
        Assert.Contains("\"none\" belongs to a co-occurrence rule", byLine[9]);
        Assert.Contains("appears twice", byLine[10]);
    }

    [Fact]
    public void TheSameRuleWrittenInAnotherOrderIsADuplicate()
    {
        var lexicon = Lexicon.Parse("""
            {"all":["代理",["返水","彩金"]],"none":["反诈","防范"],"within":3}
            {"all":[["彩金","返水"],"代理"],"none":["防范","反诈"],"within":3}
            """, LexiconFormat.JsonLines, "dup.jsonl").GetOrThrow();
        Assert.Single(lexicon.Entries);
        Assert.Equal("(彩金|返水)&代理&!反诈&!防范", lexicon.Entries[0].Text);
        Assert.Equal(2, Assert.Single(lexicon.Warnings, w => w.Code == "lexicon.duplicate").Source.Line);
    }

    [Fact]
    public void OneCharacterTermsSkipTheRuleWithAWarningUnlessMarkedSingle()
    {
        var result = Lexicon.Parse("""
            {"all":["赌","彩金"],"within":3}
            {"all":["赌","彩金"],"within":3,"flags":["single"]}
            """, LexiconFormat.JsonLines, "one.jsonl").GetOrThrow();
        var warning = Assert.Single(result.Warnings, w => w.Code == "lexicon.single_char");
        Assert.Equal(1, warning.Source.Line);
        Assert.Contains("is skipped (and with it the rule)", warning.Message);
        Assert.Single(result.Entries);
        Assert.Single(Found(result, "赌彩金"));
    }
}
