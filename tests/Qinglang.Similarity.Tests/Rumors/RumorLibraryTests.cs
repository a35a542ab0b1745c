using Qinglang.Core;
using Qinglang.Similarity.Index;
using Qinglang.Similarity.Rumors;

namespace Qinglang.Similarity.Tests.Rumors;

public sealed class RumorLibraryTests : IDisposable
{
    private const string Claim = "网传6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，官方至今未通报。";

    private static readonly RefutedClaim Refuted = new(
        "r-2025-001", Claim, "经核实，浦东新区当晚无化工厂爆炸事件，相关视频系2015年外地旧闻拼接。", "上海市公安局浦东分局", new DateOnly(2025, 6, 4));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private RumorLibrary Library()
    {
        var library = RumorLibrary.Open(_folder.File("rumors"));
        library.Add(Refuted);
        library.Add(new RefutedClaim("r-2025-002", "某知名奶粉品牌被检出三聚氰胺超标，全国门店已全部下架，家长们赶紧转发提醒。", "市场监管总局抽检未发现该品牌三聚氰胺问题。", "市场监管总局", new DateOnly(2025, 5, 20)));
        return library;
    }

    [Fact]
    public void FlagsAPostRepeatingTheClaimWithItsRefutation()
    {
        var post = "紧急扩散！6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，官方至今未通报。大家注意安全！";
        var check = Library().Check(post);
        var match = Assert.Single(check.Spreads);
        Assert.Equal("r-2025-001", match.Claim.Id);
        Assert.Contains("#12", match.SharedEntities);
        Assert.Contains("@6-3", match.SharedEntities);
        Assert.Contains("上海", match.SharedEntities);
        var finding = match.ToFinding();
        Assert.Equal(CategoryCodes.AiRumor, finding.Code);
        Assert.Contains(Refuted.Refutation, finding.Message);
        Assert.Contains("上海市公安局浦东分局", finding.Message);
        Assert.Empty(check.Refutes);
    }

    [Fact]
    public void ChineseNumeralsAgreeWithDigitsAndOtherNumbersDoNot()
    {
        var library = Library();
        var same = "6月3日晚上海市浦东新区一化工厂发生爆炸，造成十二人死亡，附近居民被紧急疏散，官方至今未通报！！";
        Assert.Single(library.Check(same).Spreads);

        // Same wording about another city, date and toll: a different incident, not this rumor.
        var other = "9月18日晚广州市白云区一化工厂发生爆炸，造成3人死亡，附近居民被紧急疏散，官方至今未通报。";
        Assert.Empty(library.Check(other).Spreads);
    }

    [Fact]
    public void APostRefutingTheRumorIsNotFlagged()
    {
        var library = Library();
        var refutation = "【辟谣】网传“6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散”不属实，警方已查明系旧闻拼接。";
        var check = library.Check(refutation);
        Assert.Empty(check.Spreads);
        Assert.Equal("r-2025-001", Assert.Single(check.Refutes).Id);

        var hearsay = "网传6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，经核实该消息不属实。";
        Assert.Empty(library.Check(hearsay).Spreads);

        // Insisting it is not a rumor is spreading it.
        var insisting = "这不是谣言！6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，官方至今未通报。";
        Assert.Single(library.Check(insisting).Spreads);
    }

    [Fact]
    public void UnrelatedPostsAndBadInputFindNothing()
    {
        var library = Library();
        Assert.Empty(library.Check("今天上海天气晴朗，浦东新区的市民在滨江步道散步，享受周末时光。").Spreads);
        Assert.Empty(library.Check("").Spreads);
        Assert.Empty(library.Check("爆").Spreads);
        Assert.Empty(library.Check("Breaking: a chemical plant exploded somewhere, officials silent.").Spreads);
        Assert.Throws<ArgumentException>(() => library.Add(Refuted with { Id = "" }));
        Assert.Throws<ArgumentException>(() => library.Add(Refuted with { Claim = "。，！" }));
        Assert.Throws<ArgumentException>(() => library.Add(Refuted with { Refutation = " " }));
    }

    [Fact]
    public void PersistsAtomicallyReplacesByIdAndRejectsDamage()
    {
        Library();
        var reopened = RumorLibrary.Open(_folder.File("rumors"));
        Assert.Equal(["r-2025-001", "r-2025-002"], reopened.Claims.Select(c => c.Id));
        Assert.Equal(new DateOnly(2025, 6, 4), reopened.Claims[0].Date);
        reopened.Add(Refuted with { Source = "上海发布" });
        Assert.Equal("上海发布", RumorLibrary.Open(_folder.File("rumors")).Claims.Single(c => c.Id == "r-2025-001").Source);
        Assert.Equal(["rumors.json"], Directory.GetFiles(_folder.File("rumors")).Select(Path.GetFileName));

        var path = Path.Combine(_folder.File("rumors"), RumorLibrary.FileName);
        var text = File.ReadAllText(path);
        Assert.Contains("浦东新区", text);
        File.WriteAllText(path, text.Replace("12人", "13人", StringComparison.Ordinal));
        Assert.Contains("checksum", Assert.Throws<IndexCorruptException>(() => RumorLibrary.Open(_folder.File("rumors"))).Message);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        Assert.Equal(path, Assert.Throws<IndexCorruptException>(() => RumorLibrary.Open(_folder.File("rumors"))).File);
    }
}
