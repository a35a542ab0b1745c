using System.Buffers;
using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;

namespace Qinglang.Similarity.Index;

/// <summary>
/// The sealed LSH postings (<c>postings-G.bin</c>): a <see cref="CheckedFile"/> whose body is a sorted array of u64
/// entries, each <c>bandKey32 &lt;&lt; 32 | ordinal</c>. A band key is looked up by binary search over the memory-mapped
/// file, so the postings of a million documents cost page cache, not heap. Rebuildable from the record log.
/// </summary>
internal sealed class PostingsFile : IDisposable
{
    public const uint Version = 1;

    private readonly MemoryMappedFile? _map;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly ulong[] _block = new ulong[FenceStep]; // lookups run on the index's one thread
    private readonly uint[] _fences;

    /// <summary>Every this many entries (256 bytes) the key is kept in memory: a lookup is a managed binary search plus one small block read.</summary>
    private const int FenceStep = 32;

    private PostingsFile(string path, long count, MemoryMappedFile? map, MemoryMappedViewAccessor? view)
    {
        Path = path;
        Count = count;
        _map = map;
        _view = view;
        _fences = new uint[(count + FenceStep - 1) / FenceStep];
        for (var i = 0; i < _fences.Length; i++)
        {
            _fences[i] = (uint)(view!.ReadUInt64((long)i * FenceStep * 8) >> 32);
        }
    }

    public static ReadOnlySpan<byte> Magic => "QLSIMPST"u8;

    public string Path { get; }

    public long Count { get; }

    public static PostingsFile Open(string path)
    {
        var length = CheckedFile.Verify(path, Magic, Version);
        if (length % 8 != 0)
        {
            throw new IndexCorruptException(path, $"body of {length} bytes is not a whole number of entries");
        }

        if (length == 0)
        {
            return new PostingsFile(path, 0, null, null);
        }

        var map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = map.CreateViewAccessor(CheckedFile.HeaderSize, length, MemoryMappedFileAccess.Read);
        return new PostingsFile(path, length / 8, map, view);
    }

    /// <summary>Writes sorted <paramref name="entries"/> atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<ulong> entries) => CheckedFile.Write(path, Magic, Version, body =>
    {
        var buffer = new byte[1 << 16];
        var used = 0;
        var previous = 0UL;
        foreach (var entry in entries)
        {
            if (entry < previous)
            {
                throw new InvalidOperationException("postings must be written in sorted order");
            }

            previous = entry;
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(used), entry);
            used += 8;
            if (used == buffer.Length)
            {
                body.Write(buffer);
                used = 0;
            }
        }

        body.Write(buffer.AsSpan(0, used));
    });

    public static ulong Entry(uint key, int ordinal) => ((ulong)key << 32) | (uint)ordinal;

    /// <summary>
    /// Adds the ordinals posted under <paramref name="key"/> to <paramref name="into"/>, unless there are more than
    /// <paramref name="limit"/> of them (then nothing is added and false returned).
    /// </summary>
    public bool Lookup(uint key, List<int> into, int limit = int.MaxValue)
    {
        if (_view is null)
        {
            return true;
        }

        // The run of key starts in the block before the first fence not below key (or in the first block).
        var fence = Array.BinarySearch(_fences, key);
        if (fence < 0)
        {
            fence = ~fence;
        }
        else
        {
            while (fence > 0 && _fences[fence - 1] == key)
            {
                fence--;
            }
        }

        var start = into.Count;
        for (var at = Math.Max(0, fence - 1) * (long)FenceStep; at < Count; at += FenceStep)
        {
            var read = _view.ReadArray(at * 8, _block, 0, (int)Math.Min(FenceStep, Count - at));
            for (var i = 0; i < read; i++)
            {
                var entryKey = (uint)(_block[i] >> 32);
                if (entryKey < key)
                {
                    continue;
                }

                if (entryKey > key)
                {
                    return true;
                }

                if (into.Count - start == limit)
                {
                    into.RemoveRange(start, into.Count - start);
                    return false;
                }

                into.Add((int)(uint)_block[i]);
            }
        }

        return true;
    }

    /// <summary>Every entry in order (for merging into the next generation).</summary>
    public IEnumerable<ulong> Entries()
    {
        if (_view is null)
        {
            yield break;
        }

        var chunk = ArrayPool<ulong>.Shared.Rent(8192);
        try
        {
            for (long i = 0; i < Count; i += 8192)
            {
                var n = (int)Math.Min(8192, Count - i);
                _view.ReadArray(i * 8, chunk, 0, n);
                for (var j = 0; j < n; j++)
                {
                    yield return chunk[j];
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(chunk);
        }
    }

    public void Dispose()
    {
        _view?.Dispose();
        _map?.Dispose();
    }
}
