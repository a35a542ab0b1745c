using System.Buffers;
using Qinglang.Labels.Carriers;

namespace Qinglang.Labels.IO;

/// <summary>Bounded, length-checked reads and copies for carriers: a length field is checked against what is left.</summary>
public static class StreamExtensions
{
    private const int CopyBufferSize = 1 << 20;

    /// <summary>Bytes left between the position and the end.</summary>
    public static long Remaining(this Stream stream) => stream.Length - stream.Position;

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes or throws <see cref="ContainerFormatException"/>.</summary>
    public static void ReadFully(this Stream stream, Span<byte> buffer, string what)
    {
        var at = stream.Position;
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            throw new ContainerFormatException($"file ends inside {what}", at);
        }
    }

    /// <summary>
    /// Reads a block whose length came from the file: refused when longer than what is left or than
    /// <paramref name="max"/>, so a lying length field never causes a large allocation.
    /// </summary>
    public static byte[] ReadBlock(this Stream stream, long length, int max, string what)
    {
        if (length < 0 || length > stream.Remaining())
        {
            throw new ContainerFormatException($"{what} claims {length} bytes but only {stream.Remaining()} remain", stream.Position);
        }

        if (length > max)
        {
            throw new ContainerFormatException($"{what} is {length} bytes, more than the {max} this reader accepts", stream.Position);
        }

        var block = new byte[length];
        stream.ReadFully(block, what);
        return block;
    }

    /// <summary>Moves forward <paramref name="count"/> bytes, refusing to go past the end.</summary>
    public static void Skip(this Stream stream, long count, string what)
    {
        if (count < 0 || count > stream.Remaining())
        {
            throw new ContainerFormatException($"{what} claims {count} bytes but only {stream.Remaining()} remain", stream.Position);
        }

        stream.Seek(count, SeekOrigin.Current);
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes from the current position, with a pooled buffer.</summary>
    public static void CopyRange(this Stream source, Stream destination, long count, string what = "data")
    {
        if (count < 0 || (source.CanSeek && count > source.Remaining()))
        {
            throw new ContainerFormatException($"{what} claims {count} bytes but only {source.Remaining()} remain", source.Position);
        }

        count -= KernelCopy.TryCopy(source, destination, count);
        if (count == 0)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBufferSize, Math.Max(count, 1)));
        try
        {
            while (count > 0)
            {
                var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
                if (read == 0)
                {
                    throw new ContainerFormatException($"file ends inside {what}", source.Position);
                }

                destination.Write(buffer, 0, read);
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies from the current position to the end.</summary>
    public static void CopyRest(this Stream source, Stream destination) => source.CopyRange(destination, source.Remaining(), "trailing data");
}
