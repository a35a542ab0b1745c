using System.Text.Json;

namespace Qinglang.Labels.Tests.Support;

/// <summary>Readers that are not Qinglang: exiftool for metadata, ffprobe for container tags, ffmpeg for decoding.</summary>
public static class Independent
{
    /// <summary>Every metadata value exiftool reports (all groups, duplicates kept) that holds a label's JSON.</summary>
    public static IReadOnlyList<(string Tag, string Value)> ExiftoolLabelValues(string path)
    {
        var result = Tool.Run("exiftool", "-j", "-a", "-G1", "-u", "-ee", "-api", "LargeFileSupport=1", path).EnsureSuccess("exiftool");
        using var document = JsonDocument.Parse(result.Stdout);
        var values = new List<(string, string)>();
        foreach (var property in document.RootElement[0].EnumerateObject())
        {
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            if (text.Contains("ContentProducer", StringComparison.Ordinal) || text.Contains("ContentPropagator", StringComparison.Ordinal))
            {
                values.Add((property.Name, text));
            }
        }

        return values;
    }

    /// <summary>ffprobe's JSON of format and stream tags.</summary>
    public static string FfprobeTags(string path) =>
        Tool.Run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream_tags", "-of", "json", path).EnsureSuccess("ffprobe").Stdout;

    /// <summary>
    /// MD5 of every decoded stream (ffmpeg streamhash). Asserts ffmpeg reported no decoding error, so equal hashes
    /// before and after labeling mean the media decodes, and decodes to the same samples and pixels.
    /// </summary>
    public static string DecodedStreamHashes(string path)
    {
        var result = Tool.Run("ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:v?", "-map", "0:a?", "-f", "streamhash", "-hash", "md5", "-");
        Assert.True(result.ExitCode == 0 && result.Stderr.Trim().Length == 0, $"ffmpeg could not decode {Path.GetFileName(path)} cleanly: {result.Stderr}");
        Assert.False(string.IsNullOrWhiteSpace(result.Stdout), $"ffmpeg decoded no stream from {path}");
        return result.Stdout;
    }
}
