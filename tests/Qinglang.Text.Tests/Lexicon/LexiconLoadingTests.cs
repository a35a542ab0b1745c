using Qinglang.Core;
using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class LexiconLoadingTests
{
    private static string Issue(LexiconLoadResult result, string code) =>
        string.Join("; ", result.Issues.Where(i => i.Code == code).Select(i => $"{i.Source.Line}:{i.Severity}"));

    [Fact]
    public void PlainFormatReadsWordsCategoriesSeveritiesFlagsAndDirectives()
    {
        const string text = """
            # version: 2025.06
            # a comment line
            四虎影视
            百家乐	mod.gambling
            成年女人	mod.porn	warning
            zhibo	mod.ads	info	pinyin,initials

            # category: mod.drugs
            冰毒
            鸡蛋	allow
            """;
        var lexicon = Lexicon.Parse(text, LexiconFormat.Plain, "words.tsv").GetOrThrow();
        Assert.Equal("2025.06", lexicon.Version);
        var entries = lexicon.Entries;
        Assert.Equal(["四虎影视", "百家乐", "成年女人", "zhibo", "冰毒", "鸡蛋"], entries.Select(e => e.Text));
        Assert.Equal(CategoryCodes.Illegal, entries[0].Category);
        Assert.Equal(Severity.Error, entries[0].Severity);
        Assert.Equal((CategoryCodes.Porn, Severity.Warning), (entries[2].Category, entries[2].Severity));
        Assert.Equal(EntryFlags.Pinyin | EntryFlags.Initials, entries[3].Flags);
        Assert.Equal(CategoryCodes.Drugs, entries[4].Category);
        Assert.Equal(EntryKind.Allow, entries[5].Kind);
        Assert.Equal(new EntrySource("words.tsv", 9), entries[4].Source);
    }

    [Fact]
    public void PlainFormatErrorsNameTheirLines()
    {
        const string text = "好词\tmod.nope\n坏词\tmod.porn\tfatal\n三词\tmod.porn\terror\tpinyin,loud\n\tmod.porn\n五\t六\t七\t八\t九\n";
        var result = Lexicon.Parse(text, LexiconFormat.Plain, "bad.tsv");
        Assert.False(result.Succeeded);
        Assert.Equal("1:Error", Issue(result, "lexicon.category"));
        Assert.Equal("2:Error", Issue(result, "lexicon.severity"));
        Assert.Equal("3:Error", Issue(result, "lexicon.flag"));
        Assert.Equal("4:Error", Issue(result, "lexicon.empty"));
        Assert.Equal("5:Error", Issue(result, "lexicon.syntax"));
        var e = Assert.Throws<LexiconLoadException>(result.GetOrThrow);
        Assert.Contains("bad.tsv:1: error lexicon.category: Unknown category \"mod.nope\"", e.Message);
        Assert.Contains("The lexicon has 5 error(s)", e.Message);
    }

    [Fact]
    public void JsonLinesFormatReadsEveryKind()
    {
        const string text = """
            # rich format
            {"version":"v7"}
            {"word":"换脸软件出售","category":"ai.illegal_service","severity":"error","flags":["pinyin"],"note":"sale"}
            {"allow":"换脸软件出售规定"}
            {"all":["兼职","日结"],"within":6,"category":"mod.fraud","severity":"warning"}
            {"regex":"v[x信]\\d{6,}","category":"mod.ads","timeout_ms":50}
            """;
        var lexicon = Lexicon.Parse(text, LexiconFormat.JsonLines, "rich.jsonl").GetOrThrow();
        Assert.Equal("v7", lexicon.Version);
        Assert.Equal([EntryKind.Word, EntryKind.Allow, EntryKind.Cooccurrence, EntryKind.Regex], lexicon.Entries.Select(e => e.Kind));
        Assert.Equal(EntryFlags.Pinyin, lexicon.Entries[0].Flags);
        Assert.Equal((6, Severity.Warning), (lexicon.Entries[2].Window, lexicon.Entries[2].Severity));
        Assert.Equal(TimeSpan.FromMilliseconds(50), lexicon.Entries[3].Pattern!.MatchTimeout);
        Assert.Equal(3, lexicon.Entries[1].Source.Line - 1);
    }

    [Fact]
    public void JsonLinesFormatErrorsNameTheirLines()
    {
        const string text = """
            {"word":"好词","category":"mod.porn"
            {"word":"好词","categroy":"mod.porn"}
            {"word":"好词","allow":"好"}
            {"all":["一二"],"within":3}
            {"all":["一二","三四"]}
            {"regex":"(unclosed"}
            {"regex":"a*"}
            {"word":"词语","severity":"loud"}
            {"word":"词语","flags":[1]}
            [1,2]
            """;
        var result = Lexicon.Parse(text, LexiconFormat.JsonLines, "bad.jsonl");
        Assert.False(result.Succeeded);
        Assert.Equal("1:Error; 2:Error; 3:Error; 10:Error", Issue(result, "lexicon.syntax"));
        Assert.Equal("4:Error; 5:Error", Issue(result, "lexicon.cooccurrence"));
        Assert.Equal("6:Error; 7:Error", Issue(result, "lexicon.regex"));
        Assert.Equal("8:Error", Issue(result, "lexicon.severity"));
        Assert.Equal("9:Error", Issue(result, "lexicon.flag"));
        Assert.Contains(result.Issues, i => i.Message.Contains("Unknown field \"categroy\""));
        Assert.Contains(result.Issues, i => i.Message.Contains("matches the empty string"));
    }

    [Fact]
    public void DuplicatesWarnAndConflictsFail()
    {
        var duplicates = Lexicon.Parse("赌博网站\tmod.gambling\nABC站\tmod.ads\n赌博网站\tmod.gambling\twarning\nabc站\tmod.ads\n", LexiconFormat.Plain, "d.tsv");
        var lexicon = duplicates.GetOrThrow();
        Assert.Equal(2, lexicon.Entries.Count);
        var warnings = lexicon.Warnings.Where(w => w.Code == "lexicon.duplicate").ToList();
        Assert.Equal([3, 4], warnings.Select(w => w.Source.Line));
        Assert.Contains("repeats d.tsv:1; the first one is kept (its severity Warning is ignored; Error stays)", warnings[0].Message);

        var conflicts = Lexicon.Parse("赌博网站\tmod.gambling\n赌博网站\tmod.fraud\n鸡蛋饼\tmod.vulgar\n鸡蛋饼\tallow\n", LexiconFormat.Plain, "c.tsv");
        Assert.False(conflicts.Succeeded);
        var errors = conflicts.Errors.ToList();
        Assert.Equal([2, 4], errors.Select(e => e.Source.Line));
        Assert.Contains("is mod.gambling at c.tsv:1 but mod.fraud here", errors[0].Message);
        Assert.Contains("both a blocked word (c.tsv:3) and an allow-list phrase", errors[1].Message);
    }

    [Fact]
    public void EntriesThatFireInsideCommonTextWarnUnlessAllowListed()
    {
        var lexicon = Lexicon.Parse("成人\tmod.porn\n电脑\tmod.spam\n", LexiconFormat.Plain, "c.tsv").GetOrThrow();
        var warned = lexicon.Warnings.Where(w => w.Code == "lexicon.common_text").OrderBy(w => w.Source.Line).ToList();
        Assert.Equal([1, 2], warned.Select(w => w.Source.Line));
        Assert.Contains("\"成人\" matches inside the common phrase", warned[0].Message);

        var allowed = Lexicon.Parse("电脑\tmod.spam\n电脑\tallow\n", LexiconFormat.Plain);
        Assert.False(allowed.Succeeded);
        var covered = Lexicon.Parse("脑\tmod.spam\tinfo\tsingle\n电脑\tallow\n", LexiconFormat.Plain).GetOrThrow();
        Assert.DoesNotContain(covered.Warnings, w => w.Code == "lexicon.common_text" && w.Message.Contains("\"电脑\""));
    }

    [Fact]
    public void FilesLoadByExtensionAndMergeWithTheirVersions()
    {
        string dir = Directory.CreateTempSubdirectory("qinglang-lex-").FullName;
        try
        {
            string plain = Path.Combine(dir, "a.txt"), rich = Path.Combine(dir, "b.jsonl");
            File.WriteAllText(plain, "# version: a1\n赌博网站\tmod.gambling\n");
            File.WriteAllText(rich, "{\"version\":\"b2\"}\n{\"word\":\"冰毒出售\",\"category\":\"mod.drugs\"}\n");
            var lexicon = Lexicon.Load(plain, rich);
            Assert.Equal("a1+b2", lexicon.Version);
            Assert.Equal(2, lexicon.Entries.Count);

            File.WriteAllBytes(plain, [0x61, 0x62, 0xFF, 0x0A]);
            var broken = Lexicon.TryLoad([plain, Path.Combine(dir, "missing.tsv")]);
            Assert.Equal(2, broken.Errors.Count(e => e.Code == "lexicon.io"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void UnversionedLexiconsAreNamedByTheirContent()
    {
        var a = Lexicon.Parse("赌博网站\tmod.gambling\n", LexiconFormat.Plain).GetOrThrow();
        var b = Lexicon.Parse("赌博网站\tmod.gambling\n", LexiconFormat.Plain).GetOrThrow();
        var c = Lexicon.Parse("赌博网站\tmod.fraud\n", LexiconFormat.Plain).GetOrThrow();
        Assert.StartsWith("sha256:", a.Version);
        Assert.Equal(a.Version, b.Version);
        Assert.NotEqual(a.Version, c.Version);
    }
}
