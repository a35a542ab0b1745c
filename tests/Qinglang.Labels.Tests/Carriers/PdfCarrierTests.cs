using System.Diagnostics;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Pdf;
using Qinglang.Labels.Tests.Carriers.Pdf;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class PdfCarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old-producer\",\"ProduceID\":\"x1\"}";

    private static readonly string Tc260Xmp =
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\">" +
        "<dc:format>application/pdf</dc:format><TC260:AIGC>" + System.Net.WebUtility.HtmlEncode(OldLabel) + "</TC260:AIGC>" +
        "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Classic(MinimalPdfParts? parts = null, string name = "classic.pdf") => MinimalPdf.Write(_folder.File(name), MinimalPdf.Classic(parts));

    private string Compressed(MinimalPdfParts? parts = null, string name = "compressed.pdf") => MinimalPdf.Write(_folder.File(name), MinimalPdf.Compressed(parts));

    [Fact]
    public void ClassicXrefRoundTripIsAnIncrementalUpdateThatQpdfAndExiftoolAccept()
    {
        var original = Classic();
        QpdfCheck(original);
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
        Assert.Equal(PdfText(original), PdfText(labeled));
        var tags = Tool.Run("exiftool", "-j", "-PDF:all", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Sunset", tags);
        Assert.Contains("Alice", tags);
        Assert.Contains("\"AIGC\"", tags);
        Assert.DoesNotContain("/Type/XRef", Encoding.Latin1.GetString(File.ReadAllBytes(labeled)).Replace(" ", "", StringComparison.Ordinal));
        AssertOneUpdateWithOneLabel(labeled);
    }

    [Fact]
    public void RelabelingReplacesItsOwnNewestUpdateButStacksOnAnotherToolsUpdate()
    {
        var original = Compressed();
        var labeled = _folder.File("labeled.pdf");
        Conformance.Writer.Write(original, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-1" });
        var firstLength = new FileInfo(labeled).Length;
        Conformance.Writer.Write(labeled, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-1" });
        AssertIncrementalUpdateOf(original, labeled);
        AssertOneUpdateWithOneLabel(labeled);
        Assert.True(new FileInfo(labeled).Length < firstLength + 200, "the platform's update replaced the producer's instead of stacking");
        QpdfCheck(labeled);

        // Another tool's update now follows ours: it must survive relabeling, so ours is no longer replaced.
        Tool.Run("exiftool", "-overwrite_original", "-PDF:Title=Evening", labeled).EnsureSuccess("exiftool");
        var edited = File.ReadAllBytes(labeled);
        Conformance.Writer.Write(labeled, null, new LabelRequest { PropagateID = "p-2" });
        Assert.True(File.ReadAllBytes(labeled).AsSpan(0, edited.Length).SequenceEqual(edited), "the exiftool revision must stay a prefix");
        Assert.Equal("Evening", ExiftoolTag(labeled, "Title"));
        Assert.All(Independent.ExiftoolLabelValues(labeled), v => Assert.Contains("p-2", v.Value));
        var report = Conformance.Inspector.Inspect(labeled);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal("gen-1", report.Label!.ProduceID);
        QpdfCheck(labeled);
    }

    [Fact]
    public void ObjectStreamAndXrefStreamRoundTripAppendsAnXrefStream()
    {
        var original = Compressed();
        QpdfCheck(original);
        Assert.Equal("Sunset", ExiftoolTag(original, "Title"));
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
        Assert.Equal(PdfText(original), PdfText(labeled));
        Assert.Equal("Alice", ExiftoolTag(labeled, "Author"));
        var update = Encoding.Latin1.GetString(File.ReadAllBytes(labeled)[(int)new FileInfo(original).Length..]);
        Assert.Contains("/Type /XRef", update);
        Assert.DoesNotContain("trailer", update);
        AssertOneUpdateWithOneLabel(labeled);
    }

    [Fact]
    public void HybridFileGetsAClassicUpdateThatQpdfAccepts()
    {
        var original = Compressed(new MinimalPdfParts { Hybrid = true });
        QpdfCheck(original);
        Assert.Equal("Sunset", ExiftoolTag(original, "Title"));
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
        Assert.Equal("Alice", ExiftoolTag(labeled, "Author"));
        var update = Encoding.Latin1.GetString(File.ReadAllBytes(labeled)[(int)new FileInfo(original).Length..]);
        Assert.Contains("trailer", update);
        Assert.DoesNotContain("/XRef", update);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PdfWithoutInfoGetsANewInfoObject(bool compressed)
    {
        var parts = new MinimalPdfParts { NoInfo = true };
        var original = compressed ? Compressed(parts) : Classic(parts);
        QpdfCheck(original);
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
    }

    [Theory]
    [InlineData("--object-streams=generate")]
    [InlineData("--linearize")]
    [InlineData("--object-streams=generate", "--linearize")]
    public void QpdfRewrittenFilesRoundTrip(params string[] options)
    {
        var source = Classic(name: "source.pdf");
        var original = _folder.File("qpdf.pdf");
        Tool.Run("qpdf", [.. options, source, original]).EnsureSuccess("qpdf");
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
        AssertOneUpdateWithOneLabel(labeled);
        Assert.Equal(PdfText(original), PdfText(labeled));
    }

    [Fact]
    public void CairoWrittenPdfWithIndirectLengthsRoundTrips()
    {
        var original = _folder.File("cairo.pdf");
        Tool.Run("pdftocairo", "-pdf", Classic(name: "source.pdf"), original).EnsureSuccess("pdftocairo");
        Assert.Matches(@"/Length \d+ 0 R", Encoding.Latin1.GetString(File.ReadAllBytes(original)));
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        AssertIncrementalUpdateOf(original, labeled);
        QpdfCheck(labeled);
        Assert.Equal(PdfText(original), PdfText(labeled));
    }

    [Fact]
    public void ExiftoolUpdatedPdfIsLabeledOnTopOfItsUpdate()
    {
        var original = Compressed();
        Tool.Run("exiftool", "-overwrite_original", "-PDF:Title=Evening", "-XMP-dc:Creator=Bob", original).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(original, "pdf", Checks.Exiftool);
        QpdfCheck(labeled);
        Assert.Equal("Evening", ExiftoolTag(labeled, "Title"));
        Assert.Contains("Bob", Tool.Run("exiftool", "-j", "-XMP:all", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelingInPlaceOnlyAppends(bool compressed)
    {
        var pdf = compressed ? Compressed() : Classic();
        var before = File.ReadAllBytes(pdf);
        var result = Conformance.Writer.Write(pdf, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-1" });
        Assert.True(result.InPlace);
        var after = File.ReadAllBytes(pdf);
        Assert.True(after.AsSpan(0, before.Length).SequenceEqual(before), "an in-place label only appends");
        Assert.Empty(_folder.Leftovers(Path.GetFileName(pdf)));
        QpdfCheck(pdf);
        Assert.All(Independent.ExiftoolLabelValues(pdf), v => Assert.Contains("gen-1", v.Value));

        // Replacing Qinglang's own update shortens the file first, so it goes through a copy; the result is the same shape.
        var relabel = Conformance.Writer.Write(pdf, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-1" });
        Assert.False(relabel.InPlace);
        Assert.True(File.ReadAllBytes(pdf).AsSpan(0, before.Length).SequenceEqual(before));
        AssertOneUpdateWithOneLabel(pdf);
        QpdfCheck(pdf);
    }

    [Theory]
    [InlineData("literal")]
    [InlineData("utf16-hex")]
    public void ExistingInfoLabelIsReadInEitherStringEncodingAndReplaced(string encoding)
    {
        var value = encoding == "literal"
            ? "(" + OldLabel + ")"
            : "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(OldLabel)) + ">";
        var pdf = Compressed(new MinimalPdfParts { InfoExtra = "/AIGC " + value });
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Single(report.Sites);
        Assert.Equal("pdf-info", report.Sites[0].Kind);
        Assert.Equal("old-producer", report.Label!.ContentProducer);
        Assert.Contains(Independent.ExiftoolLabelValues(pdf), v => v.Value.Contains("old-producer", StringComparison.Ordinal));

        Conformance.Writer.Write(pdf, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-9" });
        var after = Conformance.Inspector.Inspect(pdf);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("old-producer", after.Label!.ContentProducer);
        Assert.Equal("p-9", after.Label.PropagateID);
        var seen = Independent.ExiftoolLabelValues(pdf);
        Assert.NotEmpty(seen);
        Assert.All(seen, v => Assert.Contains("p-9", v.Value));
    }

    [Fact]
    public void XmpLabelIsReadAndMovedToInfoKeepingOtherXmp()
    {
        var pdf = Classic(new MinimalPdfParts { Xmp = Tc260Xmp });
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Single(report.Sites);
        Assert.Equal("xmp", report.Sites[0].Kind);
        Assert.Equal("old-producer", report.Label!.ContentProducer);

        var labeled = _folder.File("labeled.pdf");
        Conformance.Writer.Write(pdf, labeled, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-1" });
        var after = Conformance.Inspector.Inspect(labeled);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("pdf-info", after.Sites[0].Kind);
        Assert.Equal("old-producer", after.Label!.ContentProducer);
        AssertIncrementalUpdateOf(pdf, labeled);
        QpdfCheck(labeled);
        var xmp = Tool.Run("exiftool", "-j", "-XMP:all", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("application/pdf", xmp);
        Assert.DoesNotContain("old-producer", xmp);
    }

    [Fact]
    public void MalformedXmpHoldingALabelIsReplacedByAnEmptyPacket()
    {
        var broken = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><TC260:AIGC>" + System.Net.WebUtility.HtmlEncode(OldLabel) + "</TC260:AIGC><unclosed>";
        var pdf = Classic(new MinimalPdfParts { Xmp = broken });
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Single(report.Sites);
        Assert.Contains(report.Problems, p => p.Code == "label.xmp_malformed");

        var labeled = _folder.File("labeled.pdf");
        Conformance.Writer.Write(pdf, labeled, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-1" });
        var after = Conformance.Inspector.Inspect(labeled);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal("pdf-info", Assert.Single(after.Sites).Kind);
        QpdfCheck(labeled);
    }

    [Fact]
    public void EncryptedPdfIsRefusedClearly()
    {
        var encrypted = _folder.File("encrypted.pdf");
        Tool.Run("qpdf", "--encrypt", "user", "owner", "256", "--", Classic(), encrypted).EnsureSuccess("qpdf");
        var report = Conformance.Inspector.Inspect(encrypted);
        Assert.Equal("pdf", report.Format);
        Assert.Contains(report.Problems, p => p.Message.Contains("encrypted", StringComparison.Ordinal));

        var output = _folder.File("out.pdf");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(encrypted, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.Contains("encrypted", ex.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void FlateBombInObjectStreamIsRefusedQuickly()
    {
        var bomb = Compressed(new MinimalPdfParts { ObjectStreamPadding = 200 << 20 });
        Assert.True(new FileInfo(bomb).Length < 2 << 20, "the bomb should be small on disk");
        var clock = Stopwatch.StartNew();
        var report = Conformance.Inspector.Inspect(bomb);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt" && p.Message.Contains("Flate bomb", StringComparison.Ordinal));
        var output = _folder.File("out.pdf");
        var ex = Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(bomb, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.Contains("Flate bomb", ex.Message);
        Assert.False(File.Exists(output));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PrevCycleIsRefusedForWritingAndRecoveredForReading(bool compressed)
    {
        var parts = new MinimalPdfParts { PrevCycle = true, InfoExtra = "/AIGC (" + OldLabel + ")" };
        var pdf = compressed ? Compressed(parts) : Classic(parts);
        var clock = Stopwatch.StartNew();
        var output = _folder.File("out.pdf");
        var ex = Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(pdf, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.Contains("loops", ex.Message);
        Assert.False(File.Exists(output));

        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt" && p.Message.Contains("loops", StringComparison.Ordinal));
        Assert.Equal("old-producer", report.Label?.ContentProducer);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void ShiftedOffsetsAreRecoveredByScanningWhenReading()
    {
        var bytes = MinimalPdf.Compressed(new MinimalPdfParts { InfoExtra = "/AIGC (" + OldLabel + ")" });
        var header = "%PDF-1.5\n".Length;
        var pdf = MinimalPdf.Write(_folder.File("shifted.pdf"), [.. bytes[..header], .. "% an inserted comment line\n"u8, .. bytes[header..]]);
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt");
        Assert.Equal("old-producer", report.Label?.ContentProducer);
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(pdf, _folder.File("out.pdf"), new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
    }

    [Fact]
    public void XrefEntryPointingAtTheWrongObjectIsRecoveredWhenReading()
    {
        var bytes = MinimalPdf.Classic(new MinimalPdfParts { InfoExtra = "/AIGC (" + OldLabel + ")" });
        var table = bytes.AsSpan().IndexOf("xref\n0 7\n"u8) + "xref\n0 7\n".Length;
        bytes.AsSpan(table + (5 * 20), 20).CopyTo(bytes.AsSpan(table + (6 * 20))); // object 6 now "lies" where 5 is
        var pdf = MinimalPdf.Write(_folder.File("misdirected.pdf"), bytes);
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt" && p.Message.Contains("scanning", StringComparison.Ordinal));
        Assert.Equal("old-producer", report.Label?.ContentProducer);
        var output = _folder.File("out.pdf");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(pdf, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DetectsByMagicWithinTheFirstKilobyteNotByName()
    {
        var bytes = MinimalPdf.Classic();
        var padded = MinimalPdf.Write(_folder.File("document.txt"), [.. Encoding.ASCII.GetBytes(new string(' ', 300)), .. bytes]);
        Assert.Equal("pdf", Conformance.Inspector.Inspect(padded).Format);
        Assert.True(new PdfCarrier().Detect(bytes));
        Assert.False(new PdfCarrier().Detect([.. new byte[1100], .. bytes]));
        Assert.False(new PdfCarrier().Detect("Every file starts with %PDF-1.7 and a binary comment.\n"u8));
        Assert.NotEqual("pdf", Conformance.Inspector.Inspect(MinimalPdf.Write(_folder.File("notes.txt"), "A PDF starts with %PDF-1.7, then objects.\n"u8.ToArray())).Format);
    }

    [Fact]
    public void IndirectLabelStringInInfoIsRead()
    {
        var pdf = Classic(new MinimalPdfParts { InfoExtra = "/AIGC 10 0 R", Extra = ["(" + OldLabel + ")"] });
        QpdfCheck(pdf);
        var report = Conformance.Inspector.Inspect(pdf);
        Assert.Single(report.Sites);
        Assert.Equal("old-producer", report.Label!.ContentProducer);
        var labeled = _folder.File("labeled.pdf");
        Conformance.Writer.Write(pdf, labeled, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-3" });
        Assert.Equal("p-3", Conformance.Inspector.Inspect(labeled).Label!.PropagateID);
        QpdfCheck(labeled);
    }

    [Fact]
    public void TextStringsDecodeInEveryEncodingAndEncodeNonAsciiAsUtf16()
    {
        Assert.Equal("\u2022 \u20AC", PdfTextString.Decode([0x80, 0x20, 0xA0]));
        Assert.Equal("AIGC", PdfTextString.Decode([0xEF, 0xBB, 0xBF, .. "AIGC"u8]));
        Assert.Equal("AIGC", PdfTextString.Decode([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("AIGC")]));
        var encoded = PdfTextString.Encode("中文 label");
        Assert.True(encoded.IsHex);
        Assert.Equal([0xFE, 0xFF], encoded.Bytes[..2]);
        Assert.Equal("中文 label", encoded.Text);
        Assert.False(PdfTextString.Encode(OldLabel).IsHex);
    }

    [Fact]
    public void CorruptedClassicCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(Classic());

    [Fact]
    public void CorruptedCompressedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(Compressed());

    [Fact]
    public void CorruptedLabeledCopiesNeverCrashOrWriteHalfFiles()
    {
        var pdf = Compressed();
        Conformance.Writer.Write(pdf, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "gen-1" });
        Corruption.Fuzz(pdf, seed: 20258);
    }

    private static void AssertIncrementalUpdateOf(string original, string labeled)
    {
        var before = File.ReadAllBytes(original);
        var after = File.ReadAllBytes(labeled);
        Assert.True(after.Length > before.Length, "labeling must append an update");
        Assert.True(after.AsSpan(0, before.Length).SequenceEqual(before), "the original bytes must be a prefix of the labeled file");
    }

    /// <summary>The file holds one Qinglang update and one /AIGC key: no superseded label lingers in an older revision.</summary>
    private static void AssertOneUpdateWithOneLabel(string path)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "%Qinglang label update"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "/AIGC"));
    }

    private static void QpdfCheck(string path)
    {
        var result = Tool.Run("qpdf", "--check", path);
        Assert.True(result.ExitCode == 0, $"qpdf --check {Path.GetFileName(path)} exited {result.ExitCode}: {result.Stdout} {result.Stderr}");
        Assert.Contains("No syntax or stream encoding errors", result.Stdout);
    }

    /// <summary>The page text poppler extracts; it must be the builder's, so comparing two extractions means something.</summary>
    private static string PdfText(string path)
    {
        var text = Tool.Run("pdftotext", path, "-").EnsureSuccess("pdftotext").Stdout;
        Assert.Contains(MinimalPdf.PageText.Replace(" ", "", StringComparison.Ordinal), text.Replace(" ", "", StringComparison.Ordinal)); // cairo's kerning splits words
        return text;
    }

    private static string ExiftoolTag(string path, string tag) =>
        Tool.Run("exiftool", "-s3", "-PDF:" + tag, path).EnsureSuccess("exiftool").Stdout.Trim();
}
