namespace Qinglang.Labels.Writing;

/// <summary>
/// One memory stream per thread to build small labeled files in: a batch of a thousand files would otherwise
/// allocate, zero and grow a fresh buffer for each. Buffers above a megabyte are not kept, so one large file does
/// not pin its size in memory for the rest of the batch.
/// </summary>
internal static class BuildBuffer
{
    private const int KeepAtMost = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? _kept;

    /// <summary>An empty stream with at least <paramref name="capacity"/> bytes of room; give it back with <see cref="Return"/>.</summary>
    public static MemoryStream Rent(int capacity)
    {
        var stream = _kept ?? new MemoryStream(capacity);
        _kept = null;
        stream.SetLength(0);
        if (stream.Capacity < capacity)
        {
            stream.Capacity = capacity;
        }

        return stream;
    }

    public static void Return(MemoryStream stream)
    {
        if (stream.Capacity <= KeepAtMost)
        {
            _kept = stream;
        }
    }
}
