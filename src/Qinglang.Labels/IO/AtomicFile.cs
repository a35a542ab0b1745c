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
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: durable);
            }

            var modeSource = permissionsFrom ?? (File.Exists(full) ? full : null);
            if (modeSource is not null && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(modeSource));
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
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
