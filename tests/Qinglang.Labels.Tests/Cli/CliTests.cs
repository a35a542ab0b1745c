using System.Text.Json;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Cli;

public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Png(string name) => Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");

    [Fact]
    public void LabelThenInspectJsonHasTheDocumentedShape()
    {
        var png = Png("a.png");
        CliProcess.Run("label", png, "--producer", Conformance.Producer, "--produce-id", "g1").EnsureSuccess("label");
        var result = CliProcess.Run("inspect", png, "--json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var file = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal(png, file.GetProperty("path").GetString());
        Assert.Equal("png", file.GetProperty("format").GetString());
        Assert.Equal("1", file.GetProperty("label").GetProperty("Label").GetString());
        Assert.Equal("g1", file.GetProperty("label").GetProperty("ProduceID").GetString());
        Assert.Equal(1, file.GetProperty("sites").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, file.GetProperty("problems").ValueKind);
    }

    [Fact]
    public void InspectExitCodesSayValidInvalidAndUnreadable()
    {
        var labeled = Png("labeled.png");
        var bare = Png("bare.png");
        CliProcess.Run("label", labeled, "--producer", Conformance.Producer, "--produce-id", "g1").EnsureSuccess("label");
        Assert.Equal(0, CliProcess.Run("inspect", labeled).ExitCode);

        var mixed = CliProcess.Run("inspect", labeled, bare, "--json");
        Assert.Equal(1, mixed.ExitCode);
        using var json = JsonDocument.Parse(mixed.Stdout);
        var problems = json.RootElement[1].GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("label.missing", problems);
        Assert.Equal(JsonValueKind.Null, json.RootElement[1].GetProperty("label").ValueKind);

        Assert.Equal(2, CliProcess.Run("inspect", _folder.File("nope.png")).ExitCode);
    }

    [Fact]
    public void MoovToEndLabelsAFastStartMovieInPlace()
    {
        var mp4 = Tool.Ffmpeg(_folder.File("fast.mp4"), "-f", "lavfi", "-i", "testsrc=d=1:size=64x48", "-c:v", "libx264", "-movflags", "+faststart");
        var result = CliProcess.Run("label", mp4, "--moov-to-end", "--producer", Conformance.Producer, "--produce-id", "m2e");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("in place", result.Stdout);
        Assert.Equal(0, CliProcess.Run("inspect", mp4).ExitCode);
        Assert.Contains("m2e", Independent.FfprobeTags(mp4));
    }

    [Fact]
    public void FolderLabelingWritesEverySupportedFileAndSkipsOthers()
    {
        var input = Directory.CreateDirectory(_folder.File("in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        Tool.Ffmpeg(Path.Combine(input, "one.png"), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");
        Tool.Ffmpeg(Path.Combine(input, "sub", "two.png"), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");
        File.WriteAllBytes(Path.Combine(input, "blob.bin"), [0, 1, 2, 3, 255, 254]);
        var output = _folder.File("out");

        var result = CliProcess.Run("label", input, "-o", output, "--producer", Conformance.Producer, "--produce-id", "batch");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("2 labeled, 1 skipped", result.Stderr);
        Assert.Equal(0, CliProcess.Run("inspect", Path.Combine(output, "one.png"), Path.Combine(output, "sub", "two.png")).ExitCode);
        Assert.Equal(1, CliProcess.Run("inspect", Path.Combine(input, "one.png")).ExitCode); // input untouched
    }

    [Fact]
    public void BadRequestsFailClearlyAndLeaveTheFileAlone()
    {
        var png = Png("a.png");
        var before = File.ReadAllBytes(png);

        var chinese = CliProcess.Run("label", png, "--producer", "某某科技", "--produce-id", "1");
        Assert.Equal(1, chinese.ExitCode);
        Assert.Contains("label.charset", chinese.Stderr);

        var noProducer = CliProcess.Run("label", png);
        Assert.Equal(1, noProducer.ExitCode);
        Assert.Contains("label.missing_element", noProducer.Stderr);

        Assert.Equal(2, CliProcess.Run("label", png, "--label", "7", "--producer", "x", "--produce-id", "y").ExitCode);
        Assert.Equal(before, File.ReadAllBytes(png));

        var text = _folder.File("notes.png");
        File.WriteAllText(text, "本内容由人工智能生成。 plain text, no metadata.");
        var plain = CliProcess.Run("label", text, "--producer", Conformance.Producer, "--produce-id", "1");
        Assert.Equal(1, plain.ExitCode);
        Assert.Contains("format.no_implicit_site", plain.Stderr);
        Assert.Empty(_folder.Leftovers("a.png", "notes.png"));
    }

    [Fact]
    public void KeygenSignAndVerifyWithTrustedKey()
    {
        var png = Png("a.png");
        var prefix = _folder.File("producer");
        CliProcess.Run("keygen", "-o", prefix).EnsureSuccess("keygen");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
        }

        CliProcess.Run("label", png, "--producer", Conformance.Producer, "--produce-id", "s1", "--sign-key", prefix + ".key").EnsureSuccess("label");

        Assert.Equal(0, CliProcess.Run("inspect", png, "--trust-key", prefix + ".pub").ExitCode);
        var other = _folder.File("other");
        CliProcess.Run("keygen", "-o", other).EnsureSuccess("keygen");
        var untrusted = CliProcess.Run("inspect", png, "--trust-key", other + ".pub");
        Assert.Equal(1, untrusted.ExitCode);
        Assert.Contains("signature.untrusted", untrusted.Stdout);
    }

    [Fact]
    public void DemoRunsTheMainJob()
    {
        var result = CliProcess.Run("demo");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("\"status\": \"trusted\"", result.Stdout);
    }
}
