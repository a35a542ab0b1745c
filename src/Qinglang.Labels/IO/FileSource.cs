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
        var stream = OpenRead(path, out var held, inMemoryLimit);
        held?.Dispose();
        return stream;
    }

    /// <summary>
    /// Like <see cref="OpenRead(string, int)"/>, but a file read into memory hands back its still open handle in
    /// <paramref name="held"/> (null for a large file: its stream owns the handle). A caller that replaces the file
    /// closes the handle after the replace, so the kernel frees the old file's blocks then — outside the directory
    /// lock the rename holds, where on a filesystem mounted with <c>discard</c> the wait would stall every other
    /// create and rename in the folder.
    /// </summary>
    public static Stream OpenRead(string path, out SafeFileHandle? held, int inMemoryLimit = InMemoryLimit)
    {
        // A bare handle: no stream buffer to allocate and copy through, one read of exactly the file's bytes.
        // FileShare.Delete lets the file be replaced while the handle is open on Windows too.
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length > inMemoryLimit)
            {
                held = null;
                return new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
            }

            // Every byte the stream exposes is overwritten by the read, so the array need not be zeroed first.
            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            var read = ReadAll(handle, bytes);
            held = handle;
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
