using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Qinglang.Labels.Tests.Carriers.Pdf;

/// <summary>What goes into a test PDF besides its one page of text.</summary>
public sealed record MinimalPdfParts
{
    /// <summary>Extra entries of the Info dictionary, in PDF syntax, e.g. <c>/AIGC (…)</c>.</summary>
    public string InfoExtra { get; init; } = "";

    /// <summary>An XMP packet for the catalog's /Metadata stream, or null for none.</summary>
    public string? Xmp { get; init; }

    /// <summary>Whitespace appended to the object stream's data so it inflates to this many bytes (a Flate bomb).</summary>
    public int ObjectStreamPadding { get; init; }

    /// <summary>The trailer's /Prev points at its own section (a cycle).</summary>
    public bool PrevCycle { get; init; }

    /// <summary>
    /// For <see cref="MinimalPdf.Compressed"/>: a hybrid file (§7.5.8.4) whose classic table lists the objects outside
    /// the object stream and whose trailer's /XRefStm points at the cross-reference stream.
    /// </summary>
    public bool Hybrid { get; init; }

    /// <summary>Further objects for <see cref="MinimalPdf.Classic"/>, numbered from 10 on (PDF syntax).</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];

    /// <summary>Leave out the Info dictionary (and the trailer's /Info).</summary>
    public bool NoInfo { get; init; }
}

/// <summary>
/// Writes small, valid PDFs for tests (ISO 32000-1 §7.5): one page that shows "Hello Qinglang", an Info dictionary
/// (Title, Author), optionally XMP; either with a classic cross-reference table, or with the Info dictionary and the
/// page tree inside a Flate object stream and a Flate cross-reference stream using the PNG Up predictor.
/// </summary>
public static class MinimalPdf
{
    public const string PageText = "Hello Qinglang";

    private const string Catalog = "<< /Type /Catalog /Pages 2 0 R{0} >>";
    private const string Pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    private const string Page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>";
    private const string Font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    private const string Info = "<< /Title (Sunset) /Author (Alice) /Producer (Qinglang test builder){0} >>";
    private const int RowLength = 5;
    private const string Id = "/ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";

    public static byte[] Classic(MinimalPdfParts? parts = null)
    {
        parts ??= new MinimalPdfParts();
        var file = new Output();
        var offsets = new SortedDictionary<int, long>();
        foreach (var (number, body) in Bodies(parts).Concat(parts.Extra.Select((e, i) => (10 + i, (object)e))))
        {
            offsets[number] = file.Length;
            file.Object(number, body);
        }

        var xref = file.Length;
        var size = offsets.Keys.Max() + 1;
        file.Text($"xref\n0 {size}\n0000000000 65535 f\r\n");
        for (var n = 1; n < size; n++)
        {
            file.Text(offsets.TryGetValue(n, out var at) ? $"{at:D10} 00000 n\r\n" : "0000000000 00000 f\r\n");
        }

        var prev = parts.PrevCycle ? $" /Prev {xref}" : "";
        var info = parts.NoInfo ? "" : " /Info 6 0 R";
        file.Text($"trailer\n<< /Size {size} /Root 1 0 R{info} {Id}{prev} >>\nstartxref\n{xref}\n%%EOF\n");
        return file.ToArray();
    }

