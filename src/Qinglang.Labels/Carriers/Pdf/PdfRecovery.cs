namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Rebuilds cross-reference information when the file's own is unusable: scans for <c>N G obj</c> headers (a later
/// copy of an object wins, as an incremental update would) and for trailers, like PDF viewers do.
/// </summary>
internal static class PdfRecovery
{
    /// <summary>Objects parsed while looking for a trailer-like dictionary; bounds the work on huge damaged files.</summary>
    private const int MaxProbes = 1_000;

    /// <summary>Trailers parsed, newest first.</summary>
    private const int MaxTrailers = 64;

    public static PdfXref Scan(PdfBytes bytes)
    {
        var xref = new PdfXref { Recovered = true };
        var trailers = new List<long>();
        var parser = new PdfParser(bytes);
        for (var at = 0L; at < bytes.Length; at++)
        {
            var c = bytes.At(at);
            if (c == 'o' && bytes.Matches(at, "obj") && !IsRegular(bytes.At(at + 3)) && HeaderStart(bytes, at) is { } header)
            {
                xref.Entries[header.Number] = new PdfXrefEntry(PdfXrefKind.InFile, header.Offset, header.Generation);
                if (xref.Entries.Count > PdfXref.MaxEntries)
                {
                    throw new ContainerFormatException($"more than {PdfXref.MaxEntries} objects found while scanning");
                }
            }
            else if (c == 't' && bytes.Matches(at, "trailer") && !IsRegular(bytes.At(at + 7)))
            {
                trailers.Add(at + "trailer".Length);
            }
        }

        // Newest first; only the last few trailers matter, and parsing each one costs work.
        foreach (var at in Enumerable.Reverse(trailers).Take(MaxTrailers))
        {
            parser.Position = at;
            if (TryParse(() => parser.ParseValue(0)) is PdfDictionary trailer)
            {
                xref.MergeTrailer(trailer);
            }
        }

        if (xref.Trailer["Root"] is null)
        {
            // A file with cross-reference streams has no trailer keyword: its trailer is the newest /XRef stream's
            // dictionary. Failing that, any catalog will do.
            var probes = 0;
            foreach (var (number, entry) in xref.Entries.OrderByDescending(e => e.Value.Offset))
            {
                if (++probes > MaxProbes)
                {
                    break;
                }

                var dictionary = TryParse(() => ParseHead(parser, entry.Offset)) as PdfDictionary;
                if (dictionary?.IsType("XRef") == true && dictionary["Root"] is PdfReference)
                {
                    xref.MergeTrailer(dictionary);
                    break;
                }

                if (dictionary?.IsType("Catalog") == true)
                {
                    xref.MergeTrailer(new PdfDictionary([new("Root", new PdfReference(number, entry.Generation))]));
                    break;
                }
            }
        }

        if (xref.Entries.Count == 0)
        {
            throw new ContainerFormatException("no PDF objects found");
        }

        return xref;
    }

    private static bool IsRegular(int c) => c >= 0 && !PdfParser.IsWhitespace(c) && !PdfParser.IsDelimiter(c);

    /// <summary>For "obj" at <paramref name="objAt"/>, the "N G" before it, if that is what precedes it.</summary>
    private static (int Number, int Generation, long Offset)? HeaderStart(PdfBytes bytes, long objAt)
    {
        var at = objAt - 1;
        if (!PdfParser.IsWhitespace(bytes.At(at)))
        {
            return null;
        }

        while (PdfParser.IsWhitespace(bytes.At(at)))
        {
            at--;
        }

        var generation = DigitsBackwards(bytes, ref at);
        if (generation is null || !PdfParser.IsWhitespace(bytes.At(at)))
        {
            return null;
        }

        while (PdfParser.IsWhitespace(bytes.At(at)))
        {
            at--;
        }

        var number = DigitsBackwards(bytes, ref at);
        if (number is null || IsRegular(bytes.At(at)) || number > int.MaxValue || generation > ushort.MaxValue)
        {
            return null;
        }

        return ((int)number, (int)generation, at + 1);
    }

    private static long? DigitsBackwards(PdfBytes bytes, ref long at)
    {
        var value = 0L;
        var scale = 1L;
        var digits = 0;
        while (bytes.At(at) is >= '0' and <= '9' && digits < 10)
        {
            value += (bytes.At(at) - '0') * scale;
            scale *= 10;
            digits++;
            at--;
        }

        return digits == 0 ? null : value;
    }

    /// <summary>The value of the object at <paramref name="offset"/> without its stream data (a stream's dictionary).</summary>
    private static PdfObject ParseHead(PdfParser parser, long offset)
    {
        parser.Position = offset;
        parser.ReadNonNegative("an object number");
        parser.ReadNonNegative("a generation number");
        parser.Expect("obj");
        return parser.ParseValue(0);
    }

    private static PdfObject? TryParse(Func<PdfObject> parse)
    {
        try
        {
            return parse();
        }
        catch (ContainerFormatException)
        {
            return null;
        }
    }
}
