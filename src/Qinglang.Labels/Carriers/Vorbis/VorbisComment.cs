using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Labels.Carriers.Vorbis;

/// <summary>
/// A Vorbis comment structure (Vorbis I spec §5): vendor string and a list of <c>NAME=value</c> entries, each with a
/// 32-bit little-endian length. FLAC's VORBIS_COMMENT block and the Ogg Vorbis/Opus comment headers share it.
/// Entries are kept as raw bytes so every comment other than the label is written back exactly as it was read.
/// </summary>
internal sealed class VorbisComment
{
    /// <summary>The field name the TC260 guide gives for the label (matched case-insensitively, as Vorbis names are).</summary>
    public const string LabelField = "AIGC";

    private VorbisComment(byte[] vendor, List<byte[]> entries, byte[] trailing)
    {
        Vendor = vendor;
        Entries = entries;
        Trailing = trailing;
    }

    public byte[] Vendor { get; }

    public List<byte[]> Entries { get; }

    /// <summary>Bytes after the entry list (Vorbis framing bit, Opus padding/extension data), carried over unchanged.</summary>
    public byte[] Trailing { get; }

    public static VorbisComment Empty(string vendor) => new(Encoding.UTF8.GetBytes(vendor), [], []);

    /// <summary>Parses a comment structure; every length is checked against the bytes actually there.</summary>
    public static VorbisComment Parse(ReadOnlySpan<byte> data, string what)
    {
        var rest = data;
        var vendor = Take(ref rest, what, "vendor string");
        var count = ReadLength(ref rest, what, "comment count");
        // Each entry needs at least its 4-byte length, so a count above rest/4 is a lie we can refuse before looping.
        if (count > rest.Length / 4)
        {
            throw new ContainerFormatException($"{what} claims {count} comments but has room for at most {rest.Length / 4}");
        }

        var entries = new List<byte[]>((int)count);
        for (var i = 0; i < count; i++)
        {
            entries.Add(Take(ref rest, what, $"comment {i}"));
        }

        return new VorbisComment(vendor, entries, rest.ToArray());
    }

    /// <summary>The raw values of every entry named <see cref="LabelField"/>, with their index in the list.</summary>
    public IEnumerable<(int Index, string Value)> LabelValues()
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (TryLabelValue(Entries[i]) is { } value)
            {
                yield return (i, value);
            }
        }
    }

    /// <summary>
    /// A copy with exactly one label entry holding <paramref name="json"/> (none when null): it takes the place of the
    /// first old label entry (or goes last), every other old label entry is dropped, everything else is kept byte for byte.
    /// </summary>
    public VorbisComment WithLabel(string? json)
    {
        var entry = json is null ? null : Encoding.UTF8.GetBytes($"{LabelField}={json}");
        var entries = new List<byte[]>(Entries.Count + 1);
        var placed = false;
        foreach (var old in Entries)
        {
            if (TryLabelValue(old) is null)
            {
                entries.Add(old);
            }
            else if (!placed && entry is not null)
            {
                entries.Add(entry);
                placed = true;
            }
        }

        if (!placed && entry is not null)
        {
            entries.Add(entry);
        }

        return new VorbisComment(Vendor, entries, Trailing);
    }

    /// <summary>Encodes the structure, optionally after a packet prefix (e.g. <c>\x03vorbis</c> or <c>OpusTags</c>).</summary>
    public byte[] Encode(ReadOnlySpan<byte> prefix = default)
    {
        var length = prefix.Length + 4 + Vendor.Length + 4 + Entries.Sum(e => 4L + e.Length) + Trailing.Length;
        if (length > int.MaxValue / 2)
        {
            throw new LabelingException(Model.ProblemCodes.ContainerCorrupt, "the comment block would be too large to write");
        }

        var data = new byte[length];
        var span = data.AsSpan();
        prefix.CopyTo(span);
        var at = prefix.Length;
        Put(span, ref at, Vendor);
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)Entries.Count);
        at += 4;
        foreach (var entry in Entries)
        {
            Put(span, ref at, entry);
        }

        Trailing.CopyTo(span[at..]);
        return data;
    }

    private static string? TryLabelValue(byte[] entry)
    {
        var equals = Array.IndexOf(entry, (byte)'=');
        if (equals != LabelField.Length)
        {
            return null;
        }

        var name = Encoding.ASCII.GetString(entry, 0, equals);
        return name.Equals(LabelField, StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetString(entry, equals + 1, entry.Length - equals - 1) : null;
    }

    private static void Put(Span<byte> span, ref int at, byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], (uint)bytes.Length);
        bytes.CopyTo(span[(at + 4)..]);
        at += 4 + bytes.Length;
    }

    private static uint ReadLength(ref ReadOnlySpan<byte> rest, string what, string field)
    {
        if (rest.Length < 4)
        {
            throw new ContainerFormatException($"{what} ends inside its {field}");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        rest = rest[4..];
        return value;
    }

    private static byte[] Take(ref ReadOnlySpan<byte> rest, string what, string field)
    {
        var length = ReadLength(ref rest, what, $"{field} length");
        if (length > rest.Length)
        {
            throw new ContainerFormatException($"{what}: {field} claims {length} bytes but only {rest.Length} remain");
        }

        var bytes = rest[..(int)length].ToArray();
        rest = rest[(int)length..];
        return bytes;
    }
}