    /// <summary>Objects 1, 2, 3, 5 and 6 (Info) in object stream 8; cross-reference stream 9 with /W [1 3 1].</summary>
    public static byte[] Compressed(MinimalPdfParts? parts = null)
    {
        parts ??= new MinimalPdfParts();
        var file = new Output();
        var inFile = new SortedDictionary<int, long>();
        var packed = new List<(int Number, string Body)>();
        foreach (var (number, body) in Bodies(parts))
        {
            if (body is string text && !text.Contains("stream", StringComparison.Ordinal))
            {
                packed.Add((number, text));
            }
            else
            {
                inFile[number] = file.Length;
                file.Object(number, body);
            }
        }

        var header = new StringBuilder();
        var objects = new StringBuilder();
        foreach (var (number, body) in packed)
        {
            header.Append($"{number} {objects.Length} ");
            objects.Append(body).Append('\n');
        }

        var data = Encoding.ASCII.GetBytes(header.ToString() + objects);
        var first = header.Length;
        if (parts.ObjectStreamPadding > data.Length)
        {
            data = [.. data, .. Enumerable.Repeat((byte)' ', parts.ObjectStreamPadding - data.Length)];
        }

        inFile[8] = file.Length;
        file.Stream(8, $"/Type /ObjStm /N {packed.Count} /First {first} /Filter /FlateDecode", Deflate(data));

        // Rows: type (1 byte), field 2 (3 bytes), field 3 (1 byte), for objects 0..9; each PNG row starts with filter 2 (Up).
        const int size = 10;
        var xrefOffset = file.Length;
        inFile[9] = xrefOffset;
        var rows = new byte[size * RowLength];
        for (var n = 0; n < size; n++)
        {
            var index = packed.FindIndex(p => p.Number == n);
            if (index >= 0)
            {
                Row(rows, n, 2, 8, index);
            }
            else if (inFile.TryGetValue(n, out var at))
            {
                Row(rows, n, 1, checked((int)at), 0);
            }
            else
            {
                Row(rows, n, 0, 0, n == 0 ? 255 : 0);
            }
        }

        var predicted = new byte[size * (RowLength + 1)];
        for (var n = 0; n < size; n++)
        {
            predicted[n * (RowLength + 1)] = 2;
            for (var i = 0; i < RowLength; i++)
            {
                var above = n == 0 ? 0 : rows[((n - 1) * RowLength) + i];
                predicted[(n * (RowLength + 1)) + 1 + i] = (byte)(rows[(n * RowLength) + i] - above);
            }
        }

        var prev = parts.PrevCycle ? $" /Prev {xrefOffset}" : "";
        var info = parts.NoInfo ? "" : " /Info 6 0 R";
        file.Stream(9, $"/Type /XRef /Size {size} /W [1 3 1] /Root 1 0 R{info} {Id}{prev} /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 5 >>", Deflate(predicted));
        if (!parts.Hybrid)
        {
            file.Text($"startxref\n{xrefOffset}\n%%EOF\n");
            return file.ToArray();
        }

        var tableOffset = file.Length;
        file.Text("xref\n0 1\n0000000000 65535 f\r\n");
        foreach (var (number, at) in inFile)
        {
            file.Text($"{number} 1\n{at:D10} 00000 n\r\n");
        }

        file.Text($"trailer\n<< /Size {size} /Root 1 0 R{info} {Id} /XRefStm {xrefOffset} >>\nstartxref\n{tableOffset}\n%%EOF\n");
        return file.ToArray();
    }

    public static string Write(string path, byte[] pdf)
    {
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>The objects: string bodies, or (dictionary entries, data) for streams.</summary>
    private static IEnumerable<(int Number, object Body)> Bodies(MinimalPdfParts parts)
    {
        yield return (1, string.Format(System.Globalization.CultureInfo.InvariantCulture, Catalog, parts.Xmp is null ? "" : " /Metadata 7 0 R"));
        yield return (2, Pages);
        yield return (3, Page);
        yield return (4, ("", Encoding.ASCII.GetBytes($"BT /F1 18 Tf 20 50 Td ({PageText}) Tj ET")));
        yield return (5, Font);
        if (!parts.NoInfo)
        {
            yield return (6, string.Format(System.Globalization.CultureInfo.InvariantCulture, Info, parts.InfoExtra.Length > 0 ? " " + parts.InfoExtra : ""));
        }

        if (parts.Xmp is { } xmp)
        {
            yield return (7, ("/Type /Metadata /Subtype /XML", Encoding.UTF8.GetBytes(xmp)));
        }
    }

    private static void Row(byte[] rows, int n, byte type, int second, int third)
    {
        var at = n * RowLength;
        rows[at] = type;
        Span<byte> wide = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(wide, second);
        wide[1..].CopyTo(rows.AsSpan(at + 1));
        rows[at + 4] = (byte)third;
    }

    public static byte[] Deflate(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private sealed class Output
    {
        private readonly MemoryStream _bytes = new();

        public Output() => _bytes.Write([.. "%PDF-1.5\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);

        public long Length => _bytes.Length;

        public void Text(string text) => _bytes.Write(Encoding.ASCII.GetBytes(text));

        public void Object(int number, object body)
        {
            if (body is (string entries, byte[] data))
            {
                Stream(number, entries, data);
            }
            else
            {
                Text($"{number} 0 obj\n{body}\nendobj\n");
            }
        }

        public void Stream(int number, string entries, byte[] data)
        {
            Text($"{number} 0 obj\n<< {entries} /Length {data.Length} >>\nstream\n");
            _bytes.Write(data);
            Text("\nendstream\nendobj\n");
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
