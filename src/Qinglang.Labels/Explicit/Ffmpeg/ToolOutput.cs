using System.Text;

namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>What a finished ffmpeg/ffprobe run wrote: stdout as bytes (raw frames or JSON), the tail of stderr as text.</summary>
internal sealed record ToolOutput(byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>The last few non-empty stderr lines, joined, for an error message a user can act on.</summary>
    public string ErrorSummary()
    {
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no error message" : string.Join(" | ", lines.TakeLast(4));
    }
}
