namespace Qinglang.Similarity.Index;

/// <summary>Opening, recovery, sealing and compaction: how the index folder changes and stays consistent.</summary>
public sealed partial class SimilarityIndex
{
    private const string LogName = "records.log";
    private const string LockName = "lock";

    private readonly List<SegmentEntry> _segmentEntries = [];
    private long _nextGeneration;

    private SimilarityIndex(string folder, SimilarityIndexOptions options, bool rebuild = false)
    {
        _folder = folder;
        _options = options;
        _fingerprinter = new TextFingerprinter(options.Fingerprint);
        Directory.CreateDirectory(folder);
        _lock = AcquireLock(folder);
        try
        {
            _manifest = ReadOrCreateManifest();
            if (_manifest.FingerprintConfiguration != options.Fingerprint.ConfigurationId)
            {
                throw new IndexParameterMismatchException(folder, _manifest.FingerprintConfiguration, options.Fingerprint.ConfigurationId);
            }

            if (rebuild || _manifest.LshConfiguration != LshConfiguration())
            {
                _manifest = _manifest with { Documents = 0, LiveDocuments = 0, DocumentTable = null, Segments = [], LogSealed = RecordLog.HeaderSize, LshConfiguration = LshConfiguration() };
                _manifest.Write(folder); // committed before the old derived files are deleted below
            }

            DeleteLeftovers();
            _nextGeneration = NextFreeGeneration();
            _table = _manifest.DocumentTable is { } table ? DocumentTable.Load(Path.Combine(folder, table)) : DocumentTable.Empty();
            if (_table.Count != _manifest.Documents)
            {
                throw new IndexCorruptException(Path.Combine(folder, _manifest.DocumentTable ?? IndexManifest.FileName), $"holds {_table.Count} documents, the manifest says {_manifest.Documents}");
            }

            foreach (var segment in _manifest.Segments)
            {
                OpenSegment(segment);
            }

            _log = RecordLog.Open(LogPath);
            var replayed = 0;
            RecoveredTornBytes = _log.Recover(_manifest.LogCommitted, _manifest.LogSealed, (offset, payload) =>
            {
                var stored = DocumentRecord.Decode(payload, LogPath, offset);
                Post(_table.Append(offset, IdHash.Of(stored.Id), FindLive(stored.Id, out _)), stored.Fingerprint);
                replayed++;
                if (_deltaDocuments >= _options.SealEvery)
                {
                    WriteSegment();
                }
            });
            if (replayed > 0 || rebuild)
            {
                Seal(force: true);
            }
        }
        catch
        {
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }

            _log?.Dispose();
            _lock.Dispose();
            throw;
        }
    }

    private string LogPath => Path.Combine(_folder, LogName);

    /// <summary>
    /// Drops the derived files (postings, document table) and rebuilds them from the record log — the repair for a
    /// damaged postings or document file. The log and its fingerprints must be whole.
    /// </summary>
    public static SimilarityIndex Rebuild(string folder, SimilarityIndexOptions? options = null)
    {
        var full = Path.GetFullPath(folder);
        if (!Exists(full))
        {
            throw new IndexCorruptException(Path.Combine(full, IndexManifest.FileName), "no index here to rebuild");
        }

        return new SimilarityIndex(full, options ?? SimilarityIndexOptions.Default, rebuild: true);
    }

    /// <summary>Makes every added document durable: the log is flushed to disk and the manifest records its length.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _log.Flush(durable: true);
        if (_log.Length != _manifest.LogCommitted)
        {
            _manifest = _manifest with { LogCommitted = _log.Length };
            _manifest.Write(_folder);
        }
    }

    /// <summary>Writes the in-memory delta as a postings segment plus a new document table, then commits the manifest.</summary>
    public void Seal() => Seal(force: false);

    /// <summary>Merges all segments into one, dropping postings of replaced documents.</summary>
    public void Compact()
    {
        Seal();
        if (_segments.Count <= 1 && _table.LiveCount == _table.Count)
        {
            return;
        }

        var name = $"postings-{_nextGeneration++:D8}.bin";
        var path = Path.Combine(_folder, name);
        PostingsFile.Write(path, MergedEntries().Where(e => _table.IsLive((int)(uint)e)));
        var merged = PostingsFile.Open(path);
        var old = _segments.ToList();
        var oldEntries = _segmentEntries.ToList();
        _segments.Clear();
        _segmentEntries.Clear();
        _segments.Add(merged);
        _segmentEntries.Add(new SegmentEntry(name, 0, _table.Count, merged.Count));
        Commit();
        foreach (var segment in old)
        {
            segment.Dispose();
        }

        foreach (var entry in oldEntries)
        {
            AtomicFile.TryDelete(Path.Combine(_folder, entry.File));
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (_deltaDocuments > 0)
            {
                Seal();
            }
            else
            {
                Flush();
            }
        }
        finally
        {
            _disposed = true;
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }

            _log.Dispose();
            _lock.Dispose();
        }
    }

    private void Seal(bool force)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!force && _deltaDocuments == 0)
        {
            Flush();
            return;
        }

        _log.Flush(durable: true);
        WriteSegment();
        var oldTable = _manifest.DocumentTable;
        var tableName = $"documents-{_nextGeneration++:D8}.bin";
        _table.Seal(Path.Combine(_folder, tableName));
        _manifest = _manifest with { DocumentTable = tableName };
        Commit();
        if (oldTable is not null && oldTable != tableName)
        {
            AtomicFile.TryDelete(Path.Combine(_folder, oldTable));
        }

        if (_segments.Count > _options.MaxSegments)
        {
            Compact();
        }
    }

    /// <summary>Writes the delta's postings as a new segment (not yet in the manifest) and starts an empty delta.</summary>
    private void WriteSegment()
    {
        if (_delta.Count > 0)
        {
            var name = $"postings-{_nextGeneration++:D8}.bin";
            var first = _segmentEntries.Count == 0 ? 0 : _segmentEntries[^1].EndOrdinal;
            PostingsFile.Write(Path.Combine(_folder, name), _delta.SortedEntries());
            var segment = PostingsFile.Open(Path.Combine(_folder, name));
            _segments.Add(segment);
            _segmentEntries.Add(new SegmentEntry(name, first, _table.Count, segment.Count));
        }

        _delta.Clear();
        _deltaDocuments = 0;
    }

    /// <summary>The manifest write is the commit point: before it the old files are current, after it the new ones.</summary>
    private void Commit()
    {
        _manifest = _manifest with
        {
            Generation = _nextGeneration - 1, Documents = _table.Count, LiveDocuments = _table.LiveCount, LogSealed = _log.Length,
            LogCommitted = _log.Length, Segments = _segmentEntries.ToList(),
        };
        _manifest.Write(_folder);
    }

    private void OpenSegment(SegmentEntry entry)
    {
        var segment = PostingsFile.Open(Path.Combine(_folder, entry.File));
        _segments.Add(segment);
        if (segment.Count != entry.Entries || entry.EndOrdinal > _table.Count)
        {
            throw new IndexCorruptException(segment.Path, $"holds {segment.Count} postings for ordinals up to {entry.EndOrdinal}; the manifest says {entry.Entries} up to {_table.Count}");
        }

        _segmentEntries.Add(entry);
    }

    private IEnumerable<ulong> MergedEntries()
    {
        var queue = new PriorityQueue<IEnumerator<ulong>, ulong>();
        var sources = _segments.Select(s => s.Entries().GetEnumerator()).ToList();
        try
        {
            foreach (var source in sources)
            {
                if (source.MoveNext())
                {
                    queue.Enqueue(source, source.Current);
                }
            }

            while (queue.TryDequeue(out var source, out var entry))
            {
                yield return entry;
                if (source.MoveNext())
                {
                    queue.Enqueue(source, source.Current);
                }
            }
        }
        finally
        {
            foreach (var source in sources)
            {
                source.Dispose();
            }
        }
    }

    private IndexManifest ReadOrCreateManifest()
    {
        if (File.Exists(Path.Combine(_folder, IndexManifest.FileName)))
        {
            return IndexManifest.Read(_folder);
        }

        if (File.Exists(LogPath))
        {
            throw new IndexCorruptException(Path.Combine(_folder, IndexManifest.FileName), "missing while records.log exists; restore it from a backup");
        }

        var foreign = Directory.EnumerateFileSystemEntries(_folder).Select(Path.GetFileName).FirstOrDefault(n => n is not LockName);
        if (foreign is not null)
        {
            throw new IOException($"{_folder} is not an index folder (it holds {foreign}); give --db an empty or new folder");
        }

        RecordLog.Create(LogPath);
        var manifest = new IndexManifest { FingerprintConfiguration = _options.Fingerprint.ConfigurationId, LshConfiguration = LshConfiguration() };
        manifest.Write(_folder);
        return manifest;
    }

    /// <summary>Removes files of an interrupted seal or compaction: derived files the manifest does not name, and temporaries.</summary>
    private void DeleteLeftovers()
    {
        var named = _manifest.Segments.Select(s => s.File).Append(_manifest.DocumentTable).ToHashSet();
        foreach (var path in Directory.EnumerateFiles(_folder))
        {
            var name = Path.GetFileName(path);
            var derived = (name.StartsWith("postings-", StringComparison.Ordinal) || name.StartsWith("documents-", StringComparison.Ordinal)) && name.EndsWith(".bin", StringComparison.Ordinal);
            if ((derived && !named.Contains(name)) || name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                AtomicFile.TryDelete(path);
            }
        }
    }

    /// <summary>Above the manifest's generation and every derived file present, so a new file never overwrites a live one.</summary>
    private long NextFreeGeneration()
    {
        var highest = _manifest.Generation;
        foreach (var path in Directory.EnumerateFiles(_folder, "*-*.bin"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (long.TryParse(name.AsSpan(name.IndexOf('-') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generation))
            {
                highest = Math.Max(highest, generation);
            }
        }

        return highest + 1;
    }

    private static FileStream AcquireLock(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new IOException($"index {folder} is in use by another process ({ex.Message})", ex);
        }
    }

    /// <summary>Band keys of a fixed probe signature, hashed: changes whenever LSH banding changes.</summary>
    private string LshConfiguration()
    {
        var probe = new Fingerprint
        {
            MinHash = Enumerable.Range(1, _options.Fingerprint.Permutations).Select(i => (uint)i * 0x9E3779B1u).ToArray(), SimHash = 0, Length = 1,
            ShingleCount = 1, Shingles = [1], SampleLevel = 0, RawShingles = [1], RawSampleLevel = 0, RawShingleCount = 1, Substitutions = 0,
        };
        var keys = _options.Bands.BandKeys(probe).ToList();
        var hash = keys.Aggregate(0xCBF29CE484222325UL, (h, k) => (h ^ k) * 0x100000001B3UL);
        return $"b{_options.Bands.Bands}-r{_options.Bands.Rows}-{ContainmentAnchors.Scheme}-{hash:x16}";
    }
}
