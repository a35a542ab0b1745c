using Qinglang.Labels.IO;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.AtomicWrites;

/// <summary>
/// A batch of replaces that recycles each replaced file as the next temporary: every file gets exactly its new bytes
/// and keeps its own mode, nothing of a file that is not safe to reuse reaches another file, and no spare is left.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class RecycledTemporaryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EachReplacedFileBecomesTheNextFilesInode()
    {
        var files = Enumerable.Range(0, 6).Select(i => Make($"f{i}.bin", 3000 + (i * 100), (byte)i)).ToArray();
        var inodes = files.Select(f => FileStatus.Of(f)!.Value.Inode).ToArray();

        using (RecycledTemporary.Begin())
        {
            for (var i = 0; i < files.Length; i++)
            {
                AtomicFile.Write(files[i], NewBytes(i), permissionsFrom: files[i]);
                Assert.Equal(NewBytes(i), File.ReadAllBytes(files[i]));
                if (i > 0)
                {
                    Assert.Equal(inodes[i - 1], FileStatus.Of(files[i])!.Value.Inode); // the previous original, reused
                }
            }
        }

        Assert.Equal(files.Select(Path.GetFileName).Order(StringComparer.Ordinal), Entries());
        Assert.All(files, (f, i) => Assert.Equal(NewBytes(i), File.ReadAllBytes(f)));
    }

    [Fact]
    public void AFileWithASecondNameKeepsItsOldBytesUnderThatName()
    {
        var a = Make("a.bin", 5000, 0xA1);
        var original = File.ReadAllBytes(a);
        Tool.Run("ln", a, _folder.File("a-link.bin")).EnsureSuccess("ln");
        var b = Make("b.bin", 4000, 0xB2);
        var c = Make("c.bin", 4000, 0xC3);

        using (RecycledTemporary.Begin())
        {
            AtomicFile.Write(a, NewBytes(1));
            AtomicFile.Write(b, NewBytes(2));
            AtomicFile.Write(c, NewBytes(3));
        }

        Assert.Equal(original, File.ReadAllBytes(_folder.File("a-link.bin")));
        Assert.Equal(NewBytes(1), File.ReadAllBytes(a));
        Assert.Equal(NewBytes(2), File.ReadAllBytes(b));
        Assert.Equal(NewBytes(3), File.ReadAllBytes(c));
        Assert.NotEqual(FileStatus.Of(_folder.File("a-link.bin"))!.Value.Inode, FileStatus.Of(b)!.Value.Inode);
        Assert.Equal(["a-link.bin", "a.bin", "b.bin", "c.bin"], Entries());
    }

    [Fact]
    public void AFileWithExtendedAttributesIsNotReusedForAnother()
    {
        var a = Make("a.bin", 5000, 1);
        var b = Make("b.bin", 5000, 2);
        Python($"import os; os.setxattr('{a}', 'user.origin', b'camera-7')");

        using (RecycledTemporary.Begin())
        {
            AtomicFile.Write(a, NewBytes(1));
            AtomicFile.Write(b, NewBytes(2));
        }

        Assert.Equal("[]", Python($"import os; print(os.listxattr('{b}'))"));
        Assert.Equal(NewBytes(2), File.ReadAllBytes(b));
        Assert.Equal(["a.bin", "b.bin"], Entries());
    }

    [Fact]
    public void AFileWithAnInodeFlagIsNotReusedForAnother()
    {
        var a = Make("a.bin", 5000, 1);
        var b = Make("b.bin", 5000, 2);
        Tool.Run("chattr", "+d", a).EnsureSuccess("chattr +d (no dump)"); // ext4, where the tests' temporary folder lives

        using (RecycledTemporary.Begin())
        {
            AtomicFile.Write(a, NewBytes(1));
            AtomicFile.Write(b, NewBytes(2));
        }

        Assert.False(FileStatus.Of(b)!.Value.HasSpecialAttributes);
        Assert.DoesNotContain("d", Tool.Run("lsattr", b).EnsureSuccess("lsattr").Stdout.Split(' ')[0]);
        Assert.Equal(NewBytes(2), File.ReadAllBytes(b));
    }

    [Fact]
    public void EveryFileKeepsItsOwnMode()
    {
        UnixFileMode[] modes =
        [
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            UnixFileMode.UserRead,
        ];
        var files = modes.Select((m, i) => Make($"m{i}.bin", 2000, (byte)i)).ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            File.SetUnixFileMode(files[i], modes[i]);
        }

        using (RecycledTemporary.Begin())
        {
            for (var i = 0; i < files.Length; i++)
            {
                AtomicFile.Write(files[i], NewBytes(i));
            }
        }

        Assert.All(files, (f, i) => Assert.Equal(modes[i], File.GetUnixFileMode(f)));
    }

    [Fact]
    public void FilesInSeveralFoldersAndAFailureLeaveNoSpareBehind()
    {
        Directory.CreateDirectory(_folder.File("x"));
        Directory.CreateDirectory(_folder.File("y"));
        var x = Make("x/one.bin", 3000, 1);
        var y = Make("y/two.bin", 3000, 2);
        var blocker = Directory.CreateDirectory(_folder.File("x/not-a-file")).FullName;

        using (RecycledTemporary.Begin())
        {
            AtomicFile.Write(x, NewBytes(1));
            AtomicFile.Write(y, NewBytes(2));
            Assert.ThrowsAny<IOException>(() => AtomicFile.Write(blocker, NewBytes(3)));
            AtomicFile.Write(x, NewBytes(4));
        }

        Assert.Equal(NewBytes(4), File.ReadAllBytes(x));
        Assert.Equal(NewBytes(2), File.ReadAllBytes(y));
        Assert.Equal(["not-a-file", "one.bin"], Directory.EnumerateFileSystemEntries(_folder.File("x")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["two.bin"], Directory.EnumerateFileSystemEntries(_folder.File("y")).Select(Path.GetFileName));
    }

    [Fact]
    public void TheCliLabelsAFolderThroughRecycledFilesAndLeavesOnlyTheFiles()
    {
        for (var i = 0; i < 12; i++)
        {
            Tool.Ffmpeg(_folder.File($"p{i:00}.png"), "-f", "lavfi", "-i", $"testsrc=size={32 + i}x32", "-frames:v", "1");
        }

        var names = Entries();
        var run = CliProcess.Run("label", _folder.Path, "--producer", Conformance.Producer, "--produce-id", "batch-1");
        Assert.True(run.ExitCode == 0, run.Stderr);

        Assert.Equal(names, Entries());
        Assert.All(names, n => Assert.Contains(Independent.ExiftoolLabelValues(_folder.File(n!)), v => v.Value.Contains("batch-1", StringComparison.Ordinal)));
    }

    private string Make(string name, int length, byte seed)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, Enumerable.Range(0, length).Select(i => (byte)(seed + (i * 7))).ToArray());
        return path;
    }

    private static byte[] NewBytes(int i) => Enumerable.Range(0, 2500 + (i * 37)).Select(b => (byte)(i ^ b)).ToArray();

    private string[] Entries() =>
        Directory.EnumerateFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static string Python(string code) => Tool.Run("/usr/bin/python3", "-c", code).EnsureSuccess("python3").Stdout.Trim();
}
