using System.Buffers.Binary;
using System.Text;

namespace Qinglang.Review.Tests.Support;

/// <summary>
/// Builds JUMBF boxes from ISO/IEC 19566-5: a box is LBox (4 bytes) + TBox + payload; a superbox 'jumb' starts with a
/// 'jumd' description box: content-type UUID (16 bytes), toggles (0x03: requestable, label present), label + NUL.
/// </summary>
public static class JumbfBuilder
{
    /// <summary>C2PA content-type UUIDs: the 4-character code followed by 0011-0010-8000-00AA00389B71.</summary>
    public static Guid TypeUuid(string fourCc) => new(Encoding.ASCII.GetBytes(fourCc).Concat(Convert.FromHexString("0011001080000" + "0AA00389B71")).ToArray(), bigEndian: true);

    public static byte[] Box(string type, byte[] payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }

    public static byte[] Description(Guid contentType, string label)
    {
        var uuid = new byte[16];
        contentType.TryWriteBytes(uuid, bigEndian: true, out _);
        return Box("jumd", [.. uuid, 0x03, .. Encoding.UTF8.GetBytes(label), 0]);
    }

    public static byte[] Superbox(string fourCc, string label, params byte[][] children) =>
        Box("jumb", [.. Description(TypeUuid(fourCc), label), .. children.SelectMany(c => c)]);

    /// <summary>A CBOR assertion or claim: superbox of type 'cbor' holding one 'cbor' content box.</summary>
    public static byte[] CborSuperbox(string label, byte[] cbor) => Superbox("cbor", label, Box("cbor", cbor));
}
