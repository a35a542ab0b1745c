using System.Buffers;
using System.Threading.Channels;

namespace Qinglang.Similarity.Index;

/// <summary>
/// A persistent near-duplicate index in a folder (layout in the project README): documents are appended to a
/// checksummed record log (write-ahead), their LSH band keys kept in an in-memory delta and sealed into memory-mapped
/// postings segments; a query fingerprints its text, collects documents sharing band keys and keeps those the
/// <see cref="SimilarityScorer"/> judges near-duplicates, containments or spun copies, best first.
/// One process at a time (a lock file); one thread writes; not thread-safe.
/// </summary>
public sealed partial class SimilarityIndex : IDisposable
{
    private readonly string _folder;
    private readonly SimilarityIndexOptions _options;
    private readonly TextFingerprinter _fingerprinter;
    private readonly FileStream _lock;
    private readonly RecordLog _log;
    private readonly List<PostingsFile> _segments = [];
    private DocumentTable _table;
    private readonly DeltaPostings _delta = new();
    private IndexManifest _manifest;
    private int _deltaDocuments;
    private bool _disposed;

    /// <summary>Bytes cut from the end of the log on open: the torn tail of an interrupted write (0 normally).</summary>
    public long RecoveredTornBytes { get; private set; }

    /// <summary>Documents currently searchable (replaced ones not counted).</summary>
    public int Count => _table.LiveCount;

    public string Folder => _folder;

    /// <summary>The scorer that judges matches (from the options).</summary>
    public SimilarityScorer Scorer => _options.Scorer;

    /// <summary>Opens the index in <paramref name="folder"/>, creating it when the folder is missing or empty.</summary>
    public static SimilarityIndex Open(string folder, SimilarityIndexOptions? options = null) => new(Path.GetFullPath(folder), options ?? SimilarityIndexOptions.Default);

    /// <summary>True when <paramref name="folder"/> holds an index manifest.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, IndexManifest.FileName));

    /// <summary>Adds or replaces one document (see <see cref="AddOutcome"/>).</summary>
    public AddOutcome Add(IndexDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Store(document.Id, document.Account, document.Time, _fingerprinter.Compute(document.Text ?? ""));
    }

