namespace Qinglang.Labels.IO;

/// <summary>
/// Writes a file through a temporary file in the same folder and a rename, so the destination is either the old
/// file or the complete new one — never half written — whatever fails in between.
/// </summary>
public static class AtomicFile
{
    /// <param name="durable">
    /// Flush the new file to disk before the rename, so it survives a power loss, at the price of waiting for the disk
    /// (cp, ffmpeg and exiftool do not). Without it the rename still guarantees readers see the old or the new file.
    /// </param>
    public static void Write(string destination, Action<FileStream> write, string? permissionsFrom = null, bool durable = false)
    {
        var full = Path.GetFullPath(destination);
        var folder = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.qinglang.tmp");
        try
        {
            long written;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
                written = stream.Length;
            }

            var modeSource = permissionsFrom ?? (File.Exists(full) ? full : null);
            if (modeSource is not null && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(modeSource));
            }

            Replace(temp, full, written >= ExchangeThreshold);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Puts <paramref name="temp"/> at <paramref name="destination"/> atomically. On Linux an existing destination is
    /// swapped with renameat2(RENAME_EXCHANGE) and the old file deleted after: a plain rename over a file makes ext4
    /// allocate and start writing every delayed block of the new file first (auto_da_alloc), which costs as much as
    /// the copy itself on large files. Readers see the old or the new file either way.
    /// </summary>
    private static void Replace(string temp, string destination, bool large)
    {
        // A small file has few delayed blocks, and the exchange costs an extra directory operation (the unlink).
        if (large && OperatingSystem.IsLinux() && File.Exists(destination))
        {
            try
            {
                if (renameat2(AtCurrentDirectory, temp, AtCurrentDirectory, destination, RenameExchange) == 0)
                {
                    TryDelete(temp); // now holds the old contents
                    return;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // An old C library without renameat2: the plain rename below is just as atomic.
            }
        }

        File.Move(temp, destination, overwrite: true);
    }

    /// <summary>Files at least this large are swapped in with renameat2 exchange rather than a plain rename.</summary>
    private const long ExchangeThreshold = 8 << 20;

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirectory, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
