namespace Qinglang.Labels.Carriers.Pdf;

internal enum PdfXrefKind
{
    Free,

    /// <summary>An object at a byte offset in the file.</summary>
    InFile,

    /// <summary>An object inside an object stream (§7.5.7).</summary>
    InObjectStream,
}

/// <summary>
/// One cross-reference entry. For <see cref="PdfXrefKind.InFile"/>: <see cref="Offset"/> and generation; for
/// <see cref="PdfXrefKind.InObjectStream"/>: <see cref="Offset"/> is the object stream's number and
/// <see cref="Generation"/> the index inside it.
/// </summary>
internal readonly record struct PdfXrefEntry(PdfXrefKind Kind, long Offset, int Generation);

/// <summary>The file's cross-reference information: the newest entry for every object, and the merged trailer.</summary>
internal sealed class PdfXref
{
    /// <summary>Cap on the entries kept for one file (a few times the largest real documents), bounding memory.</summary>
    public const int MaxEntries = 1 << 22;

    private readonly List<KeyValuePair<string, PdfObject>> _trailer = [];

    public Dictionary<int, PdfXrefEntry> Entries { get; } = [];

    /// <summary>Trailer entries, newest section first (an older section only adds keys the newer ones lack).</summary>
    public PdfDictionary Trailer => new(_trailer);

    /// <summary>Where the newest cross-reference section starts (the file's last startxref value).</summary>
    public long StartXref { get; init; } = -1;

    /// <summary>The newest section's /Prev: where the previous revision's cross-reference starts.</summary>
    public long? PreviousStartXref { get; set; }

    /// <summary>True when the newest section is a cross-reference stream: an update must then be one too.</summary>
    public bool LastSectionIsStream { get; set; }

    /// <summary>True when the cross-reference data was unusable and objects were found by scanning the file.</summary>
    public bool Recovered { get; init; }

    /// <summary>Adds an entry unless a newer section already gave one for this object.</summary>
    public void AddIfAbsent(int number, PdfXrefEntry entry) => Entries.TryAdd(number, entry);

    /// <summary>Adds trailer keys a newer section did not give; keys that only describe one section are skipped.</summary>
    public void MergeTrailer(PdfDictionary dictionary)
    {
        foreach (var entry in dictionary.Entries)
        {
            if (entry.Key is "Prev" or "XRefStm" or "Length" or "Filter" or "DecodeParms" or "W" or "Index" or "Type" or "DL")
            {
                continue;
            }

            if (!_trailer.Any(e => e.Key == entry.Key))
            {
                _trailer.Add(entry);
            }
        }
    }
}
