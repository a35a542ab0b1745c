using System.Text.Json;
using Qinglang.Similarity.Index;

namespace Qinglang.Similarity.Rumors;

/// <summary>
/// The rumor-refutation library (辟谣库, 深度合成 regulation Art. 11): refuted claims kept in <c>rumors.json</c> in a
/// folder (replaced atomically, checksummed). A post is flagged for a claim when it is textually close to it (the
/// scorer's match, or the claim mostly contained in the post), agrees with the claim's key entities (at least half,
/// and one of its numbers or dates when it has any) and is not itself a refutation.
/// </summary>
public sealed class RumorLibrary
{
    public const string FileName = "rumors.json";

    /// <summary>Share of the claim's shingles found in the post that counts as repeating it (posts add commentary).</summary>
    public const double ClaimContainment = 0.5;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly string _path;
    private readonly TextFingerprinter _fingerprinter;
    private readonly SimilarityScorer _scorer;
    private readonly List<Entry> _entries = [];

    private RumorLibrary(string path, TextFingerprinter fingerprinter, SimilarityScorer scorer)
    {
        _path = path;
        _fingerprinter = fingerprinter;
        _scorer = scorer;
    }

    public IReadOnlyList<RefutedClaim> Claims => _entries.Select(e => e.Claim).ToList();

    /// <summary>Opens the library in <paramref name="folder"/>; a missing folder or file is an empty library.</summary>
    public static RumorLibrary Open(string folder, TextFingerprinter? fingerprinter = null, SimilarityScorer? scorer = null)
    {
        var library = new RumorLibrary(Path.Combine(Path.GetFullPath(folder), FileName), fingerprinter ?? TextFingerprinter.Default, scorer ?? SimilarityScorer.Default);
        if (File.Exists(library._path))
        {
            foreach (var claim in LibraryFile.Read(library._path))
            {
                library._entries.Add(library.Prepare(claim));
            }
        }

        return library;
    }

    /// <summary>Registers a claim (an existing id is replaced) and saves the library atomically.</summary>
    public void Add(RefutedClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (string.IsNullOrWhiteSpace(claim.Id) || claim.Id.Length > 200)
        {
            throw new ArgumentException("a claim needs an id of 1..200 characters", nameof(claim));
        }

        if (string.IsNullOrWhiteSpace(claim.Claim) || string.IsNullOrWhiteSpace(claim.Refutation))
        {
            throw new ArgumentException($"claim {claim.Id} needs both the claim text and the refutation text", nameof(claim));
        }

        var entry = Prepare(claim);
        if (entry.Fingerprint.IsEmpty)
        {
            throw new ArgumentException($"claim {claim.Id} has no text to match (only punctuation or spaces)", nameof(claim));
        }

        var at = _entries.FindIndex(e => e.Claim.Id == claim.Id);
        var updated = _entries.ToList();
        if (at >= 0)
        {
            updated[at] = entry;
        }
        else
        {
            updated.Add(entry);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        LibraryFile.Write(_path, updated.Select(e => e.Claim).ToList());
        _entries.Clear();
        _entries.AddRange(updated);
    }

    /// <summary>Which refuted claims <paramref name="post"/> spreads (flag with the refutation) and which it refutes.</summary>
    public RumorCheck Check(string post)
    {
        post ??= "";
        var fingerprint = _fingerprinter.Compute(post);
        if (fingerprint.IsEmpty || _entries.Count == 0)
        {
            return new RumorCheck([], []);
        }

        var entities = KeyEntities.Extract(post);
        var refutes = RefutationCues.IsRefutation(post);
        var spreads = new List<RumorMatch>();
        var refuted = new List<RefutedClaim>();
        foreach (var entry in _entries)
        {
            var score = _scorer.Compare(fingerprint, entry.Fingerprint);
            if (!score.IsMatch && score.ContainmentBInA < ClaimContainment)
            {
                continue;
            }

            var shared = entry.Entities.Where(e => KeyEntities.Agrees(e, entities, post)).Order(StringComparer.Ordinal).ToList();
            var numeric = entry.Entities.Where(e => e[0] is '#' or '@').ToList();
            var agrees = shared.Count * 2 >= entry.Entities.Count && (numeric.Count == 0 || numeric.Any(shared.Contains));
            if (refutes)
            {
                refuted.Add(entry.Claim);
            }
            else if (agrees)
            {
                spreads.Add(new RumorMatch(entry.Claim, score, shared));
            }
        }

        spreads.Sort((a, b) => b.Score.Score.CompareTo(a.Score.Score));
        return new RumorCheck(spreads, refuted);
    }

    private Entry Prepare(RefutedClaim claim) => new(claim, _fingerprinter.Compute(claim.Claim), KeyEntities.Extract(claim.Claim));

    private sealed record Entry(RefutedClaim Claim, Fingerprint Fingerprint, IReadOnlySet<string> Entities);

    /// <summary><c>rumors.json</c>: format name, version, checksum (CRC-32C of the claims array) and the claims.</summary>
    private static class LibraryFile
    {
        private const string Format = "qinglang-rumor-library";

        public static List<RefutedClaim> Read(string path)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                {
                    throw new IndexCorruptException(path, "not a Qinglang rumor library");
                }

                if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
                {
                    throw new IndexCorruptException(path, "unknown rumor library version");
                }

                var claims = root.GetProperty("claims");
                if (root.GetProperty("checksum").GetString() != Checksum(claims.GetRawText()))
                {
                    throw new IndexCorruptException(path, "checksum mismatch (file damaged or edited)");
                }

                var list = claims.Deserialize<List<RefutedClaim>>(Json) ?? throw new IndexCorruptException(path, "claims missing");
                if (list.Any(c => c is null || c.Id is null || c.Claim is null || c.Refutation is null || c.Source is null))
                {
                    throw new IndexCorruptException(path, "a claim lacks a field");
                }

                return list;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new IndexCorruptException(path, $"not a valid rumor library: {ex.Message}");
            }
        }

        public static void Write(string path, List<RefutedClaim> claims)
        {
            var array = JsonSerializer.Serialize(claims, Json);
            using var reparsed = JsonDocument.Parse(array);
            var text = JsonSerializer.Serialize(new { format = Format, version = 1, checksum = Checksum(reparsed.RootElement.GetRawText()), claims = reparsed.RootElement }, Json);
            AtomicFile.WriteAllText(path, text);
        }

        /// <summary>CRC-32C of the claims re-serialized compactly, so indentation does not matter but every value does.</summary>
        private static string Checksum(string rawJson)
        {
            using var document = JsonDocument.Parse(rawJson);
            var compact = JsonSerializer.SerializeToUtf8Bytes(document.RootElement);
            return Crc32C.Compute(compact).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
