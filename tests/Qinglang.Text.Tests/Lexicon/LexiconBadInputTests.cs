using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>Lexicons that are empty, made of one-character or empty entries, or a million lines of one mistake.</summary>
public sealed class LexiconBadInputTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("# version: 1\n# only comments\n")]
    public void AnEmptyLexiconLoadsFindsNothingAndSaysSo(string content)
    {
        var lexicon = Lexicon.Parse(content, LexiconFormat.Plain, "empty.tsv").GetOrThrow();
        Assert.Empty(lexicon.Entries);
        var warning = Assert.Single(lexicon.Warnings);
        Assert.Equal("lexicon.no_entries", warning.Code);
        Assert.Contains("it will find nothing", warning.Message);
        Assert.Empty(new LexiconDetector(lexicon).Detect("四虎影视 赌博网站"));
        Assert.Empty(Lexicon.Parse(content, LexiconFormat.JsonLines).GetOrThrow().Entries);
    }

    [Fact]
    public void ALexiconOfOneCharacterEntriesSkipsEachByLineAndMatchesNothing()
    {
        var lexicon = Lexicon.Parse("赌\tmod.gambling\n毒\n𠀀\tmod.porn\nA\n", LexiconFormat.Plain, "one.tsv").GetOrThrow();
        Assert.Empty(lexicon.Entries);
        Assert.Equal([1, 2, 3, 4], lexicon.Warnings.Where(w => w.Code == "lexicon.single_char").Select(w => w.Source.Line));
        Assert.Contains(lexicon.Warnings, w => w.Code == "lexicon.no_entries");
        Assert.Empty(new LexiconDetector(lexicon).Detect("赌毒𠀀A"));
    }

    [Fact]
    public void EmptyEntriesAreErrorsNamingTheirLines()
    {
        var plain = Lexicon.Parse("好词\tmod.porn\n\tmod.porn\n  \tmod.gambling\twarning\n", LexiconFormat.Plain, "e.tsv");
        Assert.Equal([2, 3], plain.Errors.Where(e => e.Code == "lexicon.empty").Select(e => e.Source.Line));

        var rich = Lexicon.Parse("""
            {"word":""}
            {"word":"   "}
            {"allow":""}
            {"all":["","代理"],"within":2}
            {"all":["代理"],"none":[" "],"within":2}
            {"regex":""}
            """, LexiconFormat.JsonLines, "e.jsonl");
        Assert.Equal([1, 2, 3, 4, 5, 6], rich.Errors.Where(e => e.Code == "lexicon.empty").Select(e => e.Source.Line));
        var e = Assert.Throws<LexiconLoadException>(rich.GetOrThrow);
        Assert.Contains("e.jsonl:4: error lexicon.empty: The co-occurrence term is empty.", e.Message);
    }

    [Fact]
    public void AMillionLinesOfOneMistakeKeepTheFirstThousandMessagesAndCountTheRest()
    {
        using var folder = new TempFolder();
        string duplicates = folder.File("dup.tsv"), broken = folder.File("broken.tsv");
        File.WriteAllText(duplicates, string.Concat(Enumerable.Repeat("赌博网站\tmod.gambling\n", 1_000_000)));
        File.WriteAllText(broken, string.Concat(Enumerable.Repeat("赌博网站\tmod.nope\n", 1_000_000)));

        var lexicon = Lexicon.Load(duplicates);
        Assert.Single(lexicon.Entries);
        var warnings = lexicon.Warnings.Where(w => w.Code == "lexicon.duplicate").ToList();
        Assert.Equal(LexiconBuilder.MaxIssuesPerCode + 1, warnings.Count);
        Assert.Equal(999_999 - LexiconBuilder.MaxIssuesPerCode, warnings[^1].Omitted);
        Assert.Equal(1_000_000, warnings[^1].Source.Line);
        Assert.Contains("998,999 more lexicon.duplicate warnings like those above are not listed", warnings[^1].Message);
        Assert.Equal(999_999, warnings.Sum(w => w.Count));

        var failed = Lexicon.TryLoad([broken]);
        Assert.False(failed.Succeeded);
        Assert.Equal(1_000_000, failed.Errors.Sum(i => i.Count));
        var e = Assert.Throws<LexiconLoadException>(failed.GetOrThrow);
        Assert.StartsWith("The lexicon has 1000000 error(s):", e.Message);
        Assert.Contains("broken.tsv:1: error lexicon.category: Unknown category \"mod.nope\"", e.Message);
        Assert.EndsWith("… and 999980 more", e.Message);
    }
}
