using System.Text.Json;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Signing;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Cli;

/// <summary><c>qinglang identify --platform</c>: the decision and the platform's fields go into the file (Art. 6).</summary>
public sealed class IdentifyPropagationCliTests : IDisposable
{
    private const string Producer = "001191440300708461136T1XGW3";
    private const string Platform = "001191110108MA01KP2T4Q20001";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static List<JsonElement> Lines(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    [Fact]
    public void ALabeledUploadKeepsTheProducerAndGainsThePlatformSigned()
    {
        var png = Media.Png(_folder, "up.png");
        CliProcess.Run("label", png, "--producer", Producer, "--produce-id", "g1").EnsureSuccess("label");
        var keyPrefix = _folder.File("platform");
        CliProcess.Run("keygen", "-o", keyPrefix).EnsureSuccess("keygen");

        var result = CliProcess.Run("identify", png, "--platform", Platform, "--content-id", "post-9", "--in-place", "--sign-key", keyPrefix + ".key");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var line = Assert.Single(Lines(result.Stdout));
        Assert.Equal("1", line.GetProperty("decision").GetString());
        Assert.Equal("post-9", line.GetProperty("propagateId").GetString());

        var report = new LabelInspector(CarrierRegistry.Default, [Sm2KeyPair.Load(keyPrefix + ".pub")]).Inspect(png);
        Assert.True(report.IsValid, string.Join("; ", report.Problems.Select(p => p.Message)));
        Assert.Equal("1", report.Label!.Label);
        Assert.Equal(Producer, report.Label.ContentProducer);
        Assert.Equal("g1", report.Label.ProduceID);
        Assert.Equal(Platform, report.Label.ContentPropagator);
        Assert.Equal(SignatureStatus.Trusted, Assert.Single(report.Signatures).Status);
    }

    [Fact]
    public void DeclaredAndSuspectedUploadsGetLabels2And3AndUnknownOnesAreLeftAlone()
    {
        var declared = Media.Png(_folder, "declared.png");
        var c2pa = Media.Jpeg(_folder, "c2pa.jpg");
        Embed.JpegApp11(c2pa, C2paFixture.Store());
        var bare = Media.Png(_folder, "bare.png");
        var bareBytes = File.ReadAllBytes(bare);
        var output = _folder.File("out");

        var first = CliProcess.Run("identify", declared, "--declared-ai", "--platform", Platform, "--content-id", "d", "-o", Path.Combine(output, "declared.png"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        var batch = CliProcess.Run("identify", c2pa, bare, "--platform", Platform, "--content-id", "b", "-o", output);
        Assert.True(batch.ExitCode == 0, batch.Stderr);
        var lines = Lines(batch.Stdout);
        Assert.Equal("b-1", lines[0].GetProperty("propagateId").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("written").ValueKind);
        Assert.Contains("no decision", lines[1].GetProperty("skipped").GetString());

        var inspector = new LabelInspector(CarrierRegistry.Default);
        var two = inspector.Inspect(Path.Combine(output, "declared.png"));
        Assert.Equal("2", two.Label!.Label);
        Assert.Equal("d", two.Label.PropagateID);
        Assert.True(two.IsValid, string.Join("; ", two.Problems.Select(p => p.Message)));
        var three = inspector.Inspect(Path.Combine(output, "c2pa.jpg"));
        Assert.Equal("3", three.Label!.Label);
        Assert.Equal(Platform, three.Label.ContentPropagator);
        Assert.False(File.Exists(Path.Combine(output, "bare.png")));
        Assert.Equal(bareBytes, File.ReadAllBytes(bare));
    }

    [Fact]
    public void PlatformNeedsAContentIdAndOneDestination()
    {
        var png = Media.Png(_folder, "a.png");
        Assert.Equal(2, CliProcess.Run("identify", png, "--platform", Platform).ExitCode);
        Assert.Equal(2, CliProcess.Run("identify", png, "--platform", Platform, "--content-id", "x").ExitCode);
        Assert.Equal(2, CliProcess.Run("identify", png, "--platform", Platform, "--content-id", "x", "--in-place", "-o", _folder.File("o.png")).ExitCode);
    }
}