    /// <summary>Adds documents as they stream in, fingerprinting on <see cref="SimilarityIndexOptions.Parallelism"/> threads.</summary>
    public AddSummary AddRange(IEnumerable<IndexDocument> documents, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var batches = Channel.CreateBounded<(IndexDocument Document, Fingerprint Fingerprint)[]>(4);
        using var cancel = new CancellationTokenSource();
        var producer = Task.Run(() => Fingerprint(documents, batches.Writer, cancel.Token));
        long added = 0, replaced = 0, unchanged = 0, empty = 0, done = 0;
        var rejected = new List<string>();
        try
        {
            while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batches.Reader.TryRead(out var batch))
                {
                    foreach (var (document, fingerprint) in batch)
                    {
                        try
                        {
                            var outcome = Store(document.Id, document.Account, document.Time, fingerprint);
                            _ = outcome switch { AddOutcome.Added => added++, AddOutcome.Replaced => replaced++, _ => unchanged++ };
                            empty += fingerprint.IsEmpty && outcome != AddOutcome.Unchanged ? 1 : 0;
                        }
                        catch (ArgumentException ex)
                        {
                            rejected.Add(ex.Message);
                        }
                    }

                    progress?.Invoke(done += batch.Length);
                }
            }
        }
        catch
        {
            cancel.Cancel();
            try
            {
                producer.Wait();
            }
            catch (AggregateException)
            {
                // The consumer's exception is the one to report.
            }

            throw;
        }

        producer.GetAwaiter().GetResult();
        return new AddSummary(added, replaced, unchanged, empty, rejected);
    }

    /// <summary>The stored documents the scorer judges similar to <paramref name="text"/>, best first.</summary>
    public IReadOnlyList<IndexMatch> Query(string text, int limit = 20) => Query(_fingerprinter.Compute(text ?? ""), limit);

    /// <summary>Same for a fingerprint made with this index's options; <paramref name="excludeId"/> skips one document.</summary>
    public IReadOnlyList<IndexMatch> Query(Fingerprint fingerprint, int limit = 20, string? excludeId = null)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var matches = new List<IndexMatch>();
        foreach (var ordinal in Candidates(fingerprint))
        {
            var stored = Read(ordinal);
            if (stored.Id == excludeId)
            {
                continue;
            }

            var score = _options.Scorer.Compare(fingerprint, stored.Fingerprint);
            if (score.Kind != MatchKind.None)
            {
                matches.Add(new IndexMatch(stored.Id, stored.Account, stored.Time, score));
            }
        }

        matches.Sort((a, b) => b.Score.Score.CompareTo(a.Score.Score) is var byScore and not 0 ? byScore : string.CompareOrdinal(a.Id, b.Id));
        return matches.Count > limit ? matches[..limit] : matches;
    }

    /// <summary>The stored document with <paramref name="id"/>, or null.</summary>
    public StoredDocument? Get(string id)
    {
        var ordinal = FindLive(id, out _);
        return ordinal < 0 ? null : Read(ordinal);
    }

    /// <summary>
    /// Live documents sharing a band key (near-duplicate candidates) or enough containment anchors with
    /// <paramref name="fingerprint"/>, those sharing most first, at most MaxCandidates.
    /// </summary>
    internal IEnumerable<int> Candidates(Fingerprint fingerprint)
    {
        var hits = new Dictionary<int, (int Bands, int Anchors)>();
        var found = new List<int>();
        foreach (var key in _options.Bands.BandKeys(fingerprint))
        {
            foreach (var ordinal in Lookup(IdHash.BandKey32(key), found, int.MaxValue))
            {
                var (bands, anchors) = hits.GetValueOrDefault(ordinal);
                hits[ordinal] = (bands + 1, anchors);
            }
        }

        var queryAnchors = 0;
        foreach (var key in ContainmentAnchors.Keys(fingerprint))
        {
            queryAnchors++;
            foreach (var ordinal in Lookup(key, found, ContainmentAnchors.MaxPostings))
            {
                var (bands, anchors) = hits.GetValueOrDefault(ordinal);
                hits[ordinal] = (bands, anchors + 1);
            }
        }

        var minAnchors = Math.Min(ContainmentAnchors.MinHits, Math.Max(1, queryAnchors));
        return hits
            .Where(h => h.Value.Bands > 0 || h.Value.Anchors >= minAnchors)
            .OrderByDescending(h => h.Value.Bands)
            .ThenByDescending(h => h.Value.Anchors)
            .ThenBy(h => h.Key)
            .Take(_options.MaxCandidates)
            .Select(h => h.Key)
            .ToList();
    }

    /// <summary>Live ordinals under one postings key in every segment and the delta (none when more than <paramref name="limit"/> in one).</summary>
    private List<int> Lookup(uint key, List<int> found, int limit)
    {
        found.Clear();
        foreach (var segment in _segments)
        {
            segment.Lookup(key, found, limit);
        }

        _delta.Lookup(key, found, limit);
        found.RemoveAll(ordinal => !_table.IsLive(ordinal));
        return found;
    }

    /// <summary>Every live ordinal in order (farm detection walks them).</summary>
    internal IEnumerable<int> LiveOrdinals()
    {
        for (var ordinal = 0; ordinal < _table.Count; ordinal++)
        {
            if (_table.IsLive(ordinal))
            {
                yield return ordinal;
            }
        }
    }

    internal StoredDocument Read(int ordinal)
    {
        var offset = _table.OffsetOf(ordinal);
        var buffer = _log.Read(offset, out var length);
        try
        {
            return DocumentRecord.Decode(buffer.AsSpan(0, length), LogPath, offset);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private AddOutcome Store(string id, string? account, DateTimeOffset? time, Fingerprint fingerprint)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException("a document needs a non-empty id");
        }

        var payload = DocumentRecord.Encode(new StoredDocument(id, account ?? "", time, fingerprint), out var length);
        try
        {
            var existing = FindLive(id, out var hash);
            if (existing >= 0 && SamePayload(existing, payload.AsSpan(0, length)))
            {
                return AddOutcome.Unchanged;
            }

            var offset = _log.Append(payload.AsSpan(0, length));
            Post(_table.Append(offset, hash, existing), fingerprint);
            if (_deltaDocuments >= _options.SealEvery)
            {
                Seal();
            }

            return existing >= 0 ? AddOutcome.Replaced : AddOutcome.Added;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    private void Post(int ordinal, Fingerprint fingerprint)
    {
        if (!fingerprint.IsEmpty)
        {
            foreach (var key in _options.Bands.BandKeys(fingerprint))
            {
                _delta.Add(IdHash.BandKey32(key), ordinal);
            }

            foreach (var key in ContainmentAnchors.Keys(fingerprint))
            {
                _delta.Add(key, ordinal);
            }
        }

        _deltaDocuments++;
    }

    /// <summary>The live ordinal holding <paramref name="id"/>, or -1; the hash match is confirmed on the record.</summary>
    private int FindLive(string id, out ulong hash)
    {
        hash = IdHash.Of(id);
        var ordinal = _table.Find(hash);
        if (ordinal < 0)
        {
            return -1;
        }

        var buffer = _log.Read(_table.OffsetOf(ordinal), out var length);
        try
        {
            return DocumentRecord.ReadId(buffer.AsSpan(0, length)) == id ? ordinal : -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool SamePayload(int ordinal, ReadOnlySpan<byte> payload)
    {
        var buffer = _log.Read(_table.OffsetOf(ordinal), out var length);
        try
        {
            return buffer.AsSpan(0, length).SequenceEqual(payload);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task Fingerprint(IEnumerable<IndexDocument> documents, ChannelWriter<(IndexDocument, Fingerprint)[]> writer, CancellationToken cancel)
    {
        const int BatchSize = 1024;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism), CancellationToken = cancel };
        try
        {
            foreach (var chunk in documents.Chunk(BatchSize))
            {
                var batch = new (IndexDocument, Fingerprint)[chunk.Length];
                Parallel.For(0, chunk.Length, parallel, i => batch[i] = (chunk[i], _fingerprinter.Compute(chunk[i].Text ?? "")));
                await writer.WriteAsync(batch, cancel).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
            throw;
        }
    }
}
