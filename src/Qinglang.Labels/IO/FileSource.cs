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
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.RandomAccess);
        try
        {
            var length = file.Length;
            if (length > inMemoryLimit)
            {
                return file;
            }

            var bytes = new byte[length];
            var read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            file.Dispose();
            return new MemoryStream(bytes, 0, read, writable: false, publiclyVisible: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
