using Microsoft.Win32.SafeHandles;

namespace Qinglang.Labels.IO;

/// <summary>
/// Opens a file for parsing. Small files are read whole with one read and parsed from memory: carriers ask for the
/// length and position often, and on a file each of those is a system call. Large files stay on disk.
/// </summary>
public static class FileSource
{
    /// <summary>Files up to this size are parsed from memory.</summary>
    public const int InMemoryLimit = 8 << 20;

    public static Stream OpenRead(string path, int inMemoryLimit = InMemoryLimit)
    {
        // A bare handle: no stream buffer to allocate and copy through, one read of exactly the file's bytes.
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length > inMemoryLimit)
            {
                return new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
            }

            var bytes = new byte[length];
            var read = ReadAll(handle, bytes);
            handle.Dispose();
            return new MemoryStream(bytes, 0, read, writable: false, publiclyVisible: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads until the buffer is full or the file ends (a file that shrank since its length was taken).</summary>
    private static int ReadAll(SafeFileHandle handle, byte[] bytes)
    {
        var total = 0;
        while (total < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(total), total);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
