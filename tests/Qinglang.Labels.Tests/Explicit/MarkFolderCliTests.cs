namespace Qinglang.Labels.Tests.Explicit;

/// <summary><c>qinglang mark</c> on one picture and on a folder, run as the real command.</summary>
public sealed class MarkFolderCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OnePictureIsMarkedWithItsChecksListed()
    {
        var input = Tool.Ffmpeg(_folder.File("in.png"), "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1");
        var output = _folder.File("out.png");

        var result = CliProcess.Run("mark", input, "-o", output, "--position", "top-left", "--text", "本图由人工智能生成");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("marked image at top-left", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pixels changed only in the top-left region", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void FolderIsMarkedIntoTheOutputFolderAndFailuresAreCounted()
    {
        var input = Directory.CreateDirectory(_folder.File("in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        Tool.Ffmpeg(Path.Combine(input, "a.jpg"), "-f", "lavfi", "-i", "testsrc=size=320x240", "-frames:v", "1");
        Tool.Ffmpeg(Path.Combine(input, "sub", "b.png"), "-f", "lavfi", "-i", "color=c=white:size=320x240", "-frames:v", "1");
        File.WriteAllBytes(Path.Combine(input, "broken.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0]);
        var output = _folder.File("out");

        var result = CliProcess.Run("mark", input, "-o", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2 of 3 files marked", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken.png", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "a.jpg")));
        Assert.True(File.Exists(Path.Combine(output, "sub", "b.png")));
        Assert.False(File.Exists(Path.Combine(output, "broken.png")));
        Assert.Empty(Directory.EnumerateFiles(output, ".*", SearchOption.AllDirectories));
    }
}
