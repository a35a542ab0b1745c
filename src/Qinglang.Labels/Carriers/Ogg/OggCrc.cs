namespace Qinglang.Labels.Carriers.Ogg;

/// <summary>
/// The Ogg page checksum (RFC 3533 §6): CRC-32 with polynomial 0x04C11DB7, not reflected, initial value 0, no final
/// xor — a different CRC from the zip/PNG one in <see cref="IO.Crc32"/>. Computed over the page with its CRC field zero.
/// </summary>
internal static class OggCrc
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            crc = (crc << 8) ^ table[(int)(((crc >> 24) ^ b) & 0xFF)];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
