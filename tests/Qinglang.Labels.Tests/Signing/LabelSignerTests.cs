using Qinglang.Labels.Model;
using Qinglang.Labels.Signing;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Signing;

public sealed class LabelSignerTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly AigcLabel _label = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-7" };

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SignedLabelVerifiesOnlyWithTheTrustedKey()
    {
        var key = Sm2KeyPair.Generate();
        var other = Sm2KeyPair.Generate();
        var signed = LabelSigner.Sign(_label, SignerRole.Producer, key);
        var record = SecurityData.TryParse(signed.ReservedCode1, out _)!;

        Assert.Equal(SignatureStatus.Trusted, LabelSigner.Verify(signed, record, [key]).Status);
        Assert.Equal(SignatureStatus.Untrusted, LabelSigner.Verify(signed, record, [other]).Status);
        Assert.Equal(SignatureStatus.Untrusted, LabelSigner.Verify(signed, record, []).Status);
        Assert.Equal(SignatureStatus.Invalid, LabelSigner.Verify(signed with { ProduceID = "gen-8" }, record, [key]).Status);
    }

    [Fact]
    public void KeysRoundTripThroughPem()
    {
        var key = Sm2KeyPair.Generate();
        var fromPrivate = Sm2KeyPair.FromPem(key.PrivateKeyPem);
        var fromPublic = Sm2KeyPair.FromPem(key.PublicKeyPem);
        Assert.Equal(key.PublicKeyDer, fromPrivate.PublicKeyDer);
        Assert.Equal(key.PublicKeyDer, fromPublic.PublicKeyDer);
        Assert.Null(fromPublic.PrivateKey);
        Assert.Throws<LabelingException>(() => Sm2KeyPair.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    }

    [Fact]
    public void OpenSslVerifiesQinglangSignatures()
    {
        var key = Sm2KeyPair.Generate();
        var signed = LabelSigner.Sign(_label, SignerRole.Producer, key);
        var record = SecurityData.TryParse(signed.ReservedCode1, out _)!;
        File.WriteAllBytes(_folder.File("msg"), LabelSigner.Message(signed, LabelSigner.BindingsOf(SignerRole.Producer)));
        File.WriteAllBytes(_folder.File("sig"), Convert.FromBase64String(record.PrivSD!));
        File.WriteAllText(_folder.File("key.pub"), key.PublicKeyPem);

        var result = Tool.Run("openssl", "pkeyutl", "-verify", "-in", _folder.File("msg"), "-pubin", "-inkey", _folder.File("key.pub"),
            "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + LabelSigner.DefaultUserId, "-sigfile", _folder.File("sig"));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("Verified Successfully", result.Stdout);
        Assert.Equal("\"Label\":\"1\",\"ContentProducer\":\"001191440300708461136T1XGW3\",\"ProduceID\":\"gen-7\"", File.ReadAllText(_folder.File("msg")));
    }

    [Fact]
    public void QinglangVerifiesOpenSslSignaturesWithOpenSslKeys()
    {
        Tool.Run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", _folder.File("ossl.key")).EnsureSuccess("openssl genpkey");
        Tool.Run("openssl", "pkey", "-in", _folder.File("ossl.key"), "-pubout", "-out", _folder.File("ossl.pub")).EnsureSuccess("openssl pkey");
        File.WriteAllBytes(_folder.File("msg"), LabelSigner.Message(_label, LabelSigner.BindingsOf(SignerRole.Producer)));
        Tool.Run("openssl", "pkeyutl", "-sign", "-in", _folder.File("msg"), "-inkey", _folder.File("ossl.key"), "-rawin", "-digest", "sm3",
            "-pkeyopt", "distid:" + LabelSigner.DefaultUserId, "-out", _folder.File("sig")).EnsureSuccess("openssl sign");

        var trusted = Sm2KeyPair.Load(_folder.File("ossl.pub"));
        var record = new SecurityData
        {
            Type = SecurityData.SignatureType,
            Version = SecurityData.CurrentVersion,
            Bindings = "Label,ContentProducer,ProduceID",
            PrivSD = Convert.ToBase64String(File.ReadAllBytes(_folder.File("sig"))),
        };
        Assert.Equal(SignatureStatus.Trusted, LabelSigner.Verify(_label, record, [trusted]).Status);
        Assert.Equal(SignatureStatus.Trusted, LabelSigner.Verify(_label, record, [Sm2KeyPair.Load(_folder.File("ossl.key"))]).Status);
    }

    [Fact]
    public void MalformedRecordsAreReportedNotThrown()
    {
        var record = new SecurityData { Type = "RSA", Version = "1" };
        Assert.Equal(SignatureStatus.Malformed, LabelSigner.Verify(_label, record, []).Status);
        Assert.Equal(SignatureStatus.Malformed, LabelSigner.Verify(_label, record with { Type = "SM3withSM2", PrivSD = "!!" }, []).Status);
        Assert.Equal(SignatureStatus.Malformed, LabelSigner.Verify(_label, record with { Type = "SM3withSM2", PrivSD = "AAAA", Bindings = "ReservedCode1" }, []).Status);
    }

    [Fact]
    public void SignedFileVerifiesAndTamperingIsCaught()
    {
        var key = Sm2KeyPair.Generate();
        var png = Tool.Ffmpeg(_folder.File("a.png"), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");
        Conformance.Writer.Write(png, null, new Writing.LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-1", SigningKey = key });

        var trusting = new Labels.Inspection.LabelInspector(Labels.Carriers.CarrierRegistry.Default, [key]);
        var report = trusting.Inspect(png);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal(SignatureStatus.Trusted, Assert.Single(report.Signatures).Status);

        var stranger = new Labels.Inspection.LabelInspector(Labels.Carriers.CarrierRegistry.Default, [Sm2KeyPair.Generate()]).Inspect(png);
        Assert.Contains(stranger.Problems, p => p.Code == ProblemCodes.SignatureUntrusted);
        Assert.False(stranger.IsValid);

        // Someone edits the ProduceID with exiftool, keeping the signature: verification must fail.
        var json = report.Sites[0].Value.Replace("gen-1", "gen-2");
        ExiftoolTc260.Write(png, json);
        var tampered = trusting.Inspect(png);
        Assert.Equal("gen-2", tampered.Label!.ProduceID);
        Assert.Contains(tampered.Problems, p => p.Code == ProblemCodes.SignatureInvalid);
    }

    [Fact]
    public void PlatformSignsReservedCode2NextToTheProducersSignatureAndOpenSslVerifiesIt()
    {
        var (producer, platform, png) = SignedByProducerThenPlatform("p.png");

        var both = new Labels.Inspection.LabelInspector(Labels.Carriers.CarrierRegistry.Default, [producer, platform]).Inspect(png);
        Assert.True(both.IsValid, Conformance.Describe(both));
        Assert.Equal(["ReservedCode1", "ReservedCode2"], both.Signatures.Select(s => s.Element));
        Assert.All(both.Signatures, s => Assert.Equal(SignatureStatus.Trusted, s.Status));

        var producerOnly = new Labels.Inspection.LabelInspector(Labels.Carriers.CarrierRegistry.Default, [producer]).Inspect(png);
        var untrusted = Assert.Single(producerOnly.Problems, p => p.Code == ProblemCodes.SignatureUntrusted);
        Assert.Contains("ReservedCode2", untrusted.Message, StringComparison.Ordinal);

        // exiftool reads the stored label; openssl verifies the platform's signature over its own three elements.
        var stored = LabelJson.Parse(Independent.ExiftoolLabelValues(png).Single().Value).Label!;
        var record = SecurityData.TryParse(stored.ReservedCode2, out _)!;
        Assert.Equal("Label,ContentPropagator,PropagateID", record.Bindings);
        File.WriteAllBytes(_folder.File("msg"), LabelSigner.Message(stored, LabelSigner.BindingsOf(SignerRole.Propagator)));
        File.WriteAllBytes(_folder.File("sig"), Convert.FromBase64String(record.PrivSD!));
        File.WriteAllText(_folder.File("platform.pub"), platform.PublicKeyPem);
        var result = Tool.Run("openssl", "pkeyutl", "-verify", "-in", _folder.File("msg"), "-pubin", "-inkey", _folder.File("platform.pub"),
            "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + LabelSigner.DefaultUserId, "-sigfile", _folder.File("sig"));
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("\"Label\":\"1\",\"ContentPropagator\":\"001191110108MA01KP2T4Q20001\",\"PropagateID\":\"post-1\"", File.ReadAllText(_folder.File("msg")));
    }

    [Fact]
    public void ChangingASignedElementDropsThatSignatureOnly()
    {
        var (producer, platform, png) = SignedByProducerThenPlatform("c.png");

        // A new PropagateID without a key: the platform's signature could only fail now, so it goes; the producer's stays.
        Conformance.Writer.Write(png, null, new Writing.LabelRequest { PropagateID = "post-2" });
        var report = new Labels.Inspection.LabelInspector(Labels.Carriers.CarrierRegistry.Default, [producer, platform]).Inspect(png);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.True(string.IsNullOrEmpty(report.Label!.ReservedCode2));
        Assert.Equal(SignatureStatus.Trusted, Assert.Single(report.Signatures).Status);
        Assert.Equal("ReservedCode1", report.Signatures[0].Element);
    }

    /// <summary>A PNG the producer labeled and signed (ReservedCode1), then the platform (ReservedCode2).</summary>
    private (Sm2KeyPair Producer, Sm2KeyPair Platform, string Png) SignedByProducerThenPlatform(string name)
    {
        var producer = Sm2KeyPair.Generate();
        var platform = Sm2KeyPair.Generate();
        var png = Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=32x32", "-frames:v", "1");
        Conformance.Writer.Write(png, null, new Writing.LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-1", SigningKey = producer });
        Conformance.Writer.Write(png, null, new Writing.LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "post-1", SigningKey = platform });
        return (producer, platform, png);
    }
}
