using System.Buffers.Binary;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>An object an incremental update (re)defines: a direct value, or a stream's dictionary and data.</summary>
internal sealed record PdfUpdatedObject(int Number, int Generation, PdfObject Value, byte[]? StreamData = null);

/// <summary>
/// Writes an incremental update (ISO 32000-1 §7.5.6) after the unchanged original bytes: the changed objects, then a
/// cross-reference section of the same kind as the file's newest one (a classic table, or an uncompressed
/// cross-reference stream), a trailer chained to the previous section by /Prev, and startxref.
/// </summary>
internal static class PdfIncrementalUpdate
{
    /// <param name="originalLength">Length of the original bytes the update follows.</param>
    /// <param name="originalEndsWithEol">False when the original's last byte is not an end of line.</param>
    /// <param name="trailer">The original's trailer entries (Root, ID, …); Size, Prev and the changed keys are set here.</param>
    /// <returns>The update's bytes, to be written right after the original's <paramref name="originalLength"/> bytes.</returns>
    public static byte[] Build(long originalLength, bool originalEndsWithEol, PdfXref xref, PdfDictionary trailer,
        int size, IReadOnlyList<KeyValuePair<string, PdfObject>> trailerChanges, IReadOnlyList<PdfUpdatedObject> objects)
    {
        var update = new MemoryStream();
        if (!originalEndsWithEol)
        {
            update.WriteByte((byte)'\n');
        }

        PdfSerializer.Ascii(update, PdfOwnUpdate.Marker + "\n");

        var offsets = new List<(int Number, int Generation, long Offset)>();
        foreach (var item in objects)
        {
            offsets.Add((item.Number, item.Generation, originalLength + update.Length));
            WriteObject(update, item);
        }

        var entries = new List<KeyValuePair<string, PdfObject>>();
        foreach (var entry in trailer.Entries)
        {
            if (entry.Key is not ("Size" or "Prev") && !trailerChanges.Any(c => c.Key == entry.Key))
            {
                entries.Add(entry);
            }
        }

        entries.AddRange(trailerChanges);
        entries.Add(new("Prev", PdfNumber.Of(xref.StartXref)));
        var xrefOffset = originalLength + update.Length;
        if (xref.LastSectionIsStream)
        {
            // The stream describes itself too, so it takes the next free object number.
            var streamNumber = size;
            offsets.Add((streamNumber, 0, xrefOffset));
            WriteXrefStream(update, streamNumber, size + 1, entries, offsets);
        }
        else
        {
            WriteXrefTable(update, size, entries, offsets);
        }

        PdfSerializer.Ascii(update, $"startxref\n{PdfSerializer.Integer(xrefOffset)}\n%%EOF\n");
        return update.ToArray();
    }

    private static void WriteObject(Stream output, PdfUpdatedObject item)
    {
        PdfSerializer.Ascii(output, $"{item.Number} {item.Generation} obj\n");
        PdfSerializer.Write(output, item.Value);
        if (item.StreamData is { } data)
        {
            PdfSerializer.Ascii(output, "\nstream\n");
            output.Write(data);
            PdfSerializer.Ascii(output, "\nendstream");
        }

        PdfSerializer.Ascii(output, "\nendobj\n");
    }

    private static void WriteXrefTable(Stream output, int size, List<KeyValuePair<string, PdfObject>> trailer, List<(int Number, int Generation, long Offset)> offsets)
    {
        PdfSerializer.Ascii(output, "xref\n");
        foreach (var run in Runs(offsets))
        {
            PdfSerializer.Ascii(output, $"{run[0].Number} {run.Count}\n");
            foreach (var (_, generation, offset) in run)
            {
                // Exactly 20 bytes per entry, ending in CR LF (§7.5.4).
                PdfSerializer.Ascii(output, $"{offset:D10} {generation:D5} n\r\n");
            }
        }

        PdfSerializer.Ascii(output, "trailer\n");
        PdfSerializer.Write(output, new PdfDictionary([new("Size", PdfNumber.Of(size)), .. trailer]));
        PdfSerializer.Ascii(output, "\n");
    }

    private static void WriteXrefStream(Stream output, int number, int size, List<KeyValuePair<string, PdfObject>> trailer, List<(int Number, int Generation, long Offset)> offsets)
    {
        var offsetWidth = Math.Max(4, (int)Math.Ceiling((64 - long.LeadingZeroCount(offsets.Max(o => o.Offset))) / 8.0));
        var rowLength = 1 + offsetWidth + 2;
        var data = new byte[offsets.Count * rowLength];
        var index = new List<PdfObject>();
        var row = 0;
        Span<byte> wide = stackalloc byte[8];
        foreach (var run in Runs(offsets))
        {
            index.Add(PdfNumber.Of(run[0].Number));
            index.Add(PdfNumber.Of(run.Count));
            foreach (var (_, generation, offset) in run)
            {
                var at = row++ * rowLength;
                data[at] = 1;
                BinaryPrimitives.WriteInt64BigEndian(wide, offset);
                wide[(8 - offsetWidth)..].CopyTo(data.AsSpan(at + 1));
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at + 1 + offsetWidth), (ushort)generation);
            }
        }

        var dictionary = new PdfDictionary(
        [
            new("Type", new PdfName("XRef")),
            new("Size", PdfNumber.Of(size)),
            new("Index", new PdfArray(index)),
            new("W", new PdfArray([PdfNumber.Of(1), PdfNumber.Of(offsetWidth), PdfNumber.Of(2)])),
            new("Length", PdfNumber.Of(data.Length)),
            .. trailer,
        ]);
        WriteObject(output, new PdfUpdatedObject(number, 0, dictionary, data));
    }

    /// <summary>Entries sorted by object number and cut into runs of consecutive numbers (one subsection each).</summary>
    private static List<List<(int Number, int Generation, long Offset)>> Runs(List<(int Number, int Generation, long Offset)> offsets)
    {
        var runs = new List<List<(int Number, int Generation, long Offset)>>();
        foreach (var entry in offsets.OrderBy(o => o.Number))
        {
            if (runs.Count > 0 && runs[^1][^1].Number + 1 == entry.Number)
            {
                runs[^1].Add(entry);
            }
            else
            {
                runs.Add([entry]);
            }
        }

        return runs;
    }
}
