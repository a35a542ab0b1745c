using Qinglang.Labels.Explicit;
using Qinglang.Labels.Explicit.Audio;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>
/// The audio marker on real files made by ffmpeg, checked with ffmpeg's own analysers: the ·− ·· rhythm at Morse
/// timing where it was asked for, the duration grown by exactly the cue, the content intact, loudness matched.
/// </summary>
public sealed class AudioMarkerTests : IDisposable
{
    /// <summary>Morse timing the cue must have: 90 ms unit, tones 1-3-1-1, gaps 1-3-1, a 7-unit word space before the content.</summary>
    private const double Unit = 0.090;
    private static readonly double[] ToneUnits = [1, 3, 1, 1];
    private const double RhythmSeconds = 11 * Unit;
    private const double BlockSeconds = 18 * Unit;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public sealed record Input(string Name, int Rate, int Channels, bool Lossless, string Codec, string[] Args)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<string, string> FormatsAndPositions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Inputs.Keys)
        {
            data.Add(name, "start");
            data.Add(name, "end");
        }

        return data;
    }

    private static readonly Dictionary<string, Input> Inputs = new()
    {
        ["in.wav"] = new("in.wav", 44100, 2, true, "pcm_s16le", ["-f", "lavfi", "-i", "sine=f=440:d=1.5:sample_rate=44100", "-ac", "2", "-c:a", "pcm_s16le"]),
        ["in.flac"] = new("in.flac", 48000, 1, true, "flac", ["-f", "lavfi", "-i", "anoisesrc=d=1.5:r=48000:a=0.2:c=pink", "-c:a", "flac"]),
        ["in.mp3"] = new("in.mp3", 44100, 2, false, "mp3", ["-f", "lavfi", "-i", "sine=f=440:d=1.5:sample_rate=44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k"]),
        ["in.ogg"] = new("in.ogg", 44100, 2, false, "vorbis", ["-f", "lavfi", "-i", "sine=f=330:d=1.5:sample_rate=44100", "-ac", "2", "-c:a", "libvorbis", "-b:a", "128k"]),
        ["in.opus"] = new("in.opus", 48000, 2, false, "opus", ["-f", "lavfi", "-i", "sine=f=440:d=1.5:sample_rate=48000", "-ac", "2", "-c:a", "libopus", "-b:a", "96k"]),
        ["in.mka"] = new("in.mka", 48000, 1, false, "opus", ["-f", "lavfi", "-i", "anoisesrc=d=1.5:r=48000:a=0.2:c=brown", "-c:a", "libopus", "-b:a", "64k"]),
        ["in.m4a"] = new("in.m4a", 44100, 2, false, "aac", ["-f", "lavfi", "-i", "sine=f=550:d=1.5:sample_rate=44100", "-ac", "2", "-c:a", "aac", "-b:a", "128k"]),
    };

    private string Make(Input input) => Tool.Ffmpeg(_folder.File(input.Name), input.Args);

    private static Task<MarkResult> Mark(string input, string output, MarkOptions options) =>
        ExplicitMarkWriter.Default.MarkAsync(input, output, options);

    [Theory]
    [MemberData(nameof(FormatsAndPositions))]
    public async Task CueIsAiInMorseAtTheChosenEndAndTheContentIsKept(string name, string where)
    {
        var input = Inputs[name];
        var original = Make(input);
        var output = _folder.File("marked-" + name);
        var position = where == "start" ? MarkPosition.Start : MarkPosition.End;

        var result = await Mark(original, output, new MarkOptions { Position = position });

        Assert.Equal("audio", result.Media);
        Assert.Equal(position, result.Position);
        Assert.Contains(result.Checks, c => c.Contains("·− ··", StringComparison.Ordinal));
        var (codec, streams, seconds) = AudioAnalysis.Probe(output);
        Assert.Equal(input.Codec, codec);
        Assert.Equal(1, streams);
        var inputSeconds = AudioAnalysis.DecodedSeconds(original);
        Assert.InRange(seconds - inputSeconds, BlockSeconds - 0.001, BlockSeconds + (input.Lossless ? 0.001 : 0.05));

        var cueFrom = position == MarkPosition.Start ? 0 : inputSeconds + 7 * Unit;
        // Silence is judged relative to the cue's own level: 15 dB under it.
        var cueLufs = AudioAnalysis.Loudness(output, cueFrom, cueFrom + RhythmSeconds)!.Value;
        AssertRhythm(AudioAnalysis.Sounding(output, cueFrom, Math.Min(seconds, cueFrom + RhythmSeconds + 3 * Unit), noiseDb: cueLufs - 15));
        AssertLoudnessMatched(output, cueFrom, position == MarkPosition.Start ? BlockSeconds : 0, inputSeconds);
        AssertContentKept(input, original, output, position);
        Assert.Empty(_folder.Leftovers(input.Name, "marked-" + name));
    }

    [Fact]
    public async Task SpokenNoticeIsLoudnessMatchedAndPrecedesTheContent()
    {
        var input = Inputs["in.mp3"];
        var original = Make(input);
        var output = _folder.File("spoken.mp3");

        var result = await Mark(original, output, new MarkOptions { Speech = true, Text = "本音频由人工智能生成" });

        Assert.Contains(result.Checks, c => c.StartsWith("spoken notice", StringComparison.Ordinal));
        var inputSeconds = AudioAnalysis.DecodedSeconds(original);
        var block = AudioAnalysis.DecodedSeconds(output) - inputSeconds;
        // Ten characters at 120–160 a minute take 3.75–5 s, plus the 0.63 s separation; espeak's pauses vary a little.
        Assert.InRange(block, 3.0, 6.0);
        var speech = AudioAnalysis.Sounding(output, 0, block - 7 * Unit);
        Assert.True(speech.Count >= 3, $"expected syllables separated by pauses, heard {speech.Count} stretches");
        Assert.True(speech[0].Start < 0.05, "the notice starts the file");
        AssertLoudnessMatched(output, 0, block, inputSeconds, cueSeconds: block - 7 * Unit);
        AssertContentKept(input, original, output, MarkPosition.Start, blockMeasured: true);
    }

    [Theory]
    [InlineData("volume=6dB", false)]
    [InlineData("volume=-10dB", false)]
    [InlineData("volume=-40dB", true)]
    public async Task CueFollowsLoudAndQuietContentButSilenceGetsTheDefaultLevel(string gain, bool nearSilent)
    {
        var original = Tool.Ffmpeg(_folder.File("level.wav"), "-f", "lavfi", "-i", "anoisesrc=d=1.5:r=44100:a=0.3", "-af", gain, "-c:a", "pcm_s16le");
        var output = _folder.File("level-marked.wav");

        await Mark(original, output, new MarkOptions());

        var cue = AudioAnalysis.Loudness(output, 0, RhythmSeconds);
        Assert.NotNull(cue);
        if (nearSilent)
        {
            Assert.InRange(cue.Value, -25, -21);
        }
        else
        {
            AssertLoudnessMatched(output, 0, BlockSeconds, 1.5);
        }

        AssertRhythm(AudioAnalysis.Sounding(output, 0, RhythmSeconds + 3 * Unit, noiseDb: (cue.Value - 15)));
    }

    [Fact]
    public async Task SilentInputIsMarkedAtTheDefaultLevel()
    {
        var original = Tool.Ffmpeg(_folder.File("silent.wav"), "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "1", "-c:a", "pcm_s16le");
        var output = _folder.File("silent-marked.wav");

        var result = await Mark(original, output, new MarkOptions { Position = MarkPosition.End });

        Assert.Contains(result.Checks, c => c.Contains("default", StringComparison.Ordinal));
        Assert.InRange(AudioAnalysis.Loudness(output, 1 + 7 * Unit, 1 + BlockSeconds)!.Value, -25, -21);
        AssertRhythm(AudioAnalysis.Sounding(output, 1 + 7 * Unit - 0.05, 1 + BlockSeconds));
    }

    private static void AssertRhythm(IReadOnlyList<(double Start, double End)> sounding)
    {
        Assert.True(sounding.Count == 4, $"expected 4 tones, heard {sounding.Count}: {string.Join(", ", sounding)}");
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(sounding[i].End - sounding[i].Start, ToneUnits[i] * Unit - 0.035, ToneUnits[i] * Unit + 0.035);
        }

        Assert.InRange(sounding[1].Start - sounding[0].End, Unit - 0.035, Unit + 0.035);
        Assert.InRange(sounding[2].Start - sounding[1].End, 3 * Unit - 0.035, 3 * Unit + 0.035);
        Assert.InRange(sounding[3].Start - sounding[2].End, Unit - 0.035, Unit + 0.035);
    }

    private static void AssertLoudnessMatched(string output, double cueFrom, double contentFrom, double contentSeconds, double cueSeconds = RhythmSeconds)
    {
        var cue = AudioAnalysis.Loudness(output, cueFrom, cueFrom + cueSeconds);
        var content = AudioAnalysis.Loudness(output, contentFrom, contentFrom + contentSeconds);
        Assert.NotNull(cue);
        Assert.NotNull(content);
        Assert.InRange(cue.Value - content.Value, -2.5, 2.5);
    }

    /// <summary><paramref name="blockMeasured"/>: the cue's length is not known in advance (speech), take it from the length difference.</summary>
    private static void AssertContentKept(Input input, string original, string output, MarkPosition position, bool blockMeasured = false)
    {
        var before = AudioAnalysis.Decode(original, input.Channels, input.Rate);
        var after = AudioAnalysis.Decode(output, input.Channels, input.Rate);
        var block = blockMeasured ? after.Length - before.Length : (int)Math.Round(BlockSeconds * input.Rate) * input.Channels;
        var offset = position == MarkPosition.Start ? block : 0;
        var content = after.AsSpan(offset, before.Length);
        if (input.Lossless)
        {
            Assert.True(content.SequenceEqual(before), "lossless content must decode to the very same samples");
            return;
        }

        Assert.InRange(AudioAnalysis.RmsDb(content) - AudioAnalysis.RmsDb(before), -1, 1);
        Assert.True(AudioAnalysis.Correlation(content, before) > 0.9, "the re-encoded content is the original content, in place");
    }
}
