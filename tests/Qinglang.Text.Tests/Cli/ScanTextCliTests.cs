using System.Text;
using System.Text.Json;

namespace Qinglang.Text.Tests.Cli;

public sealed class ScanTextCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void ExitCodesSayCleanFoundAndUnreadable()
    {
        Assert.Equal(0, CliProcess.Run("scan-text", Write("clean.txt", "今天天气很好。\n")).ExitCode);
        var found = CliProcess.Run("scan-text", Write("dirty.txt", "加我 vx: abc_123\n"));
        Assert.Equal(1, found.ExitCode);
        Assert.Contains("contact.wechat", found.Stdout);
        Assert.Equal(2, CliProcess.Run("scan-text", _folder.File("missing.txt")).ExitCode);
        Assert.Equal(2, CliProcess.Run("scan-text", "--json", "--jsonl").ExitCode);
        Assert.Equal(2, CliProcess.Run("scan-text", "--bogus").ExitCode);
    }

    [Fact]
    public void JsonHoldsFindingsWithExactOffsets()
    {
        const string text = "联系 1 3 8-0013-8000，网址 www点example点com\n";
        var result = CliProcess.Run("scan-text", Write("a.txt", text), "--json");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(2, findings.Count);
        foreach (var finding in findings)
        {
            var start = finding.GetProperty("start").GetInt32();
            var end = finding.GetProperty("end").GetInt32();
            Assert.Equal(text[start..end], finding.GetProperty("text").GetString());
            Assert.Equal("mod.ads", finding.GetProperty("category").GetString());
            Assert.Equal("error", finding.GetProperty("severity").GetString());
            Assert.False(string.IsNullOrEmpty(finding.GetProperty("rule").GetString()));
        }
    }

    [Fact]
    public void ReadsStdinAndCatchesSeed000()
    {
        var result = CliProcess.RunWithInput(Seeds.Read("000"), "scan-text", "-", "--json");
        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("rule").GetString()!.StartsWith("seo.keyword_stuffing", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.GetProperty("category").GetString() == "mod.porn");
        var firstLine = Seeds.Read("000").IndexOf('\n');
        Assert.All(findings, f => Assert.True(f.GetProperty("end").GetInt32() <= firstLine));

        Assert.Equal(0, CliProcess.RunWithInput(Seeds.Read("001"), "scan-text").ExitCode);
    }

    [Fact]
    public void JsonLinesRoundTripKeepsOtherFields()
    {
        var input = "\uFEFF" + string.Join('\n',
            """{"id":"a1","text":"电话13800138000","meta":{"n":1}}""",
            "",
            """{"id":"b2","text":"一切正常。"}""",
            """{"id":"c3","text":"bad \ud800 QQ：12345678"}""") + "\n";
        var result = CliProcess.RunWithInput(input, "scan-text", "--jsonl");
        Assert.True(result.ExitCode == 1, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);

        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("a1", first.RootElement.GetProperty("id").GetString());
        Assert.Equal(1, first.RootElement.GetProperty("meta").GetProperty("n").GetInt32());
        var phone = Assert.Single(first.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("pii.phone", phone.GetProperty("category").GetString());
        Assert.Equal(2, phone.GetProperty("start").GetInt32());
        Assert.Equal(13, phone.GetProperty("end").GetInt32());

        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("b2", second.RootElement.GetProperty("id").GetString());
        Assert.Equal(0, second.RootElement.GetProperty("findings").GetArrayLength());

        // A lone surrogate escape: the line is still scanned, offsets count it as one unit.
        using var third = JsonDocument.Parse(lines[2]);
        var qq = Assert.Single(third.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(6, qq.GetProperty("start").GetInt32());
    }

    [Fact]
    public void BadJsonLinesAreReportedAndExitTwo()
    {
        var result = CliProcess.RunWithInput("{\"text\":\"ok\"}\nnot json\n{\"id\":1}\n", "scan-text", "--jsonl");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Stderr);
        Assert.Contains("line 3", result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using var error = JsonDocument.Parse(lines[1]);
        Assert.Equal(2, error.RootElement.GetProperty("line").GetInt32());
    }

    [Fact]
    public void InvalidUtf8IsReplacedAndSaidOnStderr()
    {
        var path = _folder.File("bad.bin");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("电话"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("13800138000\n")]);
        var result = CliProcess.Run("scan-text", path, "--json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("invalid UTF-8", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("invalidUtf8Sequences").GetInt32());
        Assert.Equal(4, json.RootElement.GetProperty("findings")[0].GetProperty("start").GetInt32());
    }

    [Fact]
    public void LongSingleLineIsScannedInBoundedWindows()
    {
        // 24 MB on one line with a number near the end: streamed, found at its absolute offset.
        var path = _folder.File("long.txt");
        const int filler = 8 * 1024 * 1024;
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            var chunk = new string('文', 4096);
            for (var written = 0; written < filler; written += chunk.Length)
            {
                writer.Write(chunk);
            }

            writer.Write(" 13800138000 ");
        }

        var result = CliProcess.Run("scan-text", path, "--json");
        Assert.True(result.ExitCode == 1, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal(filler + 1, finding.GetProperty("start").GetInt64());
    }

    [Fact]
    public void LexiconOptionChecksItsFiles()
    {
        var result = CliProcess.Run("scan-text", Write("a.txt", "x"), "--lexicon", _folder.File("none.txt"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("none.txt", result.Stderr);
    }
}
