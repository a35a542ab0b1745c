using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Qinglang.Similarity.Index;

/// <summary>
/// Ordinal → record-log offset, which ordinals are live (a replaced document is dead), and id → ordinal. Sealed
/// part persisted as <c>documents-G.bin</c> (a <see cref="CheckedFile"/>): u64 N, N × u64 offsets (bit 63 = dead),
/// u64 L, L × u64 id hashes (sorted), L × u32 ordinals. Documents added since the seal live in memory only and are
/// replayed from the log on open.
/// </summary>
internal sealed class DocumentTable
{
    public const uint Version = 1;
    private const ulong DeadBit = 1UL << 63;

    private long[] _offsets;
    private ulong[] _sealedIdHashes;
    private int[] _sealedIdOrdinals;
    private readonly Dictionary<ulong, int> _recentIds = [];

    private DocumentTable(long[] offsets, int count, ulong[] idHashes, int[] idOrdinals)
    {
        _offsets = offsets;
        Count = count;
        SealedCount = count;
        _sealedIdHashes = idHashes;
        _sealedIdOrdinals = idOrdinals;
        LiveCount = idHashes.Length;
    }

    public static ReadOnlySpan<byte> Magic => "QLSIMDOC"u8;

    /// <summary>Ordinals assigned so far (live and dead).</summary>
    public int Count { get; private set; }

    public int SealedCount { get; private set; }

    public int LiveCount { get; private set; }

    public static DocumentTable Empty() => new(new long[1024], 0, [], []);

    public static DocumentTable Load(string path)
    {
        var length = CheckedFile.Verify(path, Magic, Version);
        var body = File.ReadAllBytes(path).AsSpan(CheckedFile.HeaderSize);
        if (length < 16)
        {
            throw new IndexCorruptException(path, "document table too short");
        }

        var count = BinaryPrimitives.ReadUInt64LittleEndian(body);
        if (count > int.MaxValue || 8 + (count * 8) + 8 > (ulong)length)
        {
            throw new IndexCorruptException(path, $"document count {count} does not fit the file");
        }

        var n = (int)count;
        var offsets = new long[Math.Max(1024, n)];
        MemoryMarshal.Cast<byte, long>(body.Slice(8, n * 8)).CopyTo(offsets);
        var rest = body[(8 + (n * 8))..];
        var live = BinaryPrimitives.ReadUInt64LittleEndian(rest);
        if (live > count || (ulong)rest.Length != 8 + (live * 12))
        {
            throw new IndexCorruptException(path, $"id index of {live} entries does not fit the file");
        }

        var l = (int)live;
        var hashes = MemoryMarshal.Cast<byte, ulong>(rest.Slice(8, l * 8)).ToArray();
        var ordinals = MemoryMarshal.Cast<byte, int>(rest.Slice(8 + (l * 8), l * 4)).ToArray();
        foreach (var ordinal in ordinals)
        {
            if ((uint)ordinal >= count)
            {
                throw new IndexCorruptException(path, $"id index names ordinal {ordinal} of {count}");
            }
        }

        return new DocumentTable(offsets, n, hashes, ordinals);
    }

    public long OffsetOf(int ordinal) => _offsets[ordinal] & (long)~DeadBit;

    public bool IsLive(int ordinal) => (uint)ordinal < (uint)Count && (_offsets[ordinal] & unchecked((long)DeadBit)) == 0;

    /// <summary>The ordinal recorded for <paramref name="idHash"/>, or -1. Callers confirm the id on the record.</summary>
    public int Find(ulong idHash)
    {
        if (_recentIds.TryGetValue(idHash, out var recent))
        {
            return recent;
        }

        var at = Array.BinarySearch(_sealedIdHashes, idHash);
        return at >= 0 && IsLive(_sealedIdOrdinals[at]) ? _sealedIdOrdinals[at] : -1;
    }

    /// <summary>Assigns the next ordinal to a record at <paramref name="offset"/>; <paramref name="replaces"/> (or -1) dies.</summary>
    public int Append(long offset, ulong idHash, int replaces)
    {
        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
        }

        if (replaces >= 0 && IsLive(replaces))
        {
            _offsets[replaces] |= unchecked((long)DeadBit);
            LiveCount--;
        }

        _offsets[Count] = offset;
        _recentIds[idHash] = Count;
        LiveCount++;
        return Count++;
    }

    /// <summary>Writes every ordinal as the next sealed table; the in-memory view becomes all sealed.</summary>
    public void Seal(string path)
    {
        var ids = new List<(ulong Hash, int Ordinal)>(LiveCount);
        for (var i = 0; i < _sealedIdHashes.Length; i++)
        {
            if (IsLive(_sealedIdOrdinals[i]) && !_recentIds.ContainsKey(_sealedIdHashes[i]))
            {
                ids.Add((_sealedIdHashes[i], _sealedIdOrdinals[i]));
            }
        }

        foreach (var (hash, ordinal) in _recentIds)
        {
            if (IsLive(ordinal))
            {
                ids.Add((hash, ordinal));
            }
        }

        ids.Sort();
        var hashes = ids.Select(i => i.Hash).ToArray();
        var ordinals = ids.Select(i => i.Ordinal).ToArray();
        CheckedFile.Write(path, Magic, Version, body =>
        {
            var number = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(number, (ulong)Count);
            body.Write(number);
            body.Write(MemoryMarshal.AsBytes(_offsets.AsSpan(0, Count)));
            BinaryPrimitives.WriteUInt64LittleEndian(number, (ulong)ids.Count);
            body.Write(number);
            body.Write(MemoryMarshal.AsBytes(hashes.AsSpan()));
            body.Write(MemoryMarshal.AsBytes(ordinals.AsSpan()));
        });
        _sealedIdHashes = hashes;
        _sealedIdOrdinals = ordinals;
        _recentIds.Clear();
        SealedCount = Count;
        LiveCount = ids.Count;
    }
}
