using System.Buffers.Binary;
using System.Numerics;

namespace Qinglang.Similarity.Index;

/// <summary>CRC-32C (Castagnoli) over bytes; hardware-accelerated by <see cref="BitOperations.Crc32C(uint, ulong)"/> where available.</summary>
internal static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= 8)
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            state = BitOperations.Crc32C(state, b);
        }

        return ~state;
    }
}
