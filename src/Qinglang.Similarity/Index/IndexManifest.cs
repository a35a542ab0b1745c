using System.Text.Json;

namespace Qinglang.Similarity.Index;

/// <summary>
/// <c>manifest.json</c>, the commit point of the index: which derived files are current, how far the record log is
/// covered by them and how far it is known to be durable, and the parameters every stored fingerprint was made with.
/// Replaced atomically (temp + rename); files it does not name are leftovers of an interrupted seal and are deleted.
/// </summary>
internal sealed record IndexManifest
{
    public const string FileName = "manifest.json";
    public const string FormatName = "qinglang-similarity-index";
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Format { get; init; } = FormatName;

    public int Version { get; init; } = CurrentVersion;

    /// <summary><see cref="FingerprintOptions.ConfigurationId"/> of every fingerprint in the log.</summary>
    public required string FingerprintConfiguration { get; init; }

    /// <summary>Identifies how band keys are cut from MinHash; postings made another way are rebuilt from the log.</summary>
    public required string LshConfiguration { get; init; }

    /// <summary>Increases with every seal or compaction; derived file names carry it.</summary>
    public long Generation { get; init; }

    /// <summary>Ordinals covered by the document table (live and replaced).</summary>
    public int Documents { get; init; }

    public int LiveDocuments { get; init; }

    /// <summary>Log bytes whose documents are in the document table and postings.</summary>
    public long LogSealed { get; init; } = RecordLog.HeaderSize;

    /// <summary>Log bytes known to be on disk; damage before this offset is corruption, after it a torn tail.</summary>
    public long LogCommitted { get; init; } = RecordLog.HeaderSize;

    public string? DocumentTable { get; init; }

    public IReadOnlyList<SegmentEntry> Segments { get; init; } = [];

    public DateTimeOffset Updated { get; init; }

    /// <summary>CRC-32C (hex) of this manifest serialized with an empty checksum: a flipped byte cannot pass as a valid value.</summary>
    public string Checksum { get; init; } = "";

    public static IndexManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        IndexManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllBytes(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new IndexCorruptException(path, $"not a valid manifest: {ex.Message}");
        }

        if (manifest is null || manifest.Format != FormatName)
        {
            throw new IndexCorruptException(path, "not a Qinglang similarity index manifest");
        }

        if (manifest.Version != CurrentVersion)
        {
            throw new IndexCorruptException(path, $"index format version {manifest.Version}; this program reads version {CurrentVersion}");
        }

        if (manifest.Checksum != manifest.ComputeChecksum() || manifest.Segments is null)
        {
            throw new IndexCorruptException(path, "checksum mismatch (file damaged or edited)");
        }

        var ordinals = 0;
        foreach (var segment in manifest.Segments)
        {
            if (segment.FirstOrdinal < ordinals || segment.EndOrdinal < segment.FirstOrdinal)
            {
                throw new IndexCorruptException(path, $"segment {segment.File} overlaps the one before it");
            }

            if (!IsOwnFileName(segment.File))
            {
                throw new IndexCorruptException(path, $"segment name {segment.File} is not an index file name");
            }

            ordinals = segment.EndOrdinal;
        }

        if (ordinals > manifest.Documents || manifest.LiveDocuments > manifest.Documents || manifest.LogSealed > manifest.LogCommitted
            || (manifest.DocumentTable is { } table && !IsOwnFileName(table)) || (manifest.Documents > 0 && manifest.DocumentTable is null))
        {
            throw new IndexCorruptException(path, "manifest fields contradict each other");
        }

        return manifest;
    }

    public void Write(string folder)
    {
        var stamped = this with { Updated = DateTimeOffset.UtcNow, Checksum = "" };
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(stamped with { Checksum = stamped.ComputeChecksum() }, Json));
    }

    private string ComputeChecksum() =>
        Crc32C.Compute(JsonSerializer.SerializeToUtf8Bytes(this with { Checksum = "" }, Json)).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Derived file names are generated, never taken from outside: no separators, no climbing out of the folder.</summary>
    private static bool IsOwnFileName(string name) =>
        name.Length is > 0 and < 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && !name.StartsWith('.');
}

/// <summary>One sealed postings file and the ordinals it covers.</summary>
internal sealed record SegmentEntry(string File, int FirstOrdinal, int EndOrdinal, long Entries);
