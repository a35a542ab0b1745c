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

    /// <summary>
    /// The block (and page) size copies are best aligned to: when source and destination offsets agree modulo this,
    /// the kernel copies page onto page, and filesystems that share blocks (XFS, btrfs) can reflink instead of copy.
    /// </summary>
    public const int BlockSize = 4096;

    /// <summary>
    /// Where a block-aligned copy should start in the destination. Without a reflink the kernel splices 16 pages per
    /// round (its pipe's size); rounds that start on a 64 KB boundary fill whole large folios of the new file, while
    /// rounds that start 4 KB past one leave it in single pages — ~35 % more CPU for the same bytes (measured on ext4,
    /// Linux 6.18). cp starts at 0 and gets this for free.
    /// </summary>
    private const int RoundSize = 64 << 10;

    /// <summary>One call per this much when write-out is started as we go; otherwise as much as the kernel takes.</summary>
    private const long WritebackChunk = 64 << 20;

    /// <summary>The kernel copies at most 2 GB per call (MAX_RW_COUNT); a whole number of rounds keeps the next call aligned.</summary>
    private const long MaxChunk = int.MaxValue & ~(RoundSize - 1L);

    private const int FadviseSequential = 2;

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
            var writeBack = output is WritebackFileStream;
            // As cp asks: read ahead (the parser opened the file for random access, which turns read-ahead off).
            _ = posix_fadvise(fdIn, inOffset, count, FadviseSequential);
            while (copied < count)
            {
                var chunk = Math.Min(count - copied, writeBack ? WritebackChunk : MaxChunk);
                if (copied == 0 && (inOffset - outOffset) % BlockSize == 0 && outOffset % RoundSize != 0)
                {
                    // A short first call up to a round boundary: the rest then runs page onto page, and can be reflinked.
                    chunk = Math.Min(chunk, RoundSize - (outOffset % RoundSize));
                }

                var start = outOffset;
                var n = copy_file_range(fdIn, ref inOffset, fdOut, ref outOffset, (nuint)chunk, 0);
                if (n <= 0)
                {
                    break; // unsupported here (ENOSYS, EXDEV, EINVAL) or end of file: the caller copies the rest
                }

                copied += n;
                if (writeBack)
                {
                    Writeback.Start(output.SafeFileHandle, start, n); // starts the write-out, does not wait for it
                }
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without these calls: what was copied stands (positions below), the caller copies the rest.
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

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_fadvise(int fd, long offset, long len, int advice);
}
