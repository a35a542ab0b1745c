using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Tests.Support;

/// <summary>Puts bytes into real container files the way each specification places them.</summary>
public static class Embed
{
    /// <summary>
    /// JPEG XT APP11 segments right after SOI: "JP", box instance 1, packet sequence 1…n; every packet after the first
    /// repeats the box's LBox/TBox and carries the next part of its payload.
    /// </summary>
    public static void JpegApp11(string jpeg, byte[] box, int packetPayload = 60_000)
    {
        var file = File.ReadAllBytes(jpeg);
        var header = box[..8];
        var segments = new List<byte>();
        var rest = box.AsSpan(8);
        uint sequence = 1;
        var first = true;
        while (first || rest.Length > 0)
        {
            var take = Math.Min(packetPayload, rest.Length);
            byte[] body = [(byte)'J', (byte)'P', 0, 1, .. BigEndian(sequence++, 4), .. header, .. rest[..take]];
            segments.AddRange([0xFF, 0xEB, .. BigEndian((uint)(body.Length + 2), 2), .. body]);
            rest = rest[take..];
            first = false;
        }

        File.WriteAllBytes(jpeg, [.. file[..2], .. segments, .. file[2..]]);
    }

    /// <summary>A PNG chunk inserted just before IEND (the file's last 12 bytes), with its CRC-32.</summary>
    public static void PngChunk(string png, string type, byte[] data)
    {
        var file = File.ReadAllBytes(png);
        Assert.Equal("IEND", Encoding.ASCII.GetString(file, file.Length - 8, 4));
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        byte[] chunk = [.. BigEndian((uint)data.Length, 4), .. typed, .. BigEndian(Crc32.Compute(typed), 4)];
        File.WriteAllBytes(png, [.. file[..^12], .. chunk, .. file[^12..]]);
    }

    /// <summary>A PNG tEXt chunk: Latin-1 keyword, NUL, text.</summary>
    public static void PngText(string png, string keyword, string text) =>
        PngChunk(png, "tEXt", [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.UTF8.GetBytes(text)]);

    /// <summary>A RIFF chunk appended to a WebP file, with the RIFF size updated.</summary>
    public static void RiffChunk(string riff, string id, byte[] data)
    {
        var file = File.ReadAllBytes(riff);
        byte[] chunk = [.. Encoding.ASCII.GetBytes(id), .. LittleEndian((uint)data.Length), .. data, .. (data.Length % 2 == 1 ? new byte[] { 0 } : [])];
        byte[] result = [.. file, .. chunk];
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        File.WriteAllBytes(riff, result);
    }

    /// <summary>The C2PA ISO-BMFF box appended at top level: uuid D8FEC3D6-…, version/flags, "manifest\0", merkle offset 0, JUMBF.</summary>
    public static void BmffC2pa(string mp4, byte[] jumbf)
    {
        var uuid = new byte[16];
        new Guid("d8fec3d6-1b0e-483c-9297-5828877ec481").TryWriteBytes(uuid, bigEndian: true, out _);
        byte[] body = [.. uuid, 0, 0, 0, 0, .. "manifest\0"u8, .. new byte[8], .. jumbf];
        byte[] box = [.. BigEndian((uint)(body.Length + 8), 4), .. "uuid"u8, .. body];
        File.WriteAllBytes(mp4, [.. File.ReadAllBytes(mp4), .. box]);
    }

    private static byte[] BigEndian(uint value, int size) => size == 2 ? [(byte)(value >> 8), (byte)value] : [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] LittleEndian(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
