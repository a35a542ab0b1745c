using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>
/// Runs ffmpeg or ffprobe with an argument list (never a shell string). A non-zero exit, a timeout or a missing program
/// becomes a <see cref="MarkingException"/> that quotes the tool's own error lines; cancellation kills the process.
/// </summary>
internal static class MediaTool
{
    /// <summary>Enough for a raw 8K grey frame; more stdout than this means something went wrong.</summary>
    public const int DefaultMaxStdoutBytes = 64 * 1024 * 1024;

    private const int StderrKeptChars = 64 * 1024;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>ffmpeg with the options every call wants (no stdin, no banner, errors only, overwrite the temp output).</summary>
    public static Task<ToolOutput> FfmpegAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RunAsync("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments], cancellationToken, timeout);

    /// <summary>ffprobe reporting errors only.</summary>
    public static Task<ToolOutput> FfprobeAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RunAsync("ffprobe", ["-hide_banner", "-loglevel", "error", .. arguments], cancellationToken, timeout);

    public static async Task<ToolOutput> RunAsync(
        string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null, int maxStdoutBytes = DefaultMaxStdoutBytes)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new MarkingException($"{program} is not installed or cannot start ({ex.Message}); on Debian: apt-get install ffmpeg", ex);
        }

        process.StandardInput.Close();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        var stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, maxStdoutBytes, limit.Token);
        var stderr = ReadTailAsync(process.StandardError, limit.Token);
        try
        {
            // stdout first: an oversized output must stop the process rather than block it on a full pipe
            var bytes = await stdout.ConfigureAwait(false);
            var output = new ToolOutput(bytes, await stderr.ConfigureAwait(false));
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new MarkingException($"{program} failed (exit {process.ExitCode}): {output.ErrorSummary()}");
            }

            return output;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            throw new MarkingException($"{program} took longer than {timeout ?? DefaultTimeout} and was stopped");
        }
        catch (Exception ex) when (ex is OperationCanceledException or TooMuchOutputException)
        {
            Kill(process);
            if (ex is TooMuchOutputException)
            {
                throw new MarkingException($"{program} wrote more than {maxStdoutBytes} bytes to its output; refused", ex);
            }

            throw;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new TooMuchOutputException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Keeps only the last part of stderr: ffmpeg can be chatty, the cause is usually at the end.</summary>
    private static async Task<string> ReadTailAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var kept = new StringBuilder();
        var chunk = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            kept.Append(chunk, 0, read);
            if (kept.Length > 2 * StderrKeptChars)
            {
                kept.Remove(0, kept.Length - StderrKeptChars);
            }
        }

        return kept.ToString();
    }

    private sealed class TooMuchOutputException : Exception;
}
