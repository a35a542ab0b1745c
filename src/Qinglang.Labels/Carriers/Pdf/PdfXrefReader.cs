namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Follows the cross-reference chain from the last <c>startxref</c> (ISO 32000-1 §7.5.4–7.5.8): classic tables,
/// cross-reference streams, hybrid files (/XRefStm) and incremental updates (/Prev). A cycle or an endless chain is
/// refused; every count is checked against the bytes that could hold it.
/// </summary>
internal static class PdfXrefReader
{
    /// <summary>More sections than this is not a real file's update history.</summary>
    private const int MaxSections = 4096;

    /// <summary>Cap on an encoded or decoded cross-reference stream.</summary>
    public const int MaxStreamBytes = 32 << 20;

    /// <summary>startxref is searched for in this many bytes from the end (§7.5.5 puts it in the last lines).</summary>
    private const int TailSearch = 1024;

    public static PdfXref Read(PdfBytes bytes)
    {
        var startXref = FindStartXref(bytes);
        var xref = new PdfXref { StartXref = startXref };
        var parser = new PdfParser(bytes);
        var visited = new HashSet<long>();
        long? next = startXref;
        var first = true;
        while (next is { } offset)
        {
            if (!visited.Add(offset))
            {
                throw new ContainerFormatException($"cross-reference chain loops: /Prev leads back to the section at {offset}", offset);
            }

            if (visited.Count > MaxSections)
            {
                throw new ContainerFormatException($"cross-reference chain longer than {MaxSections} sections");
            }

            var (trailer, isStream) = ReadSection(bytes, parser, xref, offset);
            if (first)
            {
                xref.LastSectionIsStream = isStream;
                first = false;
            }

            if (!isStream && trailer["XRefStm"] is PdfNumber hybrid && hybrid.AsNonNegativeLong is { } streamOffset)
            {
                // Hybrid file (§7.5.8.4): the table's entries win, then the stream's, then older sections'.
                ReadStreamSection(bytes, parser, xref, streamOffset);
            }

            xref.MergeTrailer(trailer);
            next = trailer["Prev"] switch
            {
                null => null,
                PdfNumber { AsNonNegativeLong: { } prev } => prev,
                var other => throw new ContainerFormatException($"/Prev is {PdfObjectText.Describe(other)}, not an offset", offset),
            };
            if (visited.Count == 1)
            {
                xref.PreviousStartXref = next;
            }
        }

        if (xref.Trailer["Root"] is not PdfReference)
        {
            throw new ContainerFormatException("trailer has no /Root reference to the document catalog");
        }

        return xref;
    }

    /// <summary>The offset after the last <c>startxref</c> in the file's tail.</summary>
    public static long FindStartXref(PdfBytes bytes)
    {
        var from = Math.Max(0, bytes.Length - TailSearch);
        for (var at = bytes.Length - "startxref".Length; at >= from; at--)
        {
            if (bytes.Matches(at, "startxref"))
            {
                var parser = new PdfParser(bytes) { Position = at + "startxref".Length };
                var offset = parser.ReadNonNegative("the startxref offset");
                if (offset >= bytes.Length)
                {
                    throw new ContainerFormatException($"startxref {offset} points past the end of the file", at);
                }

                return offset;
            }
        }

        throw new ContainerFormatException("no startxref in the last 1024 bytes");
    }

    private static (PdfDictionary Trailer, bool IsStream) ReadSection(PdfBytes bytes, PdfParser parser, PdfXref xref, long offset)
    {
        if (offset < 0 || offset >= bytes.Length)
        {
            throw new ContainerFormatException($"cross-reference offset {offset} is outside the file");
        }

        parser.Position = offset;
        parser.SkipSpace();
        if (bytes.Matches(parser.Position, "xref"))
        {
            return (ReadTable(bytes, parser, xref), false);
        }

        return (ReadStreamSection(bytes, parser, xref, offset), true);
    }

