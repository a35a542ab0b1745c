using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Recognizes an incremental update Qinglang itself appended, when it is still the file's newest revision. Relabeling
/// then replaces that update instead of stacking another one, so the superseded label does not linger in an older
/// revision and repeated relabeling does not grow the file. Any later update by another tool (a signature, an
/// exiftool edit) makes the update no longer the newest, and it is then kept as it is.
/// </summary>
internal static class PdfOwnUpdate
{
    /// <summary>The comment line every Qinglang update starts with.</summary>
    public const string Marker = "%Qinglang label update";

    /// <summary>Our updates hold an Info dictionary and at most one XMP packet.</summary>
    private const long MaxUpdateBytes = XmpLabel.MaxPacketBytes + (1 << 20);

    /// <summary>Where Qinglang's own newest update starts (the length of the revision before it), or null.</summary>
    public static long? Find(PdfDocument document)
    {
        if (document.Xref.PreviousStartXref is not { } previous || document.Xref.Recovered)
        {
            return null;
        }

        var bytes = document.Bytes;
        var newest = document.Xref.StartXref;
        var floor = Math.Max(previous + 1, newest - MaxUpdateBytes);
        for (var at = newest - Marker.Length; at >= floor; at--)
        {
            if (bytes.At(at) == '%' && bytes.Matches(at, Marker) && bytes.At(at - 1) is '\n' or '\r')
            {
                return IsWholeTail(bytes, at) ? at : null;
            }
        }

        return null;
    }

    /// <summary>
    /// True when the bytes before <paramref name="start"/> end a revision (<c>%%EOF</c> and line ends only) and the
    /// bytes from it hold exactly one startxref: one update, nobody else's after it.
    /// </summary>
    private static bool IsWholeTail(PdfBytes bytes, long start)
    {
        var end = start - 1;
        while (end >= 0 && PdfParser.IsWhitespace(bytes.At(end)))
        {
            end--;
        }

        if (!bytes.Matches(end - 4, "%%EOF"))
        {
            return false;
        }

        var count = 0;
        for (var at = start; at < bytes.Length; at++)
        {
            if (bytes.At(at) == 's' && bytes.Matches(at, "startxref"))
            {
                count++;
            }
        }

        return count == 1;
    }
}
