using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>
/// Every media format ffmpeg can make is found by its bytes under a name that lies about it, and is labeled as
/// what it is (the project-made formats, PDF/OOXML/Markdown, have their own DetectsByMagic tests).
/// </summary>
public sealed class DetectionByContentTests : IDisposable
{
    private const string Video = "testsrc=d=0.2:size=64x48:rate=10";
    private const string Audio = "sine=d=0.2";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("a.jpg", "jpeg", "photo.png", "-f", "lavfi", "-i", Video, "-frames:v", "1")]
    [InlineData("a.png", "png", "photo.jpg", "-f", "lavfi", "-i", Video, "-frames:v", "1")]
    [InlineData("a.gif", "gif", "photo.webp", "-f", "lavfi", "-i", Video, "-frames:v", "1")]
    [InlineData("a.tiff", "tiff", "scan.pdf", "-f", "lavfi", "-i", Video, "-frames:v", "1")]
    [InlineData("a.webp", "webp", "photo.gif", "-f", "lavfi", "-i", Video, "-frames:v", "1", "-c:v", "libwebp")]
    [InlineData("a.mp4", "mp4", "clip.mkv", "-f", "lavfi", "-i", Video, "-c:v", "libx264")]
    [InlineData("a.mov", "mov", "clip.mp4", "-f", "lavfi", "-i", Video, "-c:v", "libx264")]
    [InlineData("a.m4a", "m4a", "song.mp3", "-f", "lavfi", "-i", Audio, "-c:a", "aac")]
    [InlineData("a.mkv", "matroska", "clip.avi", "-f", "lavfi", "-i", Video, "-c:v", "libx264")]
    [InlineData("a.webm", "webm", "clip.mp4", "-f", "lavfi", "-i", Video, "-c:v", "libvpx", "-deadline", "realtime")]
    [InlineData("a.flv", "flv", "clip.mov", "-f", "lavfi", "-i", Video)]
    [InlineData("a.avi", "avi", "clip.wav", "-f", "lavfi", "-i", Video)]
    [InlineData("a.wav", "wav", "voice.avi", "-f", "lavfi", "-i", Audio)]
    [InlineData("a.mp3", "mp3", "voice.flac", "-f", "lavfi", "-i", Audio)]
    [InlineData("a.flac", "flac", "voice.ogg", "-f", "lavfi", "-i", Audio)]
    [InlineData("a.ogg", "vorbis", "voice.opus", "-f", "lavfi", "-i", Audio, "-c:a", "libvorbis")]
    [InlineData("a.opus", "opus", "voice.md", "-f", "lavfi", "-i", Audio, "-c:a", "libopus")]
    public void FormatIsTakenFromTheBytesNotTheName(string made, string format, string misleadingName, params string[] ffmpeg)
    {
        var original = Tool.Ffmpeg(_folder.File(made), ffmpeg);
        foreach (var name in (string[])[misleadingName, "upload.dat", "noextension"])
        {
            var renamed = _folder.File(name);
            File.Copy(original, renamed);
            Assert.Equal(format, Conformance.Inspector.Inspect(renamed).Format);

            Conformance.Writer.Write(renamed, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "by-content" });
            var report = Conformance.Inspector.Inspect(renamed);
            Assert.True(report.IsValid, Conformance.Describe(report));
            Assert.Equal(format, report.Format);

            // ffmpeg is given the true extension: its image demuxers trust names, and this checks the bytes, not ffmpeg.
            var check = _folder.File("check" + Path.GetExtension(made));
            File.Move(renamed, check, overwrite: true);
            Assert.Equal(Independent.DecodedStreamHashes(original), Independent.DecodedStreamHashes(check));
        }
    }
}
