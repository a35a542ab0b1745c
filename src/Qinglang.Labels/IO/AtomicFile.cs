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
        var mode = ModeFor(full, permissionsFrom);
        var (temp, stream) = CreateTemp(full, mode, bufferSize: 1 << 16, writeBackEarly: File.Exists(full));
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            Replace(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Writes bytes already built in memory: one unbuffered write into the temporary file, its mode set through the
    /// open handle, then the rename — the fewest system calls an atomic replace can take.
    /// </summary>
    public static void Write(string destination, ReadOnlySpan<byte> content, string? permissionsFrom = null, bool durable = false)
    {
        var full = Path.GetFullPath(destination);
        var ownPermissions = permissionsFrom is null || permissionsFrom == destination || Path.GetFullPath(permissionsFrom) == full;
        if (ownPermissions && RecycledTemporary.Current is { } recycler && recycler.TryReplace(full, content, durable))
        {
            return;
        }

        var mode = ModeFor(full, permissionsFrom);
        if (!durable && WriteUnnamed(full, content, mode))
        {
            return;
        }

        var (temp, stream) = CreateTemp(full, mode, bufferSize: 0);
        try
        {
            using (stream)
            {
                // Straight to the handle: the stream would check its position with a seek around every call.
                RandomAccess.Write(stream.SafeFileHandle, content, 0);
                if (durable)
                {
                    stream.Flush(flushToDisk: true);
                }
                else
                {
                    Writeback.Start(stream.SafeFileHandle);
                }
            }

            Replace(temp, full);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// The span write through an unnamed file (see <see cref="UnnamedFile"/>): written, its writeback started, then
    /// linked under a fresh temporary name and renamed over the destination. False where unnamed files are not
    /// available; nothing is then left behind and the caller takes the named path.
    /// </summary>
    private static bool WriteUnnamed(string destination, ReadOnlySpan<byte> content, UnixFileMode? mode)
    {
        var folder = Path.GetDirectoryName(destination) ?? ".";
        string? temp = null;
        try
        {
            using (var unnamed = UnnamedFile.TryCreate(folder, mode))
            {
                if (unnamed is null)
                {
                    return false;
                }

                RandomAccess.Write(unnamed, content, 0);
                Writeback.Start(unnamed);
                for (var attempt = 0; temp is null; attempt++)
                {
                    var name = TempName(destination);
                    if (UnnamedFile.TryLink(unnamed, name))
                    {
                        temp = name;
                    }
                    else if (attempt >= 8)
                    {
                        throw new IOException($"{destination}: no free temporary name next to it");
                    }
                }
            }

            Replace(temp, destination);
            return true;
        }
        catch
        {
            if (temp is not null)
            {
                TryDelete(temp);
            }

            throw;
        }
    }

    /// <summary>The mode the new file must have: that of <paramref name="permissionsFrom"/>, else of the file it replaces.</summary>
    private static UnixFileMode? ModeFor(string destination, string? permissionsFrom)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            return File.GetUnixFileMode(permissionsFrom ?? destination);
        }
        catch (FileNotFoundException) when (permissionsFrom is null)
        {
            return null; // a new file: the process's default mode
        }
    }

    /// <summary>
    /// Creates the temporary file next to <paramref name="destination"/> with O_EXCL. Names are the process id and a
    /// counter — unique among running processes without a random-number call; a leftover of a crashed process with
    /// the same id is stepped over. A temporary file that will replace an existing one starts its write-out early
    /// (see <see cref="WritebackFileStream"/>).
    /// </summary>
    private static (string Path, FileStream Stream) CreateTemp(string destination, UnixFileMode? mode, int bufferSize, bool writeBackEarly = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var temp = TempName(destination);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = bufferSize };
            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = m;
            }

            FileStream stream;
            try
            {
                stream = writeBackEarly ? new WritebackFileStream(temp, options) : new FileStream(temp, options);
            }
            catch (IOException) when (attempt < 8 && File.Exists(temp))
            {
                continue;
            }

            try
            {
                if (mode is { } exact && !OperatingSystem.IsWindows())
                {
                    // The create mode went through the umask; the handle takes the exact mode without a path lookup.
                    File.SetUnixFileMode(stream.SafeFileHandle, exact);
                }
            }
            catch
            {
                stream.Dispose();
                TryDelete(temp);
                throw;
            }

            return (temp, stream);
        }
    }

    /// <summary>A temporary name next to <paramref name="destination"/>: hidden, this process's id and a counter.</summary>
    internal static string TempName(string destination) =>
        Path.Combine(Path.GetDirectoryName(destination) ?? ".", $".{Path.GetFileName(destination)}.{ProcessId:x}-{Interlocked.Increment(ref _counter):x}.qinglang.tmp");

    private static long _counter;

    /// <summary>Read once: Environment.ProcessId asks the kernel on every call.</summary>
    private static readonly int ProcessId = Environment.ProcessId;

    /// <summary>
    /// Puts <paramref name="temp"/> at <paramref name="destination"/> atomically, by a plain rename. Over an existing file
    /// ext4 then forces out what of the new file is still only in memory before the rename reaches the journal
    /// (auto_da_alloc), so a crash leaves the old file or the whole new one — the guarantee exiftool's rename gets too.
    /// An exchange (renameat2 RENAME_EXCHANGE) would skip that flush and could leave an empty file after a crash; large
    /// files pay for the flush during the copy instead (<see cref="WritebackFileStream"/>).
    /// </summary>
    private static void Replace(string temp, string destination)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (Libc.renameat2(Libc.AtCurrentDirectory, temp, Libc.AtCurrentDirectory, destination, 0) == 0)
                {
                    return; // the plain rename, without File.Move's existence checks (two more path lookups per file)
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                // An old C library without renameat2: File.Move below is just as atomic.
            }
        }

        // Elsewhere, or when the kernel refused: File.Move renames too, and turns a failure into the right exception.
        File.Move(temp, destination, overwrite: true);
    }

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
