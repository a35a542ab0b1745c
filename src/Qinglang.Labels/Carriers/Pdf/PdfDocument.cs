using Qinglang.Core;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// A PDF opened for reading a few objects: its cross-reference information and an object loader that follows
/// references into the file and into object streams, with caches and guards against reference loops.
/// </summary>
internal sealed class PdfDocument
{
    /// <summary>Cap on an object stream, encoded or decoded.</summary>
    public const int MaxObjectStreamBytes = 32 << 20;

    /// <summary>References followed in a chain (a reference to a reference …) before giving up.</summary>
    private const int MaxReferenceHops = 16;

    /// <summary>Objects whose loading may nest (a stream's /Length, an object stream) before it is called a loop.</summary>
    private const int MaxLoadDepth = 8;

    private readonly PdfBytes _bytes;
    private readonly PdfParser _parser;
    private readonly Dictionary<int, PdfIndirectObject?> _objects = [];
    private readonly Dictionary<int, ObjectStream> _objectStreams = [];
    private readonly HashSet<int> _loading = [];
    private bool _indexedObjectStreams;

    private PdfDocument(PdfBytes bytes, PdfXref xref)
    {
        _bytes = bytes;
        _parser = new PdfParser(bytes);
        Xref = xref;
    }

    public PdfXref Xref { get; }

    public PdfDictionary Trailer => Xref.Trailer;

    public long Length => _bytes.Length;

    /// <summary>The file's bytes, for searches outside the object structure.</summary>
    public PdfBytes Bytes => _bytes;

