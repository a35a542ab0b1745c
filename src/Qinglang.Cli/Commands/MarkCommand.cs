using System.CommandLine;
using Qinglang.Cli.Console;
using Qinglang.Labels.Explicit;

namespace Qinglang.Cli.Commands;

/// <summary><c>qinglang mark</c>: writes a copy carrying a visible or audible AI notice (显式标识), keeping the implicit label.</summary>
internal static class MarkCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "Text, Markdown, image, video or audio file to mark, or a folder of them" };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the marked copy (a folder when the input is one; the input is never changed)", Required = true };
        var text = new Option<string?>("--text") { Description = "The notice (default 由AI生成); must hold AI/人工智能 and 生成/合成" };
        var position = new Option<string?>("--position")
        {
            Description = "text: start|end|both; image and video: top-left|top-right|bottom-left|bottom-right|top|bottom; audio: start|end",
        };
        position.AcceptOnlyFromAmong([.. Enum.GetValues<MarkPosition>().Select(PositionName)]);
        var seconds = new Option<double?>("--seconds") { Description = "Video: how long the opening caption stays (default 3, at least 2)" };
        var whole = new Option<bool>("--whole") { Description = "Video: caption the whole video, not only its opening" };
        var speech = new Option<bool>("--speech") { Description = "Audio: a spoken notice (espeak-ng) instead of the short-long-short-short cue" };
        var font = new Option<string?>("--font") { Description = "Images and video: font file for the caption (default: a CJK font found on the system)" };

        var command = new Command("mark", "Write a copy with an explicit label (显式标识): a notice in text, a caption on images and video, a cue in audio.")
        {
            input, output, text, position, seconds, whole, speech, font,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new MarkOptions
            {
                Position = parse.GetValue(position) is { } name ? ParsePosition(name) : null,
                WholeVideo = parse.GetValue(whole),
                Speech = parse.GetValue(speech),
                FontFile = parse.GetValue(font),
            };
            if (parse.GetValue(text) is { } notice)
            {
                options = options with { Text = notice };
            }

            if (parse.GetValue(seconds) is { } duration)
            {
                if (duration < 2)
                {
                    System.Console.Error.WriteLine("qinglang: --seconds must be at least 2 (GB 45438 §5: the opening caption stays ≥ 2 s)");
                    return ExitCodes.Usage;
                }

                options = options with { CaptionSeconds = duration };
            }

            return await RunAsync(parse.GetValue(input)!, parse.GetValue(output)!, options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        if (Directory.Exists(input))
        {
            return await RunFolderAsync(input, output, options, cancellationToken);
        }

        if (!File.Exists(input))
        {
            System.Console.Error.WriteLine($"qinglang: {input}: no such file");
            return ExitCodes.Usage;
        }

        try
        {
            var result = await ExplicitMarkWriter.Default.MarkAsync(input, output, options, cancellationToken);
            System.Console.WriteLine($"{output}: marked {result.Media} at {PositionName(result.Position)} 已添加显式标识");
            foreach (var check in result.Checks)
            {
                System.Console.WriteLine($"  ✓ {check}");
            }

            return ExitCodes.Ok;
        }
        catch (MarkingException ex)
        {
            System.Console.Error.WriteLine($"qinglang: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// Marks every file under <paramref name="input"/> into the same relative path under <paramref name="output"/>, two
    /// at a time per core (the work is in ffmpeg processes); one line per file, failures on stderr.
    /// </summary>
    private static async Task<int> RunFolderAsync(string input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        var files = InputFiles.Expand(input).ToList();
        var failed = 0;
        using var progress = new Progress(files.Count, "marking");
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = 2 * Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (file, token) =>
            {
                var target = Path.Combine(output, Path.GetRelativePath(input, file));
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                    var result = await ExplicitMarkWriter.Default.MarkAsync(file, target, options, token);
                    System.Console.WriteLine($"{target}: marked {result.Media} at {PositionName(result.Position)} 已添加显式标识");
                }
                catch (Exception ex) when (ex is MarkingException or Labels.LabelingException or IOException or UnauthorizedAccessException)
                {
                    Interlocked.Increment(ref failed);
                    System.Console.Error.WriteLine(ex.Message.StartsWith(file, StringComparison.Ordinal) ? $"qinglang: {ex.Message}" : $"qinglang: {file}: {ex.Message}");
                }

                progress.Step(file);
            });
        System.Console.Error.WriteLine($"{files.Count - failed} of {files.Count} files marked");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>BottomRight → bottom-right, as users type it.</summary>
    internal static string PositionName(MarkPosition position) =>
        string.Concat(position.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    private static MarkPosition ParsePosition(string name) =>
        Enum.GetValues<MarkPosition>().First(p => PositionName(p) == name);
}
