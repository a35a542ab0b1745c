using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Ooxml;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class OoxmlCarrierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly LabelRequest ProducerLabel = new() { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-0001" };

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    [InlineData("pptx")]
    public void RoundTripIsSeenByExiftoolTheSdkAndUnzip(string format)
    {
        var original = Make(format, "in." + format);
        var textBefore = OoxmlDocuments.MainText(original);
        var entriesBefore = RawEntries(original);

        var labeled = Conformance.RoundTrip(original, format, Checks.Exiftool);

        Assert.Contains("post-0002", OoxmlDocuments.CustomProperties(labeled)["AIGC"]);
        Assert.Contains(Conformance.Producer, OoxmlDocuments.CustomProperties(labeled)["AIGC"]);
        Assert.Equal(textBefore, OoxmlDocuments.MainText(labeled));
        ExiftoolSeesAigcProperty(labeled);
        UnzipTestPasses(labeled);

        // Every entry but the three registry/label parts is copied byte for byte, local header included.
        var after = RawEntries(labeled);
        foreach (var (name, bytes) in entriesBefore)
        {
            if (name is not ("[Content_Types].xml" or "_rels/.rels" or "docProps/custom.xml"))
            {
                Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"{name} was not copied raw");
            }
        }

        Assert.Equal(entriesBefore.Count + 1, after.Count);
    }

    [Fact]
    public void ExistingCustomPropertiesAreKeptAndOldLabelReplaced()
    {
        var oldLabel = "{\"Label\":\"2\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";
        var docx = OoxmlDocuments.Docx(
            _folder.File("props.docx"),
            "Body text",
            ("Reviewer", OoxmlDocuments.Text("Alice")),
            ("AIGC", OoxmlDocuments.Text(oldLabel)),
            ("Revision", OoxmlDocuments.Int(7)));

        var before = Conformance.Inspector.Inspect(docx);
        Assert.Equal("docx", before.Format);
        Assert.Equal("ooxml-custom-property", Assert.Single(before.Sites).Kind);
        Assert.Equal("old", before.Label!.ContentProducer);

        var labeled = Conformance.RoundTrip(docx, "docx", Checks.Exiftool);
        var properties = OoxmlDocuments.CustomProperties(labeled);
        Assert.Equal("Alice", properties["Reviewer"]);
        Assert.Equal("7", properties["Revision"]);
        Assert.DoesNotContain("\"old\"", properties["AIGC"]);
        Assert.Equal(3, properties.Count);
        Assert.Equal("Body text", OoxmlDocuments.MainText(labeled));
        ExiftoolSeesAigcProperty(labeled);
        Assert.Contains("Alice", Tool.Run("exiftool", "-j", labeled).EnsureSuccess("exiftool").Stdout);
        UnzipTestPasses(labeled);
    }

    [Fact]
    public void LowercasePrefixedPropertyIsReadAndReplacedByOne()
    {
        var docx = OoxmlDocuments.Docx(
            _folder.File("alt.docx"),
            "x",
            ("tc260:aigc", OoxmlDocuments.Text("{\"Label\":\"1\",\"ContentProducer\":\"vendor\",\"ProduceID\":\"v1\"}")));
        var report = Conformance.Inspector.Inspect(docx);
        Assert.Equal("vendor", report.Label!.ContentProducer);
        Assert.Contains(report.Problems, p => p.Code == "label.element_case");

        Conformance.Writer.Write(docx, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p" });
        var properties = OoxmlDocuments.CustomProperties(docx);
        Assert.Equal(["AIGC"], properties.Keys);
        Assert.Contains("vendor", properties["AIGC"]);
    }

    [Fact]
    public void LabelInAnUnregisteredCustomPartCountsAndIsRemoved()
    {
        var docx = OoxmlDocuments.Docx(
            _folder.File("stray.docx"),
            "Stray",
            ("Reviewer", OoxmlDocuments.Text("Bob")),
            ("AIGC", OoxmlDocuments.Text("{\"Label\":\"1\",\"ContentProducer\":\"stray\",\"ProduceID\":\"s\"}")));
        using (var archive = ZipFile.Open(docx, ZipArchiveMode.Update))
        {
            // Point the package relationship at another custom part; docProps/custom.xml stays, unregistered.
            var rels = archive.GetEntry("_rels/.rels")!;
            string text;
            using (var reader = new StreamReader(rels.Open()))
            {
                text = reader.ReadToEnd();
            }

            rels.Delete();
            using (var writer = new StreamWriter(archive.CreateEntry("_rels/.rels").Open()))
            {
                writer.Write(text.Replace("docProps/custom.xml", "docProps/custom2.xml", StringComparison.Ordinal));
            }

            using var custom2 = new StreamWriter(archive.CreateEntry("docProps/custom2.xml").Open());
            custom2.Write("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"/>");
        }

        var before = Conformance.Inspector.Inspect(docx);
        Assert.Contains("docProps/custom.xml", Assert.Single(before.Sites).Location, StringComparison.Ordinal);
        Assert.Equal("stray", before.Label!.ContentProducer);
        Assert.Contains(before.Problems, p => p.Message.Contains("not the target", StringComparison.Ordinal));

        Conformance.Writer.Write(docx, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "moved" });
        var after = Conformance.Inspector.Inspect(docx);
        Assert.Contains("docProps/custom2.xml", Assert.Single(after.Sites).Location, StringComparison.Ordinal);
        Assert.Equal("stray", after.Label!.ContentProducer);
        Assert.True(after.IsValid, Conformance.Describe(after));
        using (var archive = ZipFile.OpenRead(docx))
        {
            using var reader = new StreamReader(archive.GetEntry("docProps/custom.xml")!.Open());
            var old = reader.ReadToEnd();
            Assert.DoesNotContain("AIGC", old, StringComparison.Ordinal);
            Assert.Contains("Bob", old, StringComparison.Ordinal);
        }

        UnzipTestPasses(docx);
    }

    [Fact]
    public void StreamedEntriesWithDataDescriptorsAreCopiedRaw()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("plain.docx"), "Streamed body");
        var streamed = _folder.File("streamed.docx");
        RepackStreamed(docx, streamed);
        var directory = Directory(streamed);
        Assert.All(directory.Entries, e => Assert.True(e.HasDescriptor, $"{e.Name} has no data descriptor"));

        var entriesBefore = RawEntries(streamed);
        var labeled = Conformance.RoundTrip(streamed, "docx", Checks.Exiftool);
        var after = RawEntries(labeled);
        Assert.True(entriesBefore["word/document.xml"].AsSpan().SequenceEqual(after["word/document.xml"]));
        Assert.Equal("Streamed body", OoxmlDocuments.MainText(labeled));
        UnzipTestPasses(labeled);
    }

    [Fact]
    public void Zip64ExtraFieldsFromInfoZipAreHonoured()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("sdk.docx"), "Zip64 body");
        var unpacked = _folder.File("unpacked");
        Tool.Run("unzip", "-q", docx, "-d", unpacked).EnsureSuccess("unzip");
        var zip64 = _folder.File("zip64.docx");
        Tool.Run("sh", "-c", "cd \"$1\" && zip -q -X -fz -r \"$2\" .", "sh", unpacked, zip64).EnsureSuccess("zip -fz");
        var bytes = File.ReadAllBytes(zip64);
        var document = Directory(zip64).Find("word/document.xml")!;
        Assert.Equal(0xFFFFFFFFu, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)document.LocalHeaderOffset + 18)));

        var entriesBefore = RawEntries(zip64);
        var labeled = Conformance.RoundTrip(zip64, "docx", Checks.Exiftool);
        Assert.True(entriesBefore["word/document.xml"].AsSpan().SequenceEqual(RawEntries(labeled)["word/document.xml"]));
        Assert.Equal("Zip64 body", OoxmlDocuments.MainText(labeled));
        Assert.Contains("post-0002", OoxmlDocuments.CustomProperties(labeled)["AIGC"]);
        UnzipTestPasses(labeled);
    }

    [Fact]
    public void MoreThan65535EntriesGetZip64EndRecords()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("many.docx"), "Many parts");
        using (var archive = ZipFile.Open(docx, ZipArchiveMode.Update))
        {
            for (var i = 0; i < 65_600; i++)
            {
                archive.CreateEntry($"customXml/item{i}.bin", CompressionLevel.NoCompression);
            }
        }

        var labeled = _folder.File("many-labeled.docx");
        Conformance.Writer.Write(docx, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "many" });
        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal(0xFFFF, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(bytes.Length - 22 + 10)));
        using (var archive = ZipFile.OpenRead(labeled))
        {
            Assert.Equal(65_600 + 4, archive.Entries.Count); // document, rels, content types, and the new custom part
            using var reader = new StreamReader(archive.GetEntry("docProps/custom.xml")!.Open());
            Assert.Contains("\"ProduceID\":\"many\"", reader.ReadToEnd());
        }

        Assert.Equal("many", Conformance.Inspector.Inspect(labeled).Label!.ProduceID);
        UnzipTestPasses(labeled);
    }

    [Fact]
    public void ArchiveCommentAndTrailingPaddingAreKept()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("comment.docx"), "Commented");
        using (var archive = ZipFile.Open(docx, ZipArchiveMode.Update))
        {
            archive.Comment = "made for a test";
        }

        File.AppendAllText(docx, new string('\0', 100));
        var labeled = _folder.File("comment-labeled.docx");
        Conformance.Writer.Write(docx, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "c" });

        var bytes = File.ReadAllBytes(labeled);
        Assert.All(bytes[^100..], b => Assert.Equal(0, b));
        File.WriteAllBytes(labeled, bytes[..^100]);
        using (var archive = ZipFile.OpenRead(labeled))
        {
            Assert.Equal("made for a test", archive.Comment);
        }

        Assert.Equal("c", Conformance.Inspector.Inspect(labeled).Label!.ProduceID);
        Assert.Equal("Commented", OoxmlDocuments.MainText(labeled));
    }

    [Fact]
    public void HugeCustomPartIsRefusedAsBomb()
    {
        // 20 MB of whitespace inside the root element: valid XML, claiming more than any package part needs.
        var docx = WithCustomPart("big.docx", new string(' ', 20 << 20));
        ExpectCorruptAndUnwritable(docx, "zip bomb");
    }

    [Fact]
    public void ImplausiblyCompressedCustomPartIsRefused()
    {
        var docx = WithCustomPart("dense.docx", new string(' ', 8 << 20));
        var entry = Directory(docx).Find("docProps/custom.xml")!;
        Assert.True(entry.UncompressedSize / entry.CompressedSize > 200);
        ExpectCorruptAndUnwritable(docx, "not plausible");
    }

    [Fact]
    public void EntryClaimingHugeUncompressedSizeIsNotInflated()
    {
        var docx = WithCustomPart("claim.docx", "");
        var entry = Directory(docx).Find("docProps/custom.xml")!;
        var bytes = File.ReadAllBytes(docx);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((int)entry.LocalHeaderOffset + 22), 0xFFFFFFF0);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(CentralRecordOffset(bytes, entry.Name) + 24), 0xFFFFFFF0);
        File.WriteAllBytes(docx, bytes);
        ExpectCorruptAndUnwritable(docx, "4294967280");
    }

    [Fact]
    public void DuplicateEntryNamesAreCorrupt()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("dup.docx"));
        using (var archive = ZipFile.Open(docx, ZipArchiveMode.Update))
        {
            // ZipArchive lets two entries share a name; readers then disagree about which one is the document.
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
        }

        ExpectCorruptAndUnwritable(docx, "twice");
    }

    [Fact]
    public void LocalHeaderThatDisagreesWithCentralRecordIsCorrupt()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("mismatch.docx"));
        var entry = Directory(docx).Find("word/document.xml")!;
        var bytes = File.ReadAllBytes(docx);
        bytes[entry.LocalHeaderOffset + 30 + 5] ^= 0x01; // one letter of the local name
        File.WriteAllBytes(docx, bytes);
        ExpectCorruptAndUnwritable(docx, "different entry");
    }

    [Fact]
    public void PlainZipIsNotClaimed()
    {
        File.WriteAllText(_folder.File("notes.txt"), "just notes\n");
        File.WriteAllText(_folder.File("data.csv"), "a,b\n1,2\n");
        var zip = _folder.File("archive.docx");
        Tool.Run("zip", "-j", "-q", zip, _folder.File("notes.txt"), _folder.File("data.csv")).EnsureSuccess("zip");

        Assert.False(new OoxmlCarrier().Detect(File.ReadAllBytes(zip)));
        Assert.NotEqual("ooxml", Conformance.Inspector.Inspect(zip).Format);
        Assert.Throws<LabelingException>(() => Conformance.Writer.Write(zip, _folder.File("out.docx"), ProducerLabel));
    }

    [Fact]
    public void DocumentsAreDetectedByContentWithWhateverName()
    {
        var docx = OoxmlDocuments.Docx(_folder.File("a.docx"));
        var renamed = _folder.File("photo.png");
        File.Move(docx, renamed);
        Assert.Equal("docx", Conformance.Inspector.Inspect(renamed).Format);
    }

    [Theory]
    [InlineData("docx")]
    [InlineData("xlsx")]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles(string format) => Corruption.Fuzz(Make(format, "fuzz." + format));

    private string Make(string format, string name) => format switch
    {
        "docx" => OoxmlDocuments.Docx(_folder.File(name)),
        "xlsx" => OoxmlDocuments.Xlsx(_folder.File(name)),
        _ => OoxmlDocuments.Pptx(_folder.File(name)),
    };

    private string WithCustomPart(string name, string padding)
    {
        var docx = OoxmlDocuments.Docx(_folder.File(name));
        using var archive = ZipFile.Open(docx, ZipArchiveMode.Update);
        using var writer = new StreamWriter(archive.CreateEntry("docProps/custom.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false));
        writer.Write("<?xml version=\"1.0\"?><Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\">");
        writer.Write(padding);
        writer.Write("</Properties>");
        return docx;
    }

    private void ExpectCorruptAndUnwritable(string path, string why)
    {
        var report = Conformance.Inspector.Inspect(path);
        var problem = Assert.Single(report.Problems, p => p.Code == "container.corrupt");
        Assert.Contains(why, problem.Message);
        var output = _folder.File("refused-" + Path.GetFileName(path));
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(path, output, ProducerLabel));
        Assert.False(File.Exists(output));
    }

    /// <summary>exiftool names Office custom properties by their name: the label shows up as an AIGC tag.</summary>
    private static void ExiftoolSeesAigcProperty(string path) =>
        Assert.Contains(Independent.ExiftoolLabelValues(path), v => v.Tag.EndsWith("AIGC", StringComparison.Ordinal));

    private static void UnzipTestPasses(string path)
    {
        var result = Tool.Run("unzip", "-t", path).EnsureSuccess("unzip -t");
        Assert.Contains("No errors detected", result.Stdout);
    }

    private static ZipDirectory Directory(string path)
    {
        using var stream = File.OpenRead(path);
        return ZipDirectory.Read(stream);
    }

    /// <summary>Each entry's raw bytes (local header, data, descriptor) by name.</summary>
    private static Dictionary<string, byte[]> RawEntries(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return Directory(path).Entries.ToDictionary(e => e.Name, e => bytes[(int)e.LocalHeaderOffset..(int)e.EntryEnd]);
    }

    private static int CentralRecordOffset(byte[] bytes, string name)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        for (var at = bytes.Length - 46; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == 0x02014B50
                && bytes.AsSpan(at + 46).StartsWith(nameBytes)
                && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28)) == nameBytes.Length)
            {
                return at;
            }
        }

        throw new InvalidOperationException($"no central record for {name}");
    }

    /// <summary>Re-packs a package through a non-seekable stream, so ZipArchive streams every entry with a data descriptor.</summary>
    private static void RepackStreamed(string source, string destination)
    {
        using var input = ZipFile.OpenRead(source);
        using var file = File.Create(destination);
        using var forwardOnly = new ForwardOnlyStream(file);
        using var output = new ZipArchive(forwardOnly, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            using var from = entry.Open();
            using var to = output.CreateEntry(entry.FullName).Open();
            from.CopyTo(to);
        }
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
