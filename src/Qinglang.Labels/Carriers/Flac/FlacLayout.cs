using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Flac;

/// <summary>
/// The new metadata area of a FLAC file as a list of parts: fresh bytes (block headers, the rewritten comment block,
/// padding) or ranges copied from the original. When every copied range keeps its offset and the area keeps its size,
/// the audio frames do not move and the fresh parts can be written over the original in place.
/// </summary>
internal sealed class FlacLayout
{
    private readonly List<Part> _parts = [];

    public long Length { get; private set; }

    public void AddBytes(byte[] bytes)
    {
        _parts.Add(new Part(Length, bytes, -1, bytes.Length));
        Length += bytes.Length;
    }

    public void AddCopy(long sourceOffset, long length)
    {
        _parts.Add(new Part(Length, null, sourceOffset, length));
        Length += length;
    }

    /// <summary>True when this layout, placed at <paramref name="start"/>, fits exactly where the old one was.</summary>
    public bool FitsInPlace(long start, long oldLength) =>
        Length == oldLength && _parts.All(p => p.Bytes is not null || p.SourceOffset == start + p.Offset);

    public void CopyTo(Stream input, Stream output)
    {
        foreach (var part in _parts)
        {
            if (part.Bytes is not null)
            {
                output.Write(part.Bytes);
            }
            else
            {
                input.Position = part.SourceOffset;
                input.CopyRange(output, part.Length, "FLAC metadata block");
            }
        }
    }

    /// <summary>
    /// For a layout that <see cref="FitsInPlace"/>: writes the span from the first to the last fresh part (unchanged
    /// bytes between them read back from the file) in one write, so the edit is a single small overwrite.
    /// Returns false, having written nothing, when that span is larger than <paramref name="maxSpan"/>.
    /// </summary>
    public bool TryWriteInPlace(Stream file, long start, int maxSpan)
    {
        var fresh = _parts.Where(p => p.Bytes is not null).ToList();
        if (fresh.Count == 0)
        {
            return true;
        }

        var from = fresh[0].Offset;
        var to = fresh[^1].Offset + fresh[^1].Length;
        if (to - from > maxSpan)
        {
            return false;
        }

        var span = new byte[to - from];
        foreach (var part in _parts.Where(p => p.Offset < to && p.Offset + p.Length > from))
        {
            if (part.Bytes is not null)
            {
                part.Bytes.CopyTo(span, part.Offset - from);
            }
            else
            {
                file.Position = part.SourceOffset;
                file.ReadFully(span.AsSpan((int)(part.Offset - from), (int)part.Length), "FLAC metadata block");
            }
        }

        file.Position = start + from;
        file.Write(span);
        return true;
    }

    private sealed record Part(long Offset, byte[]? Bytes, long SourceOffset, long Length);
}
