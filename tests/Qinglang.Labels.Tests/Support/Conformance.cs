using System.Security.Cryptography;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Support;

/// <summary>Which independent readers a format's round trip is checked with.</summary>
[Flags]
public enum Checks
{
    None = 0,

    /// <summary>exiftool must report the label value.</summary>
    Exiftool = 1,

    /// <summary>ffprobe must report the label value among format or stream tags.</summary>
    Ffprobe = 2,

    /// <summary>ffmpeg must decode the labeled file without error, to the same stream hashes as the original.</summary>
    Decode = 4,
}

/// <summary>
/// The round trip every carrier must pass on real files: label as producer → inspect → relabel as platform →
/// inspect, with the original untouched, one site only, and independent readers agreeing.
/// </summary>
public static class Conformance
{
    public const string Producer = "001191440300708461136T1XGW3";
    public const string Propagator = "001191110108MA01KP2T4Q20001";

    public static readonly LabelWriter Writer = new(CarrierRegistry.Default);
    public static readonly LabelInspector Inspector = new(CarrierRegistry.Default);

    /// <summary>Runs the round trip on <paramref name="original"/>; returns the path of the final labeled file.</summary>
    public static string RoundTrip(string original, string expectedFormat, Checks checks)
    {
        var folder = Path.GetDirectoryName(original)!;
        var before = Sha256(original);
        var decodedBefore = checks.HasFlag(Checks.Decode) ? Independent.DecodedStreamHashes(original) : null;

        var unlabeled = Inspector.Inspect(original);
        Assert.Equal(expectedFormat, unlabeled.Format);

        var labeled = Path.Combine(folder, "labeled-" + Path.GetFileName(original));
        Writer.Write(original, labeled, new LabelRequest { Label = "1", ContentProducer = Producer, ProduceID = "gen-0001" });
        Assert.Equal(before, Sha256(original));

        var first = Inspector.Inspect(labeled);
        Assert.True(first.IsValid, Describe(first));
        Assert.Single(first.Sites);
        Assert.Equal(expectedFormat, first.Format);
        Assert.Equal(Producer, first.Label!.ContentProducer);
        Assert.Equal("gen-0001", first.Label.ProduceID);

        // The platform adds its fields in place; the producer's stay.
        Writer.Write(labeled, null, new LabelRequest { ContentPropagator = Propagator, PropagateID = "post-0002" });
        var second = Inspector.Inspect(labeled);
        Assert.True(second.IsValid, Describe(second));
        Assert.Single(second.Sites);
        Assert.Equal("1", second.Label!.Label);
        Assert.Equal(Producer, second.Label.ContentProducer);
        Assert.Equal("gen-0001", second.Label.ProduceID);
        Assert.Equal(Propagator, second.Label.ContentPropagator);
        Assert.Equal("post-0002", second.Label.PropagateID);

        // Writing the same label again replaces it: the file does not grow.
        var size = new FileInfo(labeled).Length;
        Writer.Write(labeled, null, new LabelRequest { ContentPropagator = Propagator, PropagateID = "post-0002" });
        Assert.Equal(size, new FileInfo(labeled).Length);
        Assert.Single(Inspector.Inspect(labeled).Sites);

        if (checks.HasFlag(Checks.Exiftool))
        {
            var values = Independent.ExiftoolLabelValues(labeled);
            Assert.True(values.Count > 0, $"exiftool sees no label in {labeled}");
            Assert.All(values, v => Assert.Contains("post-0002", v.Value));
        }

        if (checks.HasFlag(Checks.Ffprobe))
        {
            Assert.Contains("post-0002", Independent.FfprobeTags(labeled));
        }

        if (checks.HasFlag(Checks.Decode))
        {
            Assert.Equal(decodedBefore, Independent.DecodedStreamHashes(labeled));
        }

        Assert.Empty(Directory.EnumerateFiles(folder, "*.qinglang.tmp", SearchOption.AllDirectories));
        return labeled;
    }

    /// <summary>A label another tool wrote, with ProduceID "old-0001", as the tests plant it.</summary>
    public const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"001191440300708461136T1XGW3\",\"ProduceID\":\"old-0001\"}";

    /// <summary>
    /// Relabels <paramref name="input"/> (carrying <see cref="OldLabel"/>) to <paramref name="output"/> with ProduceID
    /// "new-0002": the result must be valid, with one site holding the new value.
    /// </summary>
    /// <summary>The ffmpeg <c>-metadata</c> options that tag a file with a title, a comment and <see cref="OldLabel"/>.</summary>
    public static string[] FfmpegTags(string commentKey) =>
        ["-metadata", "title=Sunset", "-metadata", $"{commentKey}=custom-note", "-metadata", "AIGC=" + OldLabel];

    /// <summary>
    /// A file ffmpeg tagged with <see cref="FfmpegTags"/> carries one old label; relabeling replaces it in the same
    /// site, and ffprobe still sees the other tags while exiftool sees exactly one label.
    /// </summary>
    public static void ReplaceFfmpegTaggedLabel(string tagged, string output)
    {
        var before = Inspector.Inspect(tagged);
        Assert.Single(before.Sites);
        Assert.Equal("old-0001", before.Label!.ProduceID);

        ReplaceOldLabel(tagged, output);

        var tags = Independent.FfprobeTags(output);
        Assert.Contains("Sunset", tags);
        Assert.Contains("custom-note", tags);
        Assert.Contains("new-0002", tags);
        Assert.DoesNotContain("old-0001", tags);
        Assert.Single(Independent.ExiftoolLabelValues(output));
    }

    public static InspectionReport ReplaceOldLabel(string input, string output)
    {
        Writer.Write(input, output, new LabelRequest { ProduceID = "new-0002" });
        var after = Inspector.Inspect(output);
        Assert.True(after.IsValid, Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("new-0002", after.Label!.ProduceID);
        return after;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    public static string Describe(InspectionReport report) =>
        $"{report.Path} ({report.Format}): sites [{string.Join("; ", report.Sites.Select(s => s.Location))}] problems [{string.Join("; ", report.Problems.Select(p => $"{p.Code}: {p.Message}"))}]";
}
