using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Tests.Index;

/// <summary>Crashes and damage: a torn log tail is recovered, anything else is a clear error naming the file.</summary>
public sealed class IndexRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Db => _folder.File("db");

    private string LogPath => Path.Combine(Db, "records.log");

    private void Build(string folder, int count, int first = 0)
    {
        using var index = SimilarityIndex.Open(folder, new SimilarityIndexOptions { SealEvery = 20 });
        index.AddRange(Enumerable.Range(first, count).Select(i => new IndexDocument($"p{i}", PostTexts.Post(i), "acct")));
    }

    [Fact]
    public void TornTailAfterTheCommitPointIsCutOffAndTheIndexWorks()
    {
        Build(Db, 30);
        var committed = new FileInfo(LogPath).Length;
        var extra = _folder.File("extra");
        Build(extra, 1, first: 99);
        var frame = File.ReadAllBytes(Path.Combine(extra, "records.log"))[RecordLogHeader..];

        // Half a frame: an append interrupted by a crash.
        using (var log = new FileStream(LogPath, FileMode.Append))
        {
            log.Write(frame.AsSpan(0, frame.Length / 2));
        }

        using (var index = SimilarityIndex.Open(Db))
        {
            Assert.Equal(frame.Length / 2, index.RecoveredTornBytes);
            Assert.Equal(30, index.Count);
            Assert.Equal("p5", Assert.Single(index.Query(PostTexts.Post(5))).Id);
            index.Add(new IndexDocument("after", PostTexts.Post(500)));
        }

        Assert.True(new FileInfo(LogPath).Length > committed);
        using (var index = SimilarityIndex.Open(Db))
        {
            Assert.Equal(0, index.RecoveredTornBytes);
            Assert.Equal("after", Assert.Single(index.Query(PostTexts.Post(500))).Id);
        }
    }

    [Fact]
    public void WholeFramesWrittenAfterTheCommitPointAreReplayed()
    {
        Build(Db, 10);
        var extra = _folder.File("extra");
        Build(extra, 1, first: 77);
        var frame = File.ReadAllBytes(Path.Combine(extra, "records.log"))[RecordLogHeader..];
        using (var log = new FileStream(LogPath, FileMode.Append))
        {
            log.Write(frame);
        }

        using var index = SimilarityIndex.Open(Db);
        Assert.Equal(0, index.RecoveredTornBytes);
        Assert.Equal(11, index.Count);
        Assert.Equal("p77", Assert.Single(index.Query(PostTexts.Post(77))).Id);
    }

    [Fact]
    public void EveryFlippedByteOrTruncationIsDetectedOrHarmless()
    {
        Build(Db, 45);
        var pristine = _folder.File("pristine");
        CopyFolder(Db, pristine);
        var files = Directory.GetFiles(pristine).Select(Path.GetFileName).Where(n => n != "lock").ToList();
        Assert.Contains("manifest.json", files);
        Assert.Contains("records.log", files);
        Assert.Contains(files, n => n!.StartsWith("postings-", StringComparison.Ordinal));
        Assert.Contains(files, n => n!.StartsWith("documents-", StringComparison.Ordinal));
        var random = new Random(7);
        foreach (var name in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(pristine, name!));
            var damages = new List<(string What, byte[] Bytes)>();
            foreach (var at in new[] { 0, 5, 9, 17, 25, 33, bytes.Length / 2, bytes.Length - 1 }.Concat(Enumerable.Range(0, 12).Select(_ => random.Next(bytes.Length))))
            {
                var flipped = (byte[])bytes.Clone();
                flipped[Math.Clamp(at, 0, bytes.Length - 1)] ^= 0x5A;
                damages.Add(($"byte {at} flipped", flipped));
            }

            foreach (var length in new[] { 0, 1, 8, 20, bytes.Length / 3, bytes.Length - 1 })
            {
                damages.Add(($"truncated to {length}", bytes[..Math.Min(length, bytes.Length)]));
            }

            foreach (var (what, damaged) in damages)
            {
                Directory.Delete(Db, recursive: true);
                CopyFolder(pristine, Db);
                File.WriteAllBytes(Path.Combine(Db, name!), damaged);
                AssertDetectedOrHarmless($"{name} {what}", name!);
            }
        }
    }

    [Fact]
    public void RebuildRepairsDamagedDerivedFiles()
    {
        Build(Db, 45);
        var postings = Directory.GetFiles(Db, "postings-*.bin").First();
        var bytes = File.ReadAllBytes(postings);
        bytes[^3] ^= 0xFF;
        File.WriteAllBytes(postings, bytes);
        var error = Assert.Throws<IndexCorruptException>(() => SimilarityIndex.Open(Db));
        Assert.Equal(postings, error.File);
        Assert.Contains("checksum", error.Message);

        using var index = SimilarityIndex.Rebuild(Db);
        Assert.Equal(45, index.Count);
        Assert.Equal("p44", Assert.Single(index.Query(PostTexts.Post(44))).Id);
    }

    private const int RecordLogHeader = 16;

    /// <summary>Opens and queries every document: a result must be right, or an index error must name a file of the index.</summary>
    private void AssertDetectedOrHarmless(string damage, string file)
    {
        try
        {
            using var index = SimilarityIndex.Open(Db);
            for (var i = 0; i < 45; i += 4)
            {
                var matches = index.Query(PostTexts.Post(i));
                Assert.True(matches.Count == 1 && matches[0].Id == $"p{i}", $"{damage}: query {i} returned [{string.Join(",", matches.Select(m => m.Id))}] without an error");
            }
        }
        catch (IndexCorruptException ex)
        {
            Assert.StartsWith(Db, ex.File);
            Assert.Contains(Path.GetFileName(ex.File), ex.Message);
        }
        catch (IndexParameterMismatchException ex) when (file == "manifest.json")
        {
            Assert.Contains(Db, ex.Message);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
