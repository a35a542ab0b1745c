using System.Buffers.Binary;
using System.Text;
using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>Builds RIFF chunks and writes a copy of a file with patches applied, streaming everything between them.</summary>
internal static class RiffWriter
{
    /// <summary>A chunk: id, little-endian size, data, and a zero pad byte when the size is odd.</summary>
    public static byte[] Chunk(string id, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[8 + data.Length + (data.Length & 1)];
        WriteHeader(bytes, id, (uint)data.Length);
        data.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    /// <summary>A <c>LIST</c> chunk of <paramref name="listType"/> holding already-built child chunks.</summary>
    public static byte[] List(string listType, IEnumerable<byte[]> children)
    {
        var body = new MemoryStream();
        body.Write(Encoding.ASCII.GetBytes(listType));
        foreach (var child in children)
        {
            body.Write(child);
        }

        return Chunk("LIST", body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    /// <summary>A zero-filled <c>JUNK</c> chunk whose total length (header included) is <paramref name="totalLength"/>.</summary>
    public static byte[] Junk(long totalLength)
    {
        if (totalLength < 8 || (totalLength & 1) == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalLength), totalLength, "a JUNK chunk takes an even length of at least 8");
        }

        var bytes = new byte[totalLength];
        WriteHeader(bytes, "JUNK", (uint)(totalLength - 8));
        return bytes;
    }

    /// <summary>A 32-bit little-endian size field, refusing sizes a plain RIFF chunk cannot hold.</summary>
    public static byte[] Size32(long size)
    {
        if (size is < 0 or > uint.MaxValue)
        {
            throw new LabelingException(Model.ProblemCodes.Unsupported, $"the labeled file would need a RIFF size of {size} bytes, more than 32 bits hold");
        }

        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)size);
        return bytes;
    }

    /// <summary>
    /// Copies <paramref name="input"/> to <paramref name="output"/> with <paramref name="patches"/> applied. Patches must
    /// not overlap; the bytes between them are streamed, never held in memory.
    /// </summary>
    public static void Splice(Stream input, Stream output, IEnumerable<RiffPatch> patches)
    {
        var position = 0L;
        foreach (var patch in patches.OrderBy(p => p.Start).ThenBy(p => p.End))
        {
            if (patch.Start < position || patch.End < patch.Start || patch.End > input.Length)
            {
                throw new InvalidOperationException($"RIFF patches overlap or run past the file at {patch.Start}");
            }

            input.Position = position;
            input.CopyRange(output, patch.Start - position, "chunk data");
            output.Write(patch.Bytes);
            position = patch.End;
        }

        input.Position = position;
        input.CopyRest(output);
    }

    private static void WriteHeader(Span<byte> destination, string id, uint size)
    {
        Encoding.ASCII.GetBytes(id, destination[..4]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], size);
    }
}
