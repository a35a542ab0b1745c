using Qinglang.Labels.IO;

namespace Qinglang.Review.Metadata;

/// <summary>
/// One file opened once for identification, through the Labels file source: up to
/// <see cref="MetadataExtractor.MaxBytes"/> it is read whole with one read, and label inspection and trace metadata
/// parse the same bytes; a larger file stays open on disk for inspection and its first bytes are read for traces.
/// </summary>
internal sealed class UploadedFile : IDisposable
{
    private readonly Stream _stream;

    private UploadedFile(Stream stream, ReadOnlyMemory<byte> head)
    {
        _stream = stream;
        Length = stream.Length;
        Head = head;
    }

    /// <summary>The bytes read: the whole file, or its first <see cref="MetadataExtractor.MaxBytes"/>.</summary>
    public ReadOnlyMemory<byte> Head { get; }

    public long Length { get; }

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static UploadedFile Open(string path)
    {
        var stream = FileSource.OpenRead(path, MetadataExtractor.MaxBytes);
        try
        {
            if (stream is MemoryStream memory && memory.TryGetBuffer(out var whole))
            {
                return new UploadedFile(stream, whole);
            }

            var head = new byte[MetadataExtractor.MaxBytes];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return new UploadedFile(stream, head.AsMemory(0, read));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The whole file as a seekable stream for label inspection: the bytes already read when they are all of it,
    /// else the open file, since a label may lie past the first bytes (a moov at the end of a long movie).
    /// </summary>
    public Stream WholeFile()
    {
        _stream.Position = 0;
        return _stream;
    }

    public void Dispose() => _stream.Dispose();
}
