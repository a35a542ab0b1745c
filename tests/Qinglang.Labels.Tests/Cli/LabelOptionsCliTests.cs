using System.Text.Json;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Cli;

/// <summary>
/// The <c>label</c> options issue 2 names, through the real command: <c>-o</c> for one file, the platform's
/// <c>--propagator</c>/<c>--propagate-id</c>/<c>--label</c> with its own <c>--sign-key</c>, and progress on a terminal.
/// </summary>
public sealed class LabelOptionsCliTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Jpeg(string name) => Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");

    [Fact]
    public void OutputOptionWritesACopyAndLeavesTheInputAlone()
    {
        var input = Jpeg("in.jpg");
        var before = File.ReadAllBytes(input);
        var output = _folder.File("out.jpg");

        var result = CliProcess.Run("label", input, "-o", output, "--producer", Conformance.Producer, "--produce-id", "copy-1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("→ " + output, result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(1, CliProcess.Run("inspect", input).ExitCode);
        Assert.Equal(0, CliProcess.Run("inspect", output).ExitCode);
        Assert.Contains("copy-1", Assert.Single(Independent.ExiftoolLabelValues(output)).Value, StringComparison.Ordinal);
        Assert.Equal(Independent.DecodedStreamHashes(input), Independent.DecodedStreamHashes(output));
        Assert.Empty(_folder.Leftovers("in.jpg", "out.jpg"));
    }

    [Fact]
    public void PlatformAddsItsFieldsAndSignatureWithTheCliAndBothKeysVerify()
    {
        var jpeg = Jpeg("post.jpg");
        var producerKey = _folder.File("producer");
        var platformKey = _folder.File("platform");
        CliProcess.Run("keygen", "-o", producerKey).EnsureSuccess("keygen producer");
        CliProcess.Run("keygen", "-o", platformKey).EnsureSuccess("keygen platform");

        CliProcess.Run("label", jpeg, "--producer", Conformance.Producer, "--produce-id", "gen-9", "--sign-key", producerKey + ".key").EnsureSuccess("producer label");
        CliProcess.Run("label", jpeg, "--propagator", Conformance.Propagator, "--propagate-id", "post-9", "--label", "1", "--sign-key", platformKey + ".key")
            .EnsureSuccess("platform label");

        var inspect = CliProcess.Run("inspect", jpeg, "--json", "--trust-key", producerKey + ".pub", "--trust-key", platformKey + ".pub");
        Assert.True(inspect.ExitCode == 0, inspect.Stdout);
        using var json = JsonDocument.Parse(inspect.Stdout);
        var file = json.RootElement[0];
        var label = file.GetProperty("label");
        Assert.Equal("gen-9", label.GetProperty("ProduceID").GetString());
        Assert.Equal(Conformance.Propagator, label.GetProperty("ContentPropagator").GetString());
        Assert.Equal("post-9", label.GetProperty("PropagateID").GetString());
        Assert.Equal(1, file.GetProperty("sites").GetArrayLength());
        var signatures = file.GetProperty("signatures").EnumerateArray().Select(s => $"{s.GetProperty("element").GetString()} {s.GetProperty("status").GetString()}");
        Assert.Equal(["ReservedCode1 trusted", "ReservedCode2 trusted"], signatures);

        // The human table says the same; trusting only the producer leaves the platform's signature untrusted.
        var table = CliProcess.Run("inspect", jpeg, "--trust-key", producerKey + ".pub");
        Assert.Equal(1, table.ExitCode);
        Assert.Contains("format 格式   jpeg", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("signature     ReservedCode2: untrusted", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("signature.untrusted", table.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("3")]
    public void PlatformCanSetLabelTwoOrThree(string value)
    {
        var jpeg = Jpeg($"l{value}.jpg");
        CliProcess.Run("label", jpeg, "--label", value, "--propagator", Conformance.Propagator, "--propagate-id", "p-" + value).EnsureSuccess("label");
        var inspect = CliProcess.Run("inspect", jpeg, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.Stdout);
        using var json = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal(value, json.RootElement[0].GetProperty("label").GetProperty("Label").GetString());
        Assert.Equal("", json.RootElement[0].GetProperty("label").GetProperty("ContentProducer").GetString());
    }

    [Fact]
    public void FolderLabelingShowsProgressOnATerminalOnly()
    {
        var input = Directory.CreateDirectory(_folder.File("in")).FullName;
        Tool.Run("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=1", "-frames:v", "5", Path.Combine(input, "f%02d.jpg"))
            .EnsureSuccess("ffmpeg");
        var dll = Path.Combine(AppContext.BaseDirectory, "qinglang.dll");
        string[] label = ["label", input, "--producer", Conformance.Producer, "--produce-id", "tty"];

        // script(1) gives the command a pseudo-terminal, as a user's shell would.
        string[] words = ["dotnet", dll, .. label];
        var command = string.Join(' ', words.Select(a => "'" + a + "'"));
        var onTerminal = Tool.Run("script", "-qec", command, "/dev/null");
        Assert.True(onTerminal.ExitCode == 0, onTerminal.Stdout + onTerminal.Stderr);
        Assert.Contains("5/5 labeling", onTerminal.Stdout, StringComparison.Ordinal);
        Assert.Contains("5 labeled, 0 skipped", onTerminal.Stdout, StringComparison.Ordinal);

        var redirected = CliProcess.Run(label);
        Assert.True(redirected.ExitCode == 0, redirected.Stderr);
        Assert.DoesNotContain("labeling", redirected.Stderr, StringComparison.Ordinal);
        Assert.Contains("5 labeled, 0 skipped", redirected.Stderr, StringComparison.Ordinal);
    }
}
