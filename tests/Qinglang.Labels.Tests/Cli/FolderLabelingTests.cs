using System.Text.Json;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Cli;

/// <summary>A folder labeled in place by several workers: every outcome counted once, nothing half done.</summary>
public sealed class FolderLabelingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EveryFileIsLabeledSkippedOrRefusedExactlyOnce()
    {
        var input = Directory.CreateDirectory(_folder.File("in")).FullName;
        foreach (var pattern in (string[])["f%02d.jpg", "f%02d.png"])
        {
            Tool.Run("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "12", Path.Combine(input, pattern)).EnsureSuccess("ffmpeg");
        }

        File.WriteAllBytes(Path.Combine(input, "blob.bin"), [0, 1, 2, 3, 255, 254]);
        var cut = Path.Combine(input, "cut.jpg");
        var whole = File.ReadAllBytes(Path.Combine(input, "f01.jpg"));
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);

        var result = CliProcess.Run("label", input, "--producer", Conformance.Producer, "--produce-id", "batch-w");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("24 labeled, 1 skipped (unsupported), 1 failed", result.Stderr);
        Assert.Contains("cut.jpg", result.Stderr);
        Assert.Equal(whole[..(whole.Length / 2)], File.ReadAllBytes(cut));
        Assert.Equal(26, Directory.EnumerateFiles(input).Count()); // no temporary file left

        var tags = ExiftoolTc260.Run("-j", "-XMP-TC260:AIGC", "-ext", "jpg", "-ext", "png", input).Stdout;
        using var report = JsonDocument.Parse(tags);
        var labeled = report.RootElement.EnumerateArray()
            .Where(file => file.TryGetProperty("AIGC", out var value) && value.GetRawText().Contains("batch-w", StringComparison.Ordinal))
            .Select(file => Path.GetFileName(file.GetProperty("SourceFile").GetString()))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Enumerable.Range(1, 12).SelectMany(i => new[] { $"f{i:00}.jpg", $"f{i:00}.png" }).Order(StringComparer.Ordinal), labeled);
    }
}
