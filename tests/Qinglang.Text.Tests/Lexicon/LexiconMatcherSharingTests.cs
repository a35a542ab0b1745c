using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>
/// What a host holding a lexicon pays in matchers: one per way of keying entries, built on first use, shared by
/// every detector that normalizes alike, and built before a reload takes effect for the detectors of a store.
/// </summary>
public sealed class LexiconMatcherSharingTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("qinglang-sharing-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Lexicon Words() =>
        Lexicon.Parse("黄色网站\tmod.porn\n冰毒\tmod.drugs\n赌博&网站/3\tmod.gambling\n", LexiconFormat.Plain).GetOrThrow();

    [Fact]
    public void ANormalizingDetectorNeverBuildsTheLowerCaseMatcher()
    {
        var lexicon = Words();
        Assert.Equal(0, lexicon.BuiltMatcherCount);

        var findings = new LexiconDetector(lexicon, TextNormalizer.Default).Detect("看黃 色*網 站，买冰🔥毒").ToList();

        Assert.Equal(["黃 色*網 站", "冰🔥毒"], findings.Select(f => f.Text));
        Assert.False(lexicon.LowerCaseMatcherBuilt);
        Assert.Equal(1, lexicon.BuiltMatcherCount);
        Assert.Single(lexicon.Matcher.Match("冰毒").Matches);
        Assert.True(lexicon.LowerCaseMatcherBuilt);
    }

    [Fact]
    public void DetectorsNormalizingAlikeShareOneMatcher()
    {
        var lexicon = Words();
        var options = NormalizationOptions.Default with { Emoji = EmojiHandling.Token };

        var first = new LexiconDetector(lexicon, new TextNormalizer(options)).Detect("冰毒").Count();
        var second = new LexiconDetector(lexicon, new TextNormalizer(options with { })).Detect("黄色网站").Count();
        var third = new LexiconDetector(lexicon, TextNormalizer.Default).Detect("冰毒").Count();

        Assert.Equal((1, 1, 1), (first, second, third));
        Assert.Equal(2, lexicon.BuiltMatcherCount); // token emoji and default options: two keyings, two matchers
    }

    [Fact]
    public void AStoreBuildsItsNormalizingDetectorsMatcherBeforeTheSwapAndNotTheLowerCaseOne()
    {
        string path = Path.Combine(dir, "words.tsv");
        File.WriteAllText(path, "# version: 1\n冰毒\tmod.drugs\n");
        var store = LexiconStore.Open([path], Path.Combine(dir, "changes.jsonl"), "ops");
        var detector = new LexiconDetector(store, TextNormalizer.Default);
        var swapped = new List<Lexicon>();
        store.Changed += (next, _) => swapped.Add(next);

        File.WriteAllText(path, "# version: 2\n换脸软件\tai.illegal_service\n");
        Assert.True(store.Reload("alice").Applied);

        // Built when the change was announced, before any scan: the first reader after the reload pays nothing.
        var next = Assert.Single(swapped);
        Assert.Equal(1, next.BuiltMatcherCount);
        Assert.False(next.LowerCaseMatcherBuilt);
        Assert.Equal("换 脸 軟 件", Assert.Single(detector.Detect("换 脸 軟 件")).Text);
        Assert.Equal(1, next.BuiltMatcherCount);
    }

    [Fact]
    public void TheCommonTextCheckWarnsExactlyWhereTheWholeMatcherFiresInCommonPhrases()
    {
        var builder = new LexiconBuilder();
        var source = new EntrySource("t.tsv", 0);
        builder.AddWord("成人", CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);       // inside 成人教育
        builder.AddWord("SERVICE", CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);    // lower-cased first
        builder.AddWord("阿那", CategoryCodes.Spam, Severity.Warning, EntryFlags.Pinyin, source);      // "ana" inside "analysis"
        builder.AddWord("阿斯", CategoryCodes.Spam, Severity.Warning, EntryFlags.Initials, source);    // "as" never stands alone there
        builder.AddWord("电脑游戏", CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);    // longer than any phrase holding it
        builder.AddWord("国产", CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);        // inside 国产电影 ...
        builder.AddAllow("国产电影", source);                                                          // ... allowed there,
        builder.AddWord("永久", CategoryCodes.Spam, Severity.Warning, EntryFlags.None, source);        // a whole phrase itself
        // The curated library too (its pinyin-flagged entries and allow-list phrases included), minus what is above.
        string[] above = ["成人", "service", "阿那", "阿斯", "电脑游戏", "国产", "国产电影", "永久"];
        foreach (var entry in Lexicon.LoadDefault().Entries.Where(e => !above.Contains(Lexicon.DefaultKey(e.Text))))
        {
            if (entry.Kind == EntryKind.Word) builder.AddWord(entry.Text, entry.Category, entry.Severity, entry.Flags, entry.Source);
            else if (entry.Kind == EntryKind.Allow) builder.AddAllow(entry.Text, entry.Source);
        }

        var lexicon = builder.Build().GetOrThrow();
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var phrase in CommonWords.All)
        {
            foreach (var hit in lexicon.Matcher.Match(Lexicon.DefaultKey(phrase), MatchMode.All).Matches)
            {
                if (lexicon.Entries[hit.EntryId].Kind == EntryKind.Word) expected.Add(lexicon.Entries[hit.EntryId].Text);
            }
        }

        var warned = lexicon.Warnings.Where(w => w.Code == "lexicon.common_text").Select(w => w.Message.Split('"')[1]).ToHashSet();

        Assert.Equal(expected, new SortedSet<string>(warned, StringComparer.Ordinal));
        Assert.Contains("阿那", warned);
        Assert.Contains("SERVICE", warned);
        Assert.Contains("国产", warned); // 国产品牌, 国产手机 are not allowed
        Assert.DoesNotContain("阿斯", warned);
        Assert.DoesNotContain("电脑游戏", warned);
    }
}
