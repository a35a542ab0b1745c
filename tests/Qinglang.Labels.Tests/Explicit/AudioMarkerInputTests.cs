using Qinglang.Labels.Explicit;
using Qinglang.Labels.Explicit.Audio;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>What goes around the marking: the implicit label survives, bad input is refused cleanly, video is not audio.</summary>
public sealed class AudioMarkerInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("labeled.flac", "flac")]
    [InlineData("labeled.mp3", "libmp3lame")]
    [InlineData("labeled.ogg", "libvorbis")]
    [InlineData("labeled.m4a", "aac")]
    [InlineData("labeled.wav", "pcm_s16le")]
    public async Task ImplicitLabelStaysValidAfterMarking(string name, string encoder)
    {
        var plain = Tool.Ffmpeg(_folder.File("plain" + Path.GetExtension(name)), "-f", "lavfi", "-i", "sine=f=440:d=1", "-c:a", encoder);
        var labeled = _folder.File(name);
        Conformance.Writer.Write(plain, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-77" });
        var output = _folder.File("marked-" + name);

        await ExplicitMarkWriter.Default.MarkAsync(labeled, output, new MarkOptions { Position = MarkPosition.End });

        var report = Conformance.Inspector.Inspect(output);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal("1", report.Label!.Label);
        Assert.Equal(Conformance.Producer, report.Label.ContentProducer);
        Assert.Equal("gen-77", report.Label.ProduceID);
        if (name.EndsWith(".wav", StringComparison.Ordinal))
        {
            // exiftool does not list WAV's AIGC chunk; walk the RIFF chunks instead.
            Assert.Single(Carriers.RiffTestChunks.Children(await File.ReadAllBytesAsync(output)), c => c.Id == "AIGC");
        }
        else
        {
            Assert.Contains(Independent.ExiftoolLabelValues(output), v => v.Value.Contains("gen-77", StringComparison.Ordinal));
        }

        Assert.True(AudioAnalysis.DecodedSeconds(output) > 2.5, "the cue was added");
    }

    [Theory]
    [InlineData("garbage.wav", "RIFF\u0024\0\0\0WAVEfmt ")]
    [InlineData("garbage.mp3", "ID3\u0004\0\0\0\0\0\0")]
    [InlineData("garbage.flac", "fLaC")]
    public async Task UndecodableAudioIsReportedAndNothingIsWritten(string name, string header)
    {
        var garbage = _folder.File(name);
        var bytes = new byte[4000];
        new Random(7).NextBytes(bytes);
        System.Text.Encoding.Latin1.GetBytes(header).CopyTo(bytes, 0);
        await File.WriteAllBytesAsync(garbage, bytes);
        var output = _folder.File("out-" + name);

        var error = await Assert.ThrowsAsync<MarkingException>(() => ExplicitMarkWriter.Default.MarkAsync(garbage, output, new MarkOptions()));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Empty(_folder.Leftovers(name));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(garbage));
    }

    [Fact]
    public void VideoIsLeftToTheVideoMarkerButAudioOnlyMp4IsAudio()
    {
        var video = Tool.Ffmpeg(_folder.File("clip.mp4"), "-f", "lavfi", "-i", "testsrc=d=1:s=160x120", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "mpeg4", "-c:a", "aac", "-shortest");
        var audio = Tool.Ffmpeg(_folder.File("audio.mp4"), "-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac");
        var marker = new AudioMarker();

        Assert.False(marker.Handles(new MarkInput(video, "mp4")));
        Assert.True(marker.Handles(new MarkInput(audio, "mp4")));
        Assert.False(marker.Handles(new MarkInput(video, "png")));
    }

    [Fact]
    public async Task AudioTakesOnlyStartOrEnd()
    {
        var wav = Tool.Ffmpeg(_folder.File("in.wav"), "-f", "lavfi", "-i", "sine=d=1");

        var error = await Assert.ThrowsAsync<MarkingException>(() =>
            ExplicitMarkWriter.Default.MarkAsync(wav, _folder.File("out.wav"), new MarkOptions { Position = MarkPosition.TopLeft }));

        Assert.Contains("audio", error.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("in.wav"));
    }

    [Fact]
    public void CommandMarksAudioAndReportsWhatItVerified()
    {
        var wav = Tool.Ffmpeg(_folder.File("in.wav"), "-f", "lavfi", "-i", "sine=d=1");
        var output = _folder.File("out.wav");

        var result = CliProcess.Run("mark", wav, "-o", output, "--position", "end").EnsureSuccess("qinglang mark");

        Assert.Contains("·− ··", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("LUFS", result.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(output));

        var garbage = _folder.File("bad.wav");
        File.WriteAllBytes(garbage, [.. "RIFF\u0024\0\0\0WAVEfmt "u8, .. new byte[100]]);
        var failed = CliProcess.Run("mark", garbage, "-o", _folder.File("bad-out.wav"));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bad.wav", failed.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_folder.File("bad-out.wav")));
    }
}