    /// <summary>
    /// Opens a PDF. With <paramref name="findings"/> (reading), a broken cross-reference is reported and replaced by a
    /// scan of the file; without (writing), it throws: an update must chain onto a sound cross-reference.
    /// </summary>
    /// <param name="length">Read only this many leading bytes: an earlier revision of the file.</param>
    public static PdfDocument Open(Stream stream, ICollection<Finding>? findings, long? length = null)
    {
        var bytes = new PdfBytes(stream, length);
        try
        {
            return new PdfDocument(bytes, PdfXrefReader.Read(bytes));
        }
        catch (ContainerFormatException ex) when (findings is not null)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"cross-reference data is unusable ({ex.Message}); objects were found by scanning the file"));
            return new PdfDocument(bytes, PdfRecovery.Scan(bytes));
        }
    }

    /// <summary>Opens a PDF by scanning for its objects, ignoring its cross-reference data.</summary>
    public static PdfDocument Recover(Stream stream)
    {
        var bytes = new PdfBytes(stream);
        return new PdfDocument(bytes, PdfRecovery.Scan(bytes));
    }

    /// <summary>Follows references until a direct object; null for a missing or free object.</summary>
    public PdfObject? Resolve(PdfObject? value)
    {
        for (var hop = 0; value is PdfReference reference; hop++)
        {
            if (hop >= MaxReferenceHops)
            {
                throw new ContainerFormatException($"reference chain from {reference} is longer than {MaxReferenceHops}");
            }

            value = Load(reference.Number)?.Value;
        }

        return value is PdfNull ? null : value;
    }

    /// <summary>The indirect object numbered <paramref name="number"/>, or null when the file does not have it.</summary>
    public PdfIndirectObject? Load(int number)
    {
        if (_objects.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (_loading.Contains(number))
        {
            throw new ContainerFormatException($"object {number} refers back to itself while being loaded");
        }

        if (_loading.Count >= MaxLoadDepth)
        {
            throw new ContainerFormatException($"objects nest more than {MaxLoadDepth} deep while loading object {number}");
        }

        _loading.Add(number);

        try
        {
            var found = LoadUncached(number);
            _objects[number] = found;
            return found;
        }
        finally
        {
            _loading.Remove(number);
        }
    }

    /// <summary>A stream object's decoded data (capped), or null for a filter this reader does not decode.</summary>
    public byte[]? Decode(PdfStream stream, int max, string what) => _bytes.Decode(stream, max, what);

    private PdfIndirectObject? LoadUncached(int number)
    {
        if (!Xref.Entries.TryGetValue(number, out var entry) && Xref.Recovered)
        {
            IndexObjectStreams();
            Xref.Entries.TryGetValue(number, out entry);
        }

        switch (entry.Kind)
        {
            case PdfXrefKind.InFile:
                var found = _parser.ParseIndirect(entry.Offset, LengthOf);
                if (found.Number != number)
                {
                    throw new ContainerFormatException($"cross-reference puts object {number} at {entry.Offset}, but object {found.Number} is there", entry.Offset);
                }

                return found;
            case PdfXrefKind.InObjectStream:
                if (entry.Offset == number)
                {
                    throw new ContainerFormatException($"object {number} is said to lie inside itself");
                }

                return ObjectStreamOf((int)entry.Offset).Load(number, entry.Generation);
            default:
                return null;
        }
    }

    /// <summary>A stream's /Length: a direct integer or a reference to one; null when unusable.</summary>
    private long? LengthOf(PdfObject? length) => length switch
    {
        PdfNumber number => number.AsNonNegativeLong,
        PdfReference reference => (Load(reference.Number)?.Value as PdfNumber)?.AsNonNegativeLong,
        _ => null,
    };

    private ObjectStream ObjectStreamOf(int number)
    {
        if (_objectStreams.TryGetValue(number, out var cached))
        {
            return cached;
        }

        if (_objectStreams.Count >= 16)
        {
            _objectStreams.Clear(); // keeps memory bounded when a reader wanders through many object streams
        }

        var container = Load(number)?.Value as PdfStream
            ?? throw new ContainerFormatException($"object stream {number} is missing or not a stream");
        if (!container.Dictionary.IsType("ObjStm"))
        {
            throw new ContainerFormatException($"object {number} is referenced as an object stream but is not /Type /ObjStm");
        }

        var what = $"object stream {number}";
        var data = Decode(container, MaxObjectStreamBytes, what)
            ?? throw new ContainerFormatException($"{what} uses a filter this reader does not decode");
        var stream = new ObjectStream(number, container.Dictionary, data);
        _objectStreams[number] = stream;
        return stream;
    }

    /// <summary>In a recovered file, objects inside object streams are found by reading every object stream once.</summary>
    private void IndexObjectStreams()
    {
        if (_indexedObjectStreams)
        {
            return;
        }

        _indexedObjectStreams = true;
        var direct = Xref.Entries.Where(e => e.Value.Kind == PdfXrefKind.InFile).Select(e => e.Key).Take(10_000).ToList();
        foreach (var number in direct)
        {
            try
            {
                if (Load(number)?.Value is PdfStream stream && stream.Dictionary.IsType("ObjStm"))
                {
                    foreach (var (contained, index) in ObjectStreamOf(number).Numbers())
                    {
                        Xref.AddIfAbsent(contained, new PdfXrefEntry(PdfXrefKind.InObjectStream, number, index));
                    }
                }
            }
            catch (ContainerFormatException)
            {
                // A damaged object is skipped: recovery takes what can be read.
            }
        }
    }

    /// <summary>A decoded object stream (§7.5.7): N pairs "number offset", then the objects from /First on.</summary>
    private sealed class ObjectStream
    {
        private readonly int _number;
        private readonly (int Number, long Offset)[] _header;
        private readonly long _first;
        private readonly PdfParser _parser;

        public ObjectStream(int number, PdfDictionary dictionary, byte[] data)
        {
            _number = number;
            var count = dictionary["N"] is PdfNumber { AsNonNegativeLong: { } n } ? n : throw new ContainerFormatException($"object stream {number} has no valid /N");
            _first = dictionary["First"] is PdfNumber { AsNonNegativeLong: { } f } && f <= data.Length ? f : throw new ContainerFormatException($"object stream {number} has no valid /First");
            if (count > _first / 4)
            {
                throw new ContainerFormatException($"object stream {number} claims {count} objects in a {_first}-byte header");
            }

            _parser = new PdfParser(new PdfBytes(data));
            _header = new (int, long)[count];
            for (var i = 0; i < count; i++)
            {
                var contained = _parser.ReadNonNegative("an object number in an object stream header");
                var offset = _parser.ReadNonNegative("an offset in an object stream header");
                if (contained > int.MaxValue || _first + offset >= data.Length)
                {
                    throw new ContainerFormatException($"object stream {number} header entry {i} is out of range");
                }

                _header[i] = ((int)contained, offset);
            }
        }

        public IEnumerable<(int Number, int Index)> Numbers() => _header.Select((h, i) => (h.Number, i));

        public PdfIndirectObject Load(int number, int index)
        {
            // The index from the cross-reference is a hint; the header is the authority on which object is where.
            if (index < 0 || index >= _header.Length || _header[index].Number != number)
            {
                index = Array.FindIndex(_header, h => h.Number == number);
                if (index < 0)
                {
                    throw new ContainerFormatException($"object {number} is not in object stream {_number}");
                }
            }

            _parser.Position = _first + _header[index].Offset;
            return new PdfIndirectObject(number, 0, _parser.ParseValue(0), -1);
        }
    }
}