    private static PdfDictionary ReadTable(PdfBytes bytes, PdfParser parser, PdfXref xref)
    {
        parser.Expect("xref");
        while (true)
        {
            parser.SkipSpace();
            if (bytes.Matches(parser.Position, "trailer"))
            {
                break;
            }

            var at = parser.Position;
            var start = parser.ReadNonNegative("a cross-reference subsection start");
            var count = parser.ReadNonNegative("a cross-reference subsection count");
            if (count > (bytes.Length - parser.Position) / 18 || start + count > int.MaxValue || xref.Entries.Count + count > PdfXref.MaxEntries)
            {
                throw new ContainerFormatException($"cross-reference subsection claims {count} entries from {start}, more than the file can hold", at);
            }

            for (var i = 0L; i < count; i++)
            {
                var entryAt = parser.Position;
                var offset = parser.ReadNonNegative("a cross-reference offset");
                var generation = parser.ReadNonNegative("a generation number");
                var kind = parser.ReadWord(1);
                var entry = kind switch
                {
                    "n" => new PdfXrefEntry(PdfXrefKind.InFile, offset, (int)Math.Min(generation, ushort.MaxValue)),
                    "f" => new PdfXrefEntry(PdfXrefKind.Free, 0, 0),
                    _ => throw new ContainerFormatException($"cross-reference entry type '{kind}' is neither n nor f", entryAt),
                };
                xref.AddIfAbsent((int)(start + i), entry);
            }
        }

        parser.Expect("trailer");
        return parser.ParseValue(0) as PdfDictionary ?? throw new ContainerFormatException("trailer is not a dictionary", parser.Position);
    }

    private static PdfDictionary ReadStreamSection(PdfBytes bytes, PdfParser parser, PdfXref xref, long offset)
    {
        // The stream's /Length must be direct here: resolving a reference would need the table being read.
        var found = parser.ParseIndirect(offset, length => length is PdfNumber n ? n.AsNonNegativeLong : null);
        if (found.Value is not PdfStream { Dictionary: var dictionary } stream || !dictionary.IsType("XRef"))
        {
            throw new ContainerFormatException("startxref or /Prev points neither at 'xref' nor at a /Type /XRef stream", offset);
        }

        var data = bytes.Decode(stream, MaxStreamBytes, "cross-reference stream")
            ?? throw new ContainerFormatException("cross-reference stream uses a filter this reader does not decode", offset);
        var widths = ReadWidths(dictionary, offset);
        var rowLength = widths[0] + widths[1] + widths[2];
        var size = dictionary["Size"] is PdfNumber { AsNonNegativeLong: { } s and <= int.MaxValue } ? s : throw new ContainerFormatException("cross-reference stream has no valid /Size", offset);
        var index = dictionary["Index"] switch
        {
            null => [0, size],
            PdfArray array when array.Items.Count % 2 == 0 && array.Items.All(i => i is PdfNumber { AsNonNegativeLong: <= int.MaxValue }) =>
                array.Items.Select(i => ((PdfNumber)i).AsNonNegativeLong!.Value).ToArray(),
            _ => throw new ContainerFormatException("cross-reference stream /Index is not pairs of integers", offset),
        };

        var row = 0L;
        for (var pair = 0; pair < index.Length; pair += 2)
        {
            var (start, count) = (index[pair], index[pair + 1]);
            if ((row + count) * rowLength > data.Length || start + count > int.MaxValue || xref.Entries.Count + count > PdfXref.MaxEntries)
            {
                throw new ContainerFormatException($"cross-reference stream claims {count} entries from {start} but holds {data.Length / rowLength - row} more rows", offset);
            }

            for (var i = 0L; i < count; i++, row++)
            {
                var at = (int)(row * rowLength);
                var type = widths[0] == 0 ? 1 : Field(data, at, widths[0]);
                var second = Field(data, at + widths[0], widths[1]);
                var third = Field(data, at + widths[0] + widths[1], widths[2]);
                PdfXrefEntry? entry = type switch
                {
                    0 => new PdfXrefEntry(PdfXrefKind.Free, 0, 0),
                    1 => new PdfXrefEntry(PdfXrefKind.InFile, second, (int)Math.Min(third, ushort.MaxValue)),
                    2 when second <= int.MaxValue && third <= int.MaxValue => new PdfXrefEntry(PdfXrefKind.InObjectStream, second, (int)third),
                    _ => null, // unknown types are references to the null object (§7.5.8.3)
                };
                if (entry is { } known)
                {
                    xref.AddIfAbsent((int)(start + i), known);
                }
            }
        }

        return dictionary;
    }

    private static int[] ReadWidths(PdfDictionary dictionary, long offset)
    {
        if (dictionary["W"] is PdfArray { Items.Count: 3 } array
            && array.Items.All(i => i is PdfNumber { AsNonNegativeLong: <= 8 })
            && array.Items.Select(i => (int)((PdfNumber)i).Value).ToArray() is var widths
            && widths.Sum() > 0)
        {
            return widths;
        }

        throw new ContainerFormatException("cross-reference stream /W is not three field widths of 0–8 bytes", offset);
    }

    private static long Field(byte[] data, int at, int width)
    {
        var value = 0L;
        for (var i = 0; i < width; i++)
        {
            value = (value << 8) | data[at + i];
        }

        return value & long.MaxValue;
    }
}
