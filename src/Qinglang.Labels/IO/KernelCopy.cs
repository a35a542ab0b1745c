using System.Runtime.InteropServices;

namespace Qinglang.Labels.IO;

/// <summary>
/// Copies a range between two files inside the kernel (Linux copy_file_range), as cp does: no trip through user
/// memory, and reflinks or server-side copies where the filesystem offers them. Media payloads of large files go
/// this way; anything the kernel refuses falls back to the buffered copy.
/// </summary>
internal static class KernelCopy
{
    /// <summary>Below this the buffered copy is as fast and the syscall is not worth it.</summary>
    public const long MinimumBytes = 4 << 20;

    private const int MaxChunk = 1 << 30;

    /// <summary>Copies up to <paramref name="count"/> bytes from each stream's position; returns how many it copied.</summary>
    public static long TryCopy(Stream source, Stream destination, long count)
    {
        if (!OperatingSystem.IsLinux() || count < MinimumBytes || source is not FileStream input || destination is not FileStream output)
        {
            return 0;
        }

        output.Flush();
        var inputAdded = false;
        var outputAdded = false;
        long copied = 0;
        var inOffset = input.Position;
        var outOffset = output.Position;
        try
        {
            input.SafeFileHandle.DangerousAddRef(ref inputAdded);
            output.SafeFileHandle.DangerousAddRef(ref outputAdded);
            var fdIn = (int)input.SafeFileHandle.DangerousGetHandle();
            var fdOut = (int)output.SafeFileHandle.DangerousGetHandle();
            while (copied < count)
            {
                var n = copy_file_range(fdIn, ref inOffset, fdOut, ref outOffset, (nuint)Math.Min(count - copied, MaxChunk), 0);
                if (n <= 0)
                {
                    break; // unsupported here (ENOSYS, EXDEV, EINVAL) or end of file: the caller copies the rest
                }

                copied += n;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return copied;
        }
        finally
        {
            if (inputAdded)
            {
                input.SafeFileHandle.DangerousRelease();
            }

            if (outputAdded)
            {
                output.SafeFileHandle.DangerousRelease();
            }
        }

        if (copied > 0)
        {
            input.Position += copied;
            var end = output.Position + copied;
            if (output.Length < end)
            {
                output.SetLength(end); // the kernel grew the file behind FileStream's cached length
            }

            output.Position = end;
        }

        return copied;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint copy_file_range(int fdIn, ref long offIn, int fdOut, ref long offOut, nuint len, uint flags);
}
