using System.Diagnostics;
using Xunit;

namespace Qinglang.Testing;

/// <summary>Runs an external program (ffmpeg, exiftool, …) and captures what it says. A missing tool fails the test.</summary>
public static class Tool
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result EnsureSuccess(string what)
        {
            Assert.True(ExitCode == 0, $"{what} exited {ExitCode}: {Stderr}");
            return this;
        }
    }

    public static Result Run(string program, params string[] args) => Run(program, TimeSpan.FromMinutes(2), args);

    public static Result Run(string program, TimeSpan timeout, params string[] args) => Run(program, null, timeout, args);

    /// <summary>Runs <paramref name="program"/> with <paramref name="stdin"/> as its standard input.</summary>
    public static Result RunWithInput(string program, string stdin, params string[] args) => Run(program, stdin, TimeSpan.FromMinutes(2), args);

    private static Result Run(string program, string? stdin, TimeSpan timeout, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} took longer than {timeout}");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Makes a media file with ffmpeg: <c>Ffmpeg("out.mp4", "-f", "lavfi", "-i", "testsrc=d=1", …)</c>.</summary>
    public static string Ffmpeg(string output, params string[] args)
    {
        Run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. args, output]).EnsureSuccess($"ffmpeg making {Path.GetFileName(output)}");
        Assert.True(File.Exists(output), $"ffmpeg did not write {output}");
        return output;
    }
}
