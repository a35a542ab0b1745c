using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Heif;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// HEIC and AVIF made by libheif (heif-enc) and libavif (avifenc) from an ffmpeg PNG; decoded before and after
/// labeling by heif-convert / avifdec (and ffmpeg, which reads AVIF), read back by exiftool.
/// </summary>
public sealed class HeifCarrierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakePng(string name = "in.png", string size = "64x48", bool alpha = false) =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", alpha ? $"testsrc=size={size},format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='X*4'" : $"testsrc=size={size}", "-frames:v", "1");

    private string MakeHeic(string name = "in.heic", string size = "64x48", bool thumbnail = false, bool alpha = false)
    {
        var output = _folder.File(name);
        string[] options = thumbnail ? ["-t", "96"] : [];
        Tool.Run("heif-enc", [.. options, "-q", "80", MakePng(name + ".png", size, alpha), "-o", output]).EnsureSuccess("heif-enc");
        return output;
    }

    private string MakeAvif(string name = "in.avif", bool alpha = false)
    {
        var output = _folder.File(name);
        Tool.Run("avifenc", "-s", "8", MakePng(name + ".png", alpha: alpha), output).EnsureSuccess("avifenc");
        return output;
    }

    /// <summary>An AVIF image sequence (brand avis): a primary item in meta plus a track whose chunk offsets follow meta.</summary>
    private string MakeAvifSequence(string name = "seq.avif")
    {
        var frames = Tool.Ffmpeg(_folder.File(name + ".y4m"), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-frames:v", "3", "-pix_fmt", "yuv420p");
        var output = _folder.File(name);
        Tool.Run("avifenc", "-s", "8", frames, output).EnsureSuccess("avifenc");
        return output;
    }

    [Theory]
    [InlineData("64x48", false, false)]
    [InlineData("640x480", true, false)] // a thumbnail item with a thmb reference
    [InlineData("64x48", false, true)] // an alpha plane: an auxiliary image item with an auxl reference
    public void HeicRoundTripIsSeenByExiftoolAndDecodesToTheSamePixels(string size, bool thumbnail, bool alpha)
    {
        // ffmpeg 5.1 cannot read HEIC, so libheif's decoder is the pixel check.
        var heic = MakeHeic(size: size, thumbnail: thumbnail, alpha: alpha);
        var pixels = DecodedPixels(heic);
        var labeled = Conformance.RoundTrip(heic, "heic", Checks.Exiftool);
        Assert.Equal(pixels, DecodedPixels(labeled));
        Assert.Equal(ExiftoolValidation(heic), ExiftoolValidation(labeled));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AvifRoundTripIsSeenByExiftoolAndDecodesToTheSamePixels(bool alpha)
    {
        var avif = MakeAvif(alpha: alpha);
        var pixels = DecodedPixels(avif);
        var labeled = Conformance.RoundTrip(avif, "avif", Checks.Exiftool | Checks.Decode);
        Assert.Equal(pixels, DecodedPixels(labeled));
        Assert.Equal(ExiftoolValidation(avif), ExiftoolValidation(labeled));
    }

    [Fact]
    public void AvifSequenceTrackChunkOffsetsMoveWithTheGrowingMeta()
    {
        var sequence = MakeAvifSequence();
        Assert.True(Encoding.ASCII.GetString(File.ReadAllBytes(sequence)).Contains("moov", StringComparison.Ordinal), "avifenc made no track");
        var pixels = DecodedPixels(sequence);
        var labeled = Conformance.RoundTrip(sequence, "avif", Checks.Exiftool | Checks.Decode);
        Assert.Equal(pixels, DecodedPixels(labeled));
    }

    [Fact]
    public void NewXmpItemDescribesThePrimaryImage()
    {
        var heic = MakeHeic();
        var labeled = _folder.File("labeled.heic");
        Conformance.Writer.Write(heic, labeled, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p1" });

        // libheif lists metadata attached to the primary image through its cdsc reference.
        var info = Tool.Run("heif-info", labeled).EnsureSuccess("heif-info").Stdout;
        Assert.Matches(@"XMP: \d+ bytes", info);

        using var stream = File.OpenRead(labeled);
        var file = HeifFile.Open(stream);
        var xmp = Assert.Single(file.XmpItems());
        Assert.Equal("mime", xmp.Info.ItemType);
        Assert.Contains(file.Meta!.References.References, r => r.Type == "cdsc" && r.FromId == xmp.Info.ItemId && r.ToIds.Contains(file.Meta.PrimaryItemId!.Value));
    }

    [Fact]
    public void ExiftoolWrittenXmpIsMergedNotLost()
    {
        var heic = MakeHeic();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", heic).EnsureSuccess("exiftool");
        var pixels = DecodedPixels(heic);
        var labeled = Conformance.RoundTrip(heic, "heic", Checks.Exiftool);
        var tags = Tool.Run("exiftool", "-j", "-a", "-XMP-dc:all", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", tags);
        Assert.Contains("Sunset", tags);
        Assert.Equal(pixels, DecodedPixels(labeled));

        using var stream = File.OpenRead(labeled);
        Assert.Single(HeifFile.Open(stream).XmpItems()); // merged into exiftool's item, not a second one
    }

    [Fact]
    public void ExiftoolWrittenLabelIsReadAndReplacedWithoutStaleBytes()
    {
        var avif = MakeAvif();
        ExiftoolTc260.Run("-overwrite_original", "-XMP-dc:Creator=Alice",
            "-XMP-TC260:AIGC={\"Label\":\"2\",\"ContentProducer\":\"old-producer\",\"ProduceID\":\"old-id\"}", avif);

        var before = Conformance.Inspector.Inspect(avif);
        var site = Assert.Single(before.Sites);
        Assert.Equal("xmp", site.Kind);
        Assert.Equal("old-producer", before.Label!.ContentProducer);

        var labeled = _folder.File("relabeled.avif");
        Conformance.Writer.Write(avif, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "new-id" });
        var after = Conformance.Inspector.Inspect(labeled);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("new-id", after.Label!.ProduceID);
        var raw = Encoding.Latin1.GetString(File.ReadAllBytes(labeled));
        Assert.DoesNotContain("old-id", raw); // the old packet's bytes were dropped or blanked, not left behind
        Assert.Contains("Alice", Tool.Run("exiftool", "-XMP-dc:Creator", labeled).Stdout);
        Assert.Equal(Independent.DecodedStreamHashes(avif), Independent.DecodedStreamHashes(labeled));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LibheifWrittenLabelIsReadAndReplaced(bool compressed)
    {
        // heif-enc carries a PNG's XMP into an XMP item (deflate-encoded with --enable-metadata-compression).
        var png = MakePng();
        Conformance.Writer.Write(png, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "old-id" });
        var heic = _folder.File("libheif.heic");
        Tool.Run("heif-enc", [.. compressed ? new[] { "--enable-metadata-compression" } : [], png, "-o", heic]).EnsureSuccess("heif-enc");
        Assert.Matches(@"XMP: \d+ bytes", Tool.Run("heif-info", heic).EnsureSuccess("heif-info").Stdout);

        var before = Conformance.Inspector.Inspect(heic);
        Assert.True(before.IsValid, Conformance.Describe(before));
        Assert.Single(before.Sites);
        Assert.Equal("old-id", before.Label!.ProduceID);
        if (compressed)
        {
            Assert.Contains("deflate", before.Sites[0].Location);
        }

        var pixels = DecodedPixels(heic);
        var labeled = _folder.File("relabeled.heic");
        Conformance.Writer.Write(heic, labeled, new LabelRequest { ProduceID = "new-id", ContentPropagator = Conformance.Propagator, PropagateID = "post-1" });
        var after = Conformance.Inspector.Inspect(labeled);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("new-id", after.Label!.ProduceID);
        Assert.DoesNotContain("old-id", Encoding.Latin1.GetString(File.ReadAllBytes(labeled)));
        Assert.Contains(Independent.ExiftoolLabelValues(labeled), v => v.Value.Contains("post-1", StringComparison.Ordinal));
        Assert.Equal(pixels, DecodedPixels(labeled));
        Conformance.RoundTrip(labeled, "heic", Checks.Exiftool);
    }

    [Fact]
    public void SecondLabeledXmpItemIsClearedSoOneSiteRemains()
    {
        // heif-enc stores each input's XMP as its own item: two labeled PNGs make a HEIC with two label sites.
        var first = MakePng("a.png");
        var second = MakePng("b.png", "48x32");
        Conformance.Writer.Write(first, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "first-id" });
        Conformance.Writer.Write(second, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "second-id" });
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Bob", second).EnsureSuccess("exiftool");
        var heic = _folder.File("two.heic");
        Tool.Run("heif-enc", first, second, "-o", heic).EnsureSuccess("heif-enc");

        var before = Conformance.Inspector.Inspect(heic);
        Assert.Equal(2, before.Sites.Count);
        Assert.Contains(before.Problems, p => p.Code == "label.duplicate");

        var labeled = _folder.File("one.heic");
        Conformance.Writer.Write(heic, labeled, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "post-9" });
        var after = Conformance.Inspector.Inspect(labeled);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Single(Independent.ExiftoolLabelValues(labeled));
        var raw = Encoding.Latin1.GetString(File.ReadAllBytes(labeled));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(raw, "ContentProducer"));
        Assert.Contains("Bob", Tool.Run("exiftool", "-a", "-XMP-dc:Creator", labeled).Stdout); // the cleared item keeps its other properties
        using var stream = File.OpenRead(labeled);
        Assert.Equal(2, HeifFile.Open(stream).XmpItems().Count);
    }

    [Fact]
    public void XmpItemStoredInIdatIsReadAndMovedOut()
    {
        // libheif reads XMP items stored in idat (construction method 1); exiftool 12.57 cannot, so the written copy
        // stores the label by file offsets where every reader finds it.
        var heic = MakeHeic();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Carol", heic).EnsureSuccess("exiftool");
        var pixels = DecodedPixels(heic);
        var png = MakePng("label-source.png");
        Conformance.Writer.Write(png, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "idat-id" });
        HeifTestFiles.MoveXmpIntoIdat(heic, HeifTestFiles.ReadPngXmp(png));
        Assert.Matches(@"XMP: \d+ bytes", Tool.Run("heif-info", heic).EnsureSuccess("heif-info").Stdout);
        Assert.Equal(pixels, DecodedPixels(heic));

        var before = Conformance.Inspector.Inspect(heic);
        Assert.Equal("idat-id", before.Label!.ProduceID);
        Assert.Contains("idat", Assert.Single(before.Sites).Location);

        var labeled = Conformance.RoundTrip(heic, "heic", Checks.Exiftool);
        Assert.Equal(pixels, DecodedPixels(labeled));
        Assert.DoesNotContain("idat-id", Encoding.Latin1.GetString(File.ReadAllBytes(labeled))); // the idat copy was blanked
    }

    [Fact]
    public void MetaAfterMdatGrowsWithoutMovingTheImageData()
    {
        var heic = MakeHeic();
        HeifTestFiles.MoveMetaToEnd(heic);
        var pixels = DecodedPixels(heic);
        var labeled = Conformance.RoundTrip(heic, "heic", Checks.Exiftool);
        Assert.Equal(pixels, DecodedPixels(labeled));

        using var before = File.OpenRead(heic);
        using var after = File.OpenRead(labeled);
        var original = HeifFile.Open(before).Meta!.Locations.Items.Where(i => i.ConstructionMethod == 0).ToList();
        var moved = HeifFile.Open(after).Meta!.Locations;
        Assert.NotEmpty(original);
        Assert.All(original, item => Assert.Equal(ItemData.Ranges(item, before.Length), ItemData.Ranges(moved.Find(item.ItemId)!, after.Length)));
    }

    [Fact]
    public void SizeZeroAndLargesizeBoxesAreReadAndKeptValid()
    {
        var heic = MakeHeic();
        var pixels = DecodedPixels(heic);
        var bytes = File.ReadAllBytes(heic);
        // The last box (mdat) gets size 0 = "to the end of the file".
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(HeifTestFiles.LastTopLevelBox(bytes)), 0);
        var sizeZero = _folder.File("size0.heic");
        File.WriteAllBytes(sizeZero, bytes);
        Assert.Equal(pixels, DecodedPixels(sizeZero));

        var labeled = Conformance.RoundTrip(sizeZero, "heic", Checks.Exiftool);
        Assert.Equal(pixels, DecodedPixels(labeled));
        var boxes = TopLevelBoxes(labeled);
        Assert.DoesNotContain(boxes, b => b.SizeToEnd); // it no longer ends the file, so it was given its real size
        Assert.Equal(2, boxes.Count(b => b.Type == "mdat"));

        // A free box with a 64-bit largesize after the media data is read and copied as it is.
        var largeFree = new byte[24];
        BinaryPrimitives.WriteUInt32BigEndian(largeFree, 1);
        Encoding.ASCII.GetBytes("free").CopyTo(largeFree, 4);
        BinaryPrimitives.WriteUInt64BigEndian(largeFree.AsSpan(8), 24);
        var withLarge = _folder.File("large.heic");
        File.WriteAllBytes(withLarge, [.. File.ReadAllBytes(heic), .. largeFree]);
        var labeledLarge = Conformance.RoundTrip(withLarge, "heic", Checks.Exiftool);
        Assert.Equal(pixels, DecodedPixels(labeledLarge));
        Assert.Contains(TopLevelBoxes(labeledLarge), b => b.Type == "free" && b.HeaderLength == 16 && b.Size == 24);
    }

    private static List<BoxHeader> TopLevelBoxes(string path)
    {
        using var stream = File.OpenRead(path);
        return BoxHeader.ReadTopLevel(stream, HeifFile.MaxTopLevelBoxes, allowZeroTail: false);
    }

    [Fact]
    public void IlocFieldSizesGrowWhenOffsetsPassFourGigabytes()
    {
        // version 1, offset/length/base sizes 4/4/0, one item (id 1, method 0) with one extent.
        byte[] box = [0, 0, 0, 30, (byte)'i', (byte)'l', (byte)'o', (byte)'c', 1, 0, 0, 0, 0x44, 0x00, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0x10, 0, 0, 0, 0, 0x20];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        var header = BoxHeader.Parse(box, 0);
        var locations = ItemLocations.Parse(box, header);
        Assert.Equal(4, locations.OffsetSize);
        Assert.Equal(0x1000ul, locations.Items[0].Extents[0].Offset);
        Assert.Equal(box, locations.ToBox()); // unchanged entries keep their bytes

        locations.Set(locations.Items[0] with { BaseOffset = 7, Extents = [new ItemExtent(0, 0x1_0000_0010, 0x20)] });
        var grown = locations.ToBox();
        var reparsed = ItemLocations.Parse(grown, BoxHeader.Parse(grown, 0));
        Assert.Equal(8, reparsed.OffsetSize);
        Assert.Equal(4, reparsed.LengthSize);
        Assert.Equal(4, reparsed.BaseOffsetSize);
        Assert.Equal(0x1_0000_0010ul, reparsed.Items[0].Extents[0].Offset);
        Assert.Equal(7ul, reparsed.Items[0].BaseOffset);
    }

    [Fact]
    public void LyingIlocExtentIsRefusedAndNothingIsWritten()
    {
        var heic = MakeHeic();
        var bytes = File.ReadAllBytes(heic);
        using (var stream = new MemoryStream(bytes))
        {
            var file = HeifFile.Open(stream);
            var iloc = file.Meta!.Children.First(c => c.Type == "iloc");
            var locations = file.Meta.Locations;
            Assert.Equal(4, locations.LengthSize);
            // Make the first extent's length claim 2 GB: it points far past the end of the file.
            var lengthAt = (int)(file.Meta.Box.Offset + HeifTestFiles.FirstExtentLengthOffset(file.Meta.Bytes, iloc, locations));
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(lengthAt), 0x7FFF_0000);
        }

        File.WriteAllBytes(heic, bytes);
        var output = _folder.File("out.heic");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(heic, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "x" }));
        Assert.False(File.Exists(output));
        Assert.Equal(bytes, File.ReadAllBytes(heic));
    }

    [Fact]
    public void DetectsImageBrandsNotNamesAndLeavesMp4Alone()
    {
        var avif = _folder.File("photo.jpg");
        File.Move(MakeAvif(), avif);
        Assert.Equal("avif", Conformance.Inspector.Inspect(avif).Format);
        Assert.True(new HeifCarrier().Detect(File.ReadAllBytes(avif)));

        var mp4 = Tool.Ffmpeg(_folder.File("movie.mp4"), "-f", "lavfi", "-i", "testsrc=size=64x48:d=0.2", "-pix_fmt", "yuv420p");
        var movie = File.ReadAllBytes(mp4);
        Assert.False(new HeifCarrier().Detect(movie));

        // A movie listing a sequence brand only as compatible, with tracks but no meta box, is left to the MP4 carrier.
        var ftypSize = BinaryPrimitives.ReadInt32BigEndian(movie);
        Encoding.ASCII.GetBytes("msf1").CopyTo(movie, ftypSize - 4);
        Assert.False(new HeifCarrier().Detect(movie));
        File.WriteAllBytes(mp4, movie);
        Assert.Equal("mp4", Conformance.Inspector.Inspect(mp4).Format);
        Assert.True(new HeifCarrier().Detect(File.ReadAllBytes(MakeAvifSequence())));

        Assert.Equal("heic", HeifBrands.FormatOf(["heic", "mif1", "heic", "miaf"]));
        Assert.Equal("avif", HeifBrands.FormatOf(["mif1", "avif", "miaf"]));
        Assert.Equal("avif", HeifBrands.FormatOf(["avis", "msf1"]));
        Assert.Equal("heif", HeifBrands.FormatOf(["mif1", "miaf"]));
    }

    [Fact]
    public void CorruptedHeicCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeHeic());

    [Fact]
    public void CorruptedAvifCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeAvif());

    /// <summary>exiftool's structural validation (box sizes, item locations, required boxes) of a file.</summary>
    private static string ExiftoolValidation(string path) =>
        Tool.Run("exiftool", "-s3", "-validate", "-warning", "-error", "-a", path).EnsureSuccess("exiftool -validate").Stdout.Trim();

    /// <summary>
    /// MD5 of the pixels a HEIF decoder makes: libheif's heif-convert for HEIC, libavif's avifdec for AVIF, each to
    /// PNG, hashed by ffmpeg over the decoded frame (so PNG encoder details do not matter).
    /// </summary>
    private string DecodedPixels(string path)
    {
        var png = _folder.File(Guid.NewGuid().ToString("N") + ".png");
        var head = File.ReadAllBytes(path).AsSpan(8, 4);
        var avif = head.SequenceEqual("avif"u8) || head.SequenceEqual("avis"u8);
        var result = avif ? Tool.Run("avifdec", path, png) : Tool.Run("heif-convert", path, png);
        result.EnsureSuccess(avif ? "avifdec" : "heif-convert");
        var hash = Tool.Run("ffmpeg", "-nostdin", "-v", "error", "-i", png, "-f", "md5", "-").EnsureSuccess("ffmpeg md5");
        File.Delete(png);
        Assert.StartsWith("MD5=", hash.Stdout);
        return hash.Stdout.Trim();
    }
}
