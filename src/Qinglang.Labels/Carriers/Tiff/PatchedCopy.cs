using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>
/// Streams a whole file to the output while replacing a few byte ranges with same-length patches, so small edits
/// (an offset, a count, a blanked value) never shift or buffer the image data around them.
/// </summary>
internal sealed class PatchedCopy
{
    private readonly SortedList<long, byte[]> _patches = [];

    /// <summary>Replaces the bytes at <paramref name="offset"/> with <paramref name="bytes"/> (same length).</summary>
    public void Add(long offset, byte[] bytes)
    {
        if (bytes.Length > 0 && !_patches.TryAdd(offset, bytes))
        {
            throw new ContainerFormatException("two TIFF values claim the same bytes", offset);
        }
    }

    public void CopyTo(Stream input, Stream output)
    {
        input.Position = 0;
        var position = 0L;
        foreach (var (offset, bytes) in _patches)
        {
            if (offset < position || offset + bytes.Length > input.Length)
            {
                throw new ContainerFormatException("TIFF structures overlap the value being replaced", offset);
            }

            input.CopyRange(output, offset - position, "TIFF data");
            output.Write(bytes);
            position = offset + bytes.Length;
            input.Position = position;
        }

        input.CopyRest(output);
    }
}
