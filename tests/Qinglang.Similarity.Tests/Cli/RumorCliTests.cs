using System.Text;
using System.Text.Json;

namespace Qinglang.Similarity.Tests.Cli;

public sealed class RumorCliTests : IDisposable
{
    private const string Claim = "网传6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，官方至今未通报。";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("rumors");

    private string Write(string name, string text)
    {
        File.WriteAllText(_folder.File(name), text, new UTF8Encoding(false));
        return _folder.File(name);
    }

    [Fact]
    public void AddListAndCheckWithTheRefutationAttached()
    {
        var add = CliProcess.Run("rumor", "add", "--db", Db, "--id", "r1", "--claim", "@" + Write("claim.txt", Claim),
            "--refutation", "经核实，当晚无化工厂爆炸事件。", "--source", "上海市公安局浦东分局", "--date", "2025-06-04");
        Assert.Equal(0, add.ExitCode);

        var list = CliProcess.Run("rumor", "list", "--db", Db, "--json");
        Assert.Equal(0, list.ExitCode);
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            var claim = Assert.Single(json.RootElement.GetProperty("claims").EnumerateArray());
            Assert.Equal(Claim, claim.GetProperty("claim").GetString());
            Assert.Equal("2025-06-04", claim.GetProperty("date").GetString());
        }

        var spreading = CliProcess.RunWithInput("扩散！6月3日晚上海市浦东新区一化工厂发生爆炸，造成12人死亡，附近居民被紧急疏散，官方至今未通报。", "rumor", "check", "-", "--db", Db, "--json");
        Assert.Equal(1, spreading.ExitCode);
        using (var json = JsonDocument.Parse(spreading.Stdout))
        {
            var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
            Assert.Equal("ai.rumor", finding.GetProperty("category").GetString());
            Assert.Equal("经核实，当晚无化工厂爆炸事件。", finding.GetProperty("refutation").GetString());
        }

        var refuting = CliProcess.Run("rumor", "check", Write("refute.txt", "辟谣：网传6月3日晚上海市浦东新区一化工厂发生爆炸造成12人死亡的消息不属实。"), "--db", Db);
        Assert.Equal(0, refuting.ExitCode);
        Assert.Contains("r1", refuting.Stdout);
    }

    [Fact]
    public void BadArgumentsExitTwo()
    {
        Assert.Equal(2, CliProcess.Run("rumor", "add", "--db", Db, "--id", "r1", "--claim", "某事", "--refutation", "不实", "--source", "x", "--date", "June 4").ExitCode);
        Assert.Equal(2, CliProcess.Run("rumor", "add", "--db", Db, "--id", "r1", "--claim", "。。", "--refutation", "不实", "--source", "x", "--date", "2025-06-04").ExitCode);
        Assert.Equal(2, CliProcess.Run("rumor", "check", _folder.File("missing.txt"), "--db", Db).ExitCode);
        Assert.Equal(2, CliProcess.Run("rumor", "check", "-").ExitCode);
        Directory.CreateDirectory(Db);
        File.WriteAllText(Path.Combine(Db, "rumors.json"), "{ not json");
        var damaged = CliProcess.Run("rumor", "list", "--db", Db);
        Assert.Equal(2, damaged.ExitCode);
        Assert.Contains("rumors.json", damaged.Stderr);
    }
}
