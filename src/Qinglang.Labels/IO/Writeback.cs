using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Labels.IO;

/// <summary>
/// Starts writing a new file's data to disk without waiting for it (Linux sync_file_range). ext4 does the same when a
/// rename replaces a file (auto_da_alloc), but there under the folder's lock, where every other create and rename in
/// the folder waits; started earlier, it overlaps with other work. Advisory: elsewhere, or refused, nothing changes.
/// </summary>
internal static class Writeback
{
    private const uint SyncFileRangeWrite = 2;

    /// <summary>Starts the write-out of <paramref name="count"/> bytes from <paramref name="offset"/> (0: to the end of the file).</summary>
    public static void Start(SafeFileHandle handle, long offset = 0, long count = 0)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = sync_file_range((int)handle.DangerousGetHandle(), offset, count, SyncFileRangeWrite);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without it: the rename starts the write-out as before.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [DllImport("libc")]
    private static extern int sync_file_range(int fd, long offset, long count, uint flags);
}
