using System.Text.Json;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Cli;

/// <summary>The real <c>qinglang identify</c> process: JSON shape, decisions per file, exit codes.</summary>
public sealed class IdentifyCliTests : IDisposable
{
    private const string Producer = "001191440300708461136T1XGW3";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void JsonGivesEachFileItsDecisionEvidenceAndNotice()
    {
        var labeled = Media.Png(_folder, "labeled.png");
        CliProcess.Run("label", labeled, "--producer", Producer, "--produce-id", "g1").EnsureSuccess("label");
        var c2pa = Media.Jpeg(_folder, "c2pa.jpg");
        Embed.JpegApp11(c2pa, C2paFixture.Store());
        var bare = Media.Png(_folder, "bare.png");

        var result = CliProcess.Run("identify", labeled, c2pa, bare, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var files = json.RootElement.EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("path").GetString()!));
        Assert.Equal("1", files["labeled.png"].GetProperty("decision").GetString());
        Assert.Equal("3", files["c2pa.jpg"].GetProperty("decision").GetString());
        Assert.Contains("疑似", files["c2pa.jpg"].GetProperty("notice").GetString());
        var evidence = files["c2pa.jpg"].GetProperty("evidence").EnumerateArray().First();
        Assert.Equal("c2pa", evidence.GetProperty("kind").GetString());
        Assert.Contains("trainedAlgorithmicMedia", evidence.GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, files["bare.png"].GetProperty("decision").ValueKind);
        Assert.Equal(JsonValueKind.Null, files["bare.png"].GetProperty("notice").ValueKind);
        Assert.Contains("does not prove", files["bare.png"].GetProperty("note").GetString());
    }

    [Fact]
    public void DeclaredAiMakesUnlabeledFilesCase2()
    {
        var bare = Media.Png(_folder, "bare.png");

        var result = CliProcess.Run("identify", bare, "--declared-ai");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("decision 结论 2", result.Stdout);
        Assert.Contains("可能为人工智能生成合成内容", result.Stdout);
    }

    [Fact]
    public void TrustKeyChecksTheLabelSignature()
    {
        var signer = _folder.File("signer");
        var other = _folder.File("other");
        CliProcess.Run("keygen", "-o", signer).EnsureSuccess("keygen");
        CliProcess.Run("keygen", "-o", other).EnsureSuccess("keygen");
        var png = Media.Png(_folder, "signed.png");
        CliProcess.Run("label", png, "--producer", Producer, "--produce-id", "g1", "--sign-key", signer + ".key").EnsureSuccess("label --sign-key");

        Assert.Contains("\"decision\": \"1\"", CliProcess.Run("identify", png, "--json", "--trust-key", signer + ".pub").Stdout);
        Assert.Contains("\"decision\": \"3\"", CliProcess.Run("identify", png, "--json", "--trust-key", other + ".pub").Stdout);
    }

    [Fact]
    public void UnreadableInputExitsTwo()
    {
        var bare = Media.Png(_folder, "bare.png");

        var result = CliProcess.Run("identify", bare, _folder.File("missing.png"), "--json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("\"error\"", result.Stdout);
    }
}
