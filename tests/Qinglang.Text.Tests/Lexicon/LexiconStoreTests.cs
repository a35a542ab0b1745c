using System.Text.Json;
using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class LexiconStoreTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("qinglang-store-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private List<JsonElement> LogLines(LexiconStore store) =>
        [.. File.ReadAllLines(store.ChangeLogPath).Select(l => JsonDocument.Parse(l).RootElement)];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void ReloadSwapsTheLexiconAndLogsWhoWhenAndWhat()
    {
        string words = Write("words.tsv", "# version: 1\n赌博网站\tmod.gambling\n冰毒出售\tmod.drugs\n成人视频\tmod.porn\n");
        var clock = new FixedClock(new DateTimeOffset(2025, 6, 20, 8, 30, 0, TimeSpan.Zero));
        var store = LexiconStore.Open([words], Path.Combine(dir, "changes.jsonl"), "ops@startup", clock);
        var first = store.Current;
        var detector = new LexiconDetector(store);
        Assert.Single(detector.Detect("冰毒出售"));

        File.WriteAllText(words, "# version: 2\n赌博网站\tmod.gambling\twarning\n成人视频\tmod.porn\n换脸软件出售\tai.illegal_service\n");
        var result = store.Reload("alice");
        Assert.True(result.Applied);
        Assert.NotSame(first, store.Current);
        Assert.Equal("2", store.Current.Version);
        // Readers holding the old lexicon keep a complete, working one.
        Assert.Single(first.Matcher.Match("冰毒出售").Matches);
        Assert.Empty(detector.Detect("冰毒出售"));
        Assert.Single(detector.Detect("换脸软件出售"));

        var log = LogLines(store);
        Assert.Equal(2, log.Count);
        Assert.Equal(("load", "ops@startup", 3), (log[0].GetProperty("action").GetString(), log[0].GetProperty("who").GetString(), log[0].GetProperty("added").GetArrayLength()));
        var reload = log[1];
        Assert.Equal("2025-06-20T08:30:00.000Z", reload.GetProperty("time").GetString());
        Assert.Equal(("reload", "alice", "1", "2"), (reload.GetProperty("action").GetString(), reload.GetProperty("who").GetString(),
            reload.GetProperty("from").GetString(), reload.GetProperty("to").GetString()));
        Assert.Equal("换脸软件出售", reload.GetProperty("added")[0].GetProperty("text").GetString());
        Assert.Equal("冰毒出售", reload.GetProperty("removed")[0].GetProperty("text").GetString());
        var changed = reload.GetProperty("changed")[0];
        Assert.Equal(("error", "warning"), (changed.GetProperty("before").GetProperty("severity").GetString(), changed.GetProperty("after").GetProperty("severity").GetString()));
        Assert.Equal(words, reload.GetProperty("sources")[0].GetString());
    }

    [Fact]
    public void AReloadWithErrorsKeepsTheCurrentLexiconAndIsLoggedAsRejected()
    {
        string words = Write("words.tsv", "赌博网站\tmod.gambling\n");
        var store = LexiconStore.Open([words], Path.Combine(dir, "changes.jsonl"), "boot");
        var before = store.Current;
        File.WriteAllText(words, "赌博网站\tmod.casino\n");
        var result = store.Reload("bob");
        Assert.False(result.Applied);
        Assert.Same(before, store.Current);
        Assert.Contains(result.Issues, i => i.Code == "lexicon.category" && i.Source.Line == 1);

        var rejected = LogLines(store)[^1];
        Assert.Equal("rejected", rejected.GetProperty("action").GetString());
        Assert.Contains("mod.casino", rejected.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task ReadersNeverSeeAHalfBuiltLexiconWhileReloading()
    {
        string a = Write("a.tsv", "# version: a\n赌博网站\tmod.gambling\n");
        string b = Write("b.tsv", "# version: b\n赌博网站\tmod.gambling\n冰毒出售\tmod.drugs\n");
        var store = LexiconStore.Open([a], Path.Combine(dir, "changes.jsonl"), "boot");
        var detector = new LexiconDetector(store);
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Whichever lexicon is current, 赌博网站 is in it: a reader must always find it.
                if (detector.Detect("来赌博网站买冰毒出售").All(f => f.Text != "赌博网站")) throw new InvalidOperationException("lost a hit");
                Interlocked.Increment(ref reads);
            }
        })).ToArray();

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref reads) > 0, TimeSpan.FromSeconds(10)));
        for (int i = 0; i < 20; i++) Assert.True(store.Reload(i % 2 == 0 ? [b] : [a], "flipper").Applied);
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(reads > 0);
        Assert.Equal(21, LogLines(store).Count);
    }

    [Fact]
    public void ReloadBuildsTheMatchersOfRegisteredDetectorsBeforeTheSwap()
    {
        string words = Write("words.tsv", "赌博网站\tmod.gambling\n");
        var store = LexiconStore.Open([words], Path.Combine(dir, "changes.jsonl"), "boot");
        int keyed = 0;
        Qinglang.Text.Normalization.NormalizedText Counting(string text)
        {
            Interlocked.Increment(ref keyed);
            return LexiconDetector.LowercaseIdentity(text);
        }

        var detector = new LexiconDetector(store, Counting);
        Assert.Equal(1, keyed);
        File.WriteAllText(words, "赌博网站\tmod.gambling\n冰毒出售\tmod.drugs\n");
        store.Reload("alice");
        Assert.Equal(3, keyed);
        Assert.Equal(2, detector.Detect("赌博网站冰毒出售").Count());
        Assert.Equal(4, keyed); // only the scanned text itself was normalized: the matcher was ready
    }

    [Fact]
    public void ReplacingWithABuiltLexiconIsLoggedToo()
    {
        var store = new LexiconStore(Lexicon.Parse("赌博网站\tmod.gambling\n", LexiconFormat.Plain).GetOrThrow(), Path.Combine(dir, "c.jsonl"), "boot");
        Assert.Throws<InvalidOperationException>(() => store.Reload("nobody"));
        var next = Lexicon.Parse("赌博网站\tmod.gambling\n{x}\tallow\n", LexiconFormat.Plain).GetOrThrow();
        var result = store.Replace(next, "editor");
        Assert.Equal("{x}", Assert.Single(result.Diff!.Added).Text);
        Assert.Equal("replace", LogLines(store)[^1].GetProperty("action").GetString());
    }
}
