using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.Jpeg;
using Qinglang.Labels.Carriers.Png;
using Qinglang.Labels.Model;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.WriteChecks;

/// <summary>
/// The read-back check every write ends with: a carrier whose output is wrong — two sites, a changed label, a cut
/// container — is refused and the file stays as it was, also right after the same label was written and checked
/// (the check remembers parses of identical packets, which must never let a different packet through).
/// </summary>
public sealed class ReadBackCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public enum Sabotage
    {
        SecondSite,
        ChangedLabel,
        CutContainer,
    }

    private static readonly LabelRequest Request = new() { ContentProducer = Conformance.Producer, ProduceID = "batch-0001" };

    [Theory]
    [InlineData("jpg", Sabotage.SecondSite)]
    [InlineData("jpg", Sabotage.ChangedLabel)]
    [InlineData("jpg", Sabotage.CutContainer)]
    [InlineData("png", Sabotage.SecondSite)]
    [InlineData("png", Sabotage.ChangedLabel)]
    [InlineData("png", Sabotage.CutContainer)]
    public void AWrongResultIsRefusedAndTheFileIsLeftAsItWas(string extension, Sabotage sabotage)
    {
        var first = MakeImage($"first.{extension}");
        var second = MakeImage($"second.{extension}");
        var untouched = Sha256(second);

        // The honest write of the same label primes every remembered parse on this thread.
        Conformance.Writer.Write(first, null, Request);
        Assert.True(Conformance.Inspector.Inspect(first).IsValid);

        var sabotaged = new LabelWriter(new CarrierRegistry([new SabotagedCarrier(extension == "jpg" ? new JpegCarrier() : new PngCarrier(), sabotage)]));
        Assert.ThrowsAny<Exception>(() => sabotaged.Write(second, null, Request));

        Assert.Equal(untouched, Sha256(second));
        Assert.Empty(Independent.ExiftoolLabelValues(second));
        Assert.Empty(_folder.Leftovers($"first.{extension}", $"second.{extension}"));
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("png")]
    public void TheSameSabotageIsCaughtOnEveryFileOfABatch(string extension)
    {
        var sabotaged = new LabelWriter(new CarrierRegistry([new SabotagedCarrier(extension == "jpg" ? new JpegCarrier() : new PngCarrier(), Sabotage.ChangedLabel)]));
        for (var i = 0; i < 3; i++)
        {
            var file = MakeImage($"b{i}.{extension}");
            var before = Sha256(file);
            Assert.Throws<InvalidOperationException>(() => sabotaged.Write(file, null, Request));
            Assert.Equal(before, Sha256(file));
        }
    }

    [Fact]
    public void LabelingInPlaceClosesEveryHandleItOpened()
    {
        var files = Enumerable.Range(0, 12).Select(i => MakeImage($"h{i}.{(i % 2 == 0 ? "jpg" : "png")}")).ToList();
        foreach (var file in files)
        {
            Conformance.Writer.Write(file, null, Request);
        }

        Assert.Empty(OpenHandlesUnder(_folder.Path));
        foreach (var file in files)
        {
            Assert.Contains(Independent.ExiftoolLabelValues(file), v => v.Value.Contains("batch-0001", StringComparison.Ordinal));
        }
    }

    private string MakeImage(string name) =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Paths under <paramref name="folder"/> this process still has open (Linux /proc; empty elsewhere).</summary>
    private static List<string> OpenHandlesUnder(string folder)
    {
        var open = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return open;
        }

        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(folder, StringComparison.Ordinal))
                {
                    open.Add(target);
                }
            }
            catch (IOException)
            {
                // The descriptor closed while we looked.
            }
        }

        return open;
    }

    /// <summary>A real carrier whose output is spoiled after it writes: what a writer bug would produce.</summary>
    private sealed class SabotagedCarrier(ILabelCarrier real, Sabotage sabotage) : ILabelCarrier
    {
        public string Format => real.Format;

        public bool Detect(ReadOnlySpan<byte> head) => real.Detect(head);

        public CarrierScan Read(Stream input) => real.Read(input);

        public void Write(Stream input, Stream output, AigcLabel label)
        {
            var built = new MemoryStream();
            real.Write(input, built, label);
            var bytes = built.ToArray();
            output.Write(sabotage switch
            {
                Sabotage.SecondSite => real is JpegCarrier ? RepeatXmpSegment(bytes) : RepeatXmpChunk(bytes),
                Sabotage.ChangedLabel => Replace(bytes, "batch-0001", "batch-0002"),
                _ => bytes[..^(real is JpegCarrier ? 2 : 12)], // without EOI / IEND
            });
        }

        private static byte[] RepeatXmpSegment(byte[] jpeg)
        {
            var at = Bytes.IndexOf(jpeg, "http://ns.adobe.com/xap/1.0/\0") - 4;
            var length = 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            return [.. jpeg[..(at + length)], .. jpeg[at..(at + length)], .. jpeg[(at + length)..]];
        }

        private static byte[] RepeatXmpChunk(byte[] png)
        {
            var at = Bytes.IndexOf(png, "iTXtXML:com.adobe.xmp") - 4;
            var length = 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            return [.. png[..(at + length)], .. png[at..(at + length)], .. png[(at + length)..]];
        }

        private static byte[] Replace(byte[] bytes, string from, string to)
        {
            var at = Bytes.IndexOf(bytes, from);
            Assert.True(at >= 0, $"{from} not found in the written file");
            var copy = (byte[])bytes.Clone();
            Encoding.ASCII.GetBytes(to).CopyTo(copy, at);
            return copy;
        }
    }
}
