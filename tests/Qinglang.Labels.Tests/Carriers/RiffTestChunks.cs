using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>One chunk as the tests' own RIFF walker sees it (independent of the carriers' walker).</summary>
public sealed record TestChunk(string Id, int Offset, int Size, string? ListType)
{
    public int End => Offset + 8 + Size + (Size & 1);
}

/// <summary>
/// Test-side RIFF helpers: a minimal walker written from the RIFF specification to check what the carriers wrote,
/// byte surgery to build the odd files ffmpeg does not make, and exiftool's view of unknown RIFF chunks.
/// </summary>
public static class RiffTestChunks
{
    /// <summary>The top-level children of the first RIFF chunk; asserts every size fits and the RIFF size is right.</summary>
    public static List<TestChunk> Children(byte[] bytes, bool riffSizeIsFileSize = true)
    {
        var riffSize = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (riffSizeIsFileSize)
        {
            Assert.Equal(bytes.Length - 8, riffSize);
        }

        return Walk(bytes, 12, 8 + riffSize);
    }

    public static List<TestChunk> Walk(byte[] bytes, int start, int end)
    {
        var chunks = new List<TestChunk>();
        var at = start;
        while (at + 8 <= end)
        {
            var id = Encoding.ASCII.GetString(bytes, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var chunk = new TestChunk(id, at, size, id is "LIST" or "RIFF" ? Encoding.ASCII.GetString(bytes, at + 8, 4) : null);
            Assert.True(chunk.End <= end, $"{id} at {at} runs past its parent");
            chunks.Add(chunk);
            at = chunk.End;
        }

        Assert.Equal(end, at);
        return chunks;
    }

    public static byte[] Data(byte[] bytes, TestChunk chunk) => bytes[(chunk.Offset + 8)..(chunk.Offset + 8 + chunk.Size)];

    public static byte[] Chunk(string id, byte[] data)
    {
        var chunk = new byte[8 + data.Length + (data.Length & 1)];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)data.Length);
        data.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] List(string type, params byte[][] children) => Chunk("LIST", [.. Encoding.ASCII.GetBytes(type), .. children.SelectMany(c => c)]);

    /// <summary>Replaces bytes [start, end) with <paramref name="replacement"/> and fixes the first RIFF size.</summary>
    public static byte[] Splice(byte[] bytes, int start, int end, byte[] replacement, bool fixRiffSize = true)
    {
        byte[] result = [.. bytes[..start], .. replacement, .. bytes[end..]];
        if (fixRiffSize)
        {
            var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(result.AsSpan(4));
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(riffSize + replacement.Length - (end - start)));
        }

        return result;
    }

    /// <summary>Values exiftool extracts (with -b) from tags whose name contains AIGC, e.g. RIFF:Unknown_AIGC.</summary>
    public static List<string> ExiftoolAigcValues(string path)
    {
        var json = Tool.Run("exiftool", "-j", "-b", "-u", "-a", "-G1", path).EnsureSuccess("exiftool").Stdout;
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement[0].EnumerateObject()
            .Where(p => p.Name.Contains("AIGC", StringComparison.Ordinal))
            .Select(p => p.Value.ValueKind == JsonValueKind.String ? FromExiftool(p.Value.GetString()!) : p.Value.GetRawText())];
    }

    /// <summary>
    /// An Adobe-style <c>_PMX</c> chunk: an XMP packet made by exiftool (dc:creator Alice) with a TC260:AIGC property added.
    /// </summary>
    public static byte[] XmpChunkWithLabel(string folder, string labelJson)
    {
        var sidecar = Path.Combine(folder, "side.xmp");
        Tool.Run("exiftool", "-q", "-XMP-dc:Creator=Alice", "-o", sidecar).EnsureSuccess("exiftool");
        return Chunk("_PMX", Xmp.XmpLabel.Merge(File.ReadAllBytes(sidecar), labelJson, padding: 0));
    }

    /// <summary>
    /// exiftool prints binary values holding non-text bytes as base64; for an odd-sized top-level WAV chunk it reads
    /// the pad byte too, so the value shows up that way.
    /// </summary>
    private static string FromExiftool(string value) =>
        value.StartsWith("base64:", StringComparison.Ordinal) ? Encoding.UTF8.GetString(Convert.FromBase64String(value["base64:".Length..])) : value;

    public static JsonElement ExiftoolTags(string path, params string[] tags)
    {
        var json = Tool.Run("exiftool", ["-j", "-n", .. tags, path]).EnsureSuccess("exiftool").Stdout;
        return JsonDocument.Parse(json).RootElement[0].Clone();
    }
}
