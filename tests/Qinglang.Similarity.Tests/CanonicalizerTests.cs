using Qinglang.Similarity.Spin;

namespace Qinglang.Similarity.Tests;

/// <summary>The spin table: mapping, families, normalization, user tables, bad files.</summary>
public sealed class CanonicalizerTests
{
    [Theory]
    [InlineData("手艺", "技术")]
    [InlineData("宁静", "安全")]
    [InlineData("效劳", "服务")]
    [InlineData("分解", "合成")]
    [InlineData("小我私家", "个人")]
    [InlineData("手藝", "技术")]
    public void SpinnerWordsMapToTheirCanonicalForm(string variant, string canonical)
    {
        Assert.Equal(canonical, SpinCanonicalizer.Default.CanonicalFormOf(variant));
    }

    [Fact]
    public void TextIsRewrittenLeftmostLongest()
    {
        Assert.Equal("深度合成服务提供者不得非法处理个人信息。", SpinCanonicalizer.Default.Canonicalize("深度分解效劳供给者不得不法处置小我私家信息。"));
    }

    [Fact]
    public void ChainedLinesMakeOneFamily()
    {
        var canonicalizer = SpinCanonicalizer.Create([new("利用", "使用"), new("操纵", "利用"), new("使用", "应用")]);

        Assert.Equal("应用", canonicalizer.CanonicalFormOf("操纵"));
        Assert.Equal("应用", canonicalizer.CanonicalFormOf("利用"));
        Assert.Equal("应用", canonicalizer.CanonicalFormOf("应用"));
        Assert.Null(canonicalizer.CanonicalFormOf("作用"));
    }

    [Fact]
    public void UserTablesExtendTheBuiltInOneAndChangeTheTableId()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "mine.tsv");
        File.WriteAllText(path, "# my additions\n以为\t认为\tlearned from a confirmed pair\n\n但愿\t希望\n");

        var extended = SpinCanonicalizer.LoadWithExtraFiles([path]);

        Assert.Equal("认为", extended.CanonicalFormOf("以为"));
        Assert.Equal("技术", extended.CanonicalFormOf("手艺"));
        Assert.Null(SpinCanonicalizer.Default.CanonicalFormOf("以为"));
        Assert.NotEqual(SpinCanonicalizer.Default.TableId, extended.TableId);
        Assert.Equal(extended.TableId, SpinCanonicalizer.LoadWithExtraFiles([path]).TableId);
    }

    [Theory]
    [InlineData("only-one-column\n", 1)]
    [InlineData("# comment\n手艺\t技术\n\t技术\n", 3)]
    public void ABadTableLineIsReportedWithItsLine(string content, int line)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "bad.tsv");
        File.WriteAllText(path, content);

        var error = Assert.Throws<SpinTableException>(() => SpinCanonicalizer.LoadWithExtraFiles([path]));
        Assert.Contains($"bad.tsv:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBuiltInLineIsUsedAndDocumented()
    {
        var pairs = SpinCanonicalizer.BuiltInPairs;

        Assert.True(pairs.Count >= 200);
        Assert.All(pairs, p => Assert.True(p.Variant.Length >= 2, $"one-character variant {p.Variant}"));
        Assert.All(pairs, p => Assert.NotNull(SpinCanonicalizer.Default.CanonicalFormOf(p.Variant)));
    }

    [Fact]
    public void AnEmptyTableChangesNothing()
    {
        Assert.Equal("深度分解效劳", SpinCanonicalizer.Empty.Canonicalize("深度分解效劳"));
        Assert.Equal("none", SpinCanonicalizer.Empty.TableId);
    }
}
