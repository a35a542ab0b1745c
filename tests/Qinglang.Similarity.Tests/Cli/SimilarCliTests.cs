using System.Text;
using System.Text.Json;
using Qinglang.Similarity.Tests.Index;

namespace Qinglang.Similarity.Tests.Cli;

public sealed class SimilarCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("db");

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    [Fact]
    public void IndexesAFolderAndQueryListsOnlyJudgedMatches()
    {
        for (var i = 0; i < 20; i++)
        {
            Write($"docs/post-{i}.txt", PostTexts.Post(i));
        }

        var indexed = CliProcess.Run("similar", "index", _folder.File("docs"), "--db", Db, "--json");
        Assert.Equal(0, indexed.ExitCode);
        using (var totals = JsonDocument.Parse(indexed.Stdout))
        {
            Assert.Equal(20, totals.RootElement.GetProperty("added").GetInt32());
        }

        var query = CliProcess.Run("similar", "query", Write("q.txt", PostTexts.Edited(PostTexts.Post(7), 5, 1)), "--db", Db, "--json");
        Assert.Equal(1, query.ExitCode);
        using var json = JsonDocument.Parse(query.Stdout);
        var match = Assert.Single(json.RootElement.GetProperty("matches").EnumerateArray());
        Assert.Equal("post-7.txt", match.GetProperty("id").GetString());
        Assert.InRange(match.GetProperty("score").GetDouble(), 0.5, 1.0);
        Assert.Equal("near_duplicate", match.GetProperty("kind").GetString());
        Assert.False(match.GetProperty("spun").GetBoolean());

        var none = CliProcess.RunWithInput(PostTexts.Post(999), "similar", "query", "-", "--db", Db, "--json");
        Assert.Equal(0, none.ExitCode);
        using var empty = JsonDocument.Parse(none.Stdout);
        Assert.Empty(empty.RootElement.GetProperty("matches").EnumerateArray());

        // Indexing the same folder again changes nothing.
        Assert.Contains("20 unchanged", CliProcess.Run("similar", "index", _folder.File("docs"), "--db", Db).Stdout);
    }

    [Fact]
    public void JsonLinesWithAccountsAndTimesFeedFarms()
    {
        var lines = new StringBuilder();
        var farm = PostTexts.Post(1);
        for (var i = 0; i < 4; i++)
        {
            lines.AppendLine(JsonSerializer.Serialize(new { id = $"f{i}", text = PostTexts.Edited(farm, 3, i), account = $"bot{i}", time = $"2025-06-01T0{i}:10:00Z" }));
        }

        lines.AppendLine(JsonSerializer.Serialize(new { id = 77, text = PostTexts.Post(77), account = "someone", time = 1748736000 }));
        lines.AppendLine("{\"id\": \"broken\"");
        lines.AppendLine("{\"text\": \"没有id\"}");
        lines.AppendLine("");
        var indexed = CliProcess.Run("similar", "index", Write("posts.jsonl", lines.ToString()), "--db", Db);
        Assert.Equal(1, indexed.ExitCode);
        Assert.Contains("5 added", indexed.Stdout);
        Assert.Contains("line 6", indexed.Stderr);
        Assert.Contains("line 7", indexed.Stderr);

        var farms = CliProcess.Run("similar", "farms", "--db", Db, "--window", "2h", "--min-accounts", "3", "--json");
        Assert.Equal(1, farms.ExitCode);
        using var json = JsonDocument.Parse(farms.Stdout);
        var cluster = Assert.Single(json.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("ai.water_army", cluster.GetProperty("category").GetString());
        Assert.Equal(["bot0", "bot1", "bot2", "bot3"], cluster.GetProperty("accounts").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(4, cluster.GetProperty("timeline").GetArrayLength());
        Assert.Equal(0, CliProcess.Run("similar", "farms", "--db", Db, "--window", "30m").ExitCode);
        Assert.Equal(2, CliProcess.Run("similar", "farms", "--db", Db, "--window", "soon").ExitCode);
    }

    [Fact]
    public void BadArgumentsAndDamagedIndexesExitTwoWithAClearMessage()
    {
        Assert.Equal(2, CliProcess.Run("similar", "query", Write("q.txt", "文本"), "--db", _folder.File("nothing")).ExitCode);
        Assert.Equal(2, CliProcess.Run("similar", "index", _folder.File("missing"), "--db", Db).ExitCode);
        Assert.Equal(2, CliProcess.Run("similar", "query", _folder.File("missing.txt"), "--db", Db).ExitCode);
        Assert.Equal(2, CliProcess.Run("similar", "query", Write("q2.txt", "文本")).ExitCode);

        Write("one/a.txt", PostTexts.Post(1));
        Assert.Equal(0, CliProcess.Run("similar", "index", _folder.File("one"), "--db", Db).ExitCode);
        var postings = Directory.GetFiles(Db, "postings-*.bin").Single();
        var bytes = File.ReadAllBytes(postings);
        bytes[^1] ^= 1;
        File.WriteAllBytes(postings, bytes);
        var damaged = CliProcess.Run("similar", "query", Write("q3.txt", PostTexts.Post(1)), "--db", Db);
        Assert.Equal(2, damaged.ExitCode);
        Assert.Contains(Path.GetFileName(postings), damaged.Stderr);
        Assert.Contains("checksum", damaged.Stderr);

        Assert.Equal(0, CliProcess.Run("similar", "repair", "--db", Db).ExitCode);
        Assert.Equal(1, CliProcess.Run("similar", "query", _folder.File("q3.txt"), "--db", Db).ExitCode);
    }
}
