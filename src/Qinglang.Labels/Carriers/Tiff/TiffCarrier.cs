using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Tiff;

/// <summary>
/// TIFF: the label lives in the XMP packet of IFD0 tag 700 (XMLPacket). Writing never moves image data: the new
/// packet goes where the old one was when it fits, else the packet and a rewritten IFD0 are appended and the header
/// is pointed at them (the old packet is blanked). BigTIFF is handled the same way with 8-byte fields.
/// </summary>
public sealed class TiffCarrier : ILabelCarrier
{
    private const ushort XmpTag = 700;

    /// <summary>Problem code for a valid file this writer cannot label (no such code exists in <see cref="ProblemCodes"/> yet).</summary>

    /// <summary>More pages than this is not believable; it also stops a chain that loops.</summary>
    private const int MaxIfds = 1 << 16;

    public string Format => "tiff";

    public bool Detect(ReadOnlySpan<byte> head) => TiffHeader.IsSignature(head);

    public CarrierScan Read(Stream input)
    {
        var header = TiffHeader.Read(input);
        var ifd0 = Validate(input, header);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var entry in ifd0.Entries.Where(e => e.Tag == XmpTag))
        {
            var where = $"IFD0 tag 700 (XMLPacket) at {entry.EntryOffset}";
            if (entry.Type is not (TiffFieldType.Byte or TiffFieldType.Undefined))
            {
                findings.Add(Finding.Warning(ProblemCodes.XmpMalformed, $"XMLPacket has field type {entry.Type}; TIFF/XMP specify BYTE or UNDEFINED", where));
            }

            var packet = TiffIfd.ReadValue(input, header, entry, XmpLabel.MaxPacketBytes, "XMLPacket value");
            sites.AddRange(XmpLabel.ReadSites(packet, where, findings));
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var header = TiffHeader.Read(input);
        var ifd0 = Validate(input, header);
        var old = ifd0.Entries.Where(e => e.Tag == XmpTag).ToList();
        var existing = old.Count > 0 ? TiffIfd.ReadValue(input, header, old[0], XmpLabel.MaxPacketBytes, "XMLPacket value") : null;
        var json = LabelJson.Serialize(label);
        var patches = new PatchedCopy();

        if (old.Count == 1 && !old[0].IsInline(header) && FitPacket(existing, json, old[0].ValueLength) is { } fitted)
        {
            // The new packet fits where the old one is: same file size, nothing else moves.
            var region = new byte[old[0].ValueLength];
            fitted.CopyTo(region, 0);
            patches.Add(old[0].ValueOffset(header), region);
            var typeAndCount = new byte[2 + header.ValueFieldLength];
            header.WriteU16(typeAndCount, TiffFieldType.Byte);
            header.WriteWord(typeAndCount.AsSpan(2), fitted.Length);
            patches.Add(old[0].EntryOffset + 2, typeAndCount);
            patches.CopyTo(input, output);
            return;
        }

        foreach (var entry in old.Where(e => !e.IsInline(header) && e.ValueLength > 0).DistinctBy(e => e.ValueOffset(header)))
        {
            if (entry.ValueLength > XmpLabel.MaxPacketBytes)
            {
                throw new ContainerFormatException($"XMLPacket of {entry.ValueLength} bytes is larger than any real packet", entry.EntryOffset);
            }

            patches.Add(entry.ValueOffset(header), new byte[entry.ValueLength]); // the old label must not linger unreferenced
        }

        var packet = XmpLabel.Merge(existing, json, padding: 2048);
        var packetAt = Align(input.Length);
        var ifdAt = Align(packetAt + packet.Length);
        var ifdLength = header.CountLength + ((ifd0.Entries.Count + 1) * header.EntryLength) + header.ValueFieldLength;
        if (!header.IsBig && ifdAt + ifdLength > uint.MaxValue)
        {
            throw new LabelingException(ProblemCodes.Unsupported, "the labeled file would pass the 4 GB limit of classic TIFF offsets; convert it to BigTIFF");
        }

        var ifd = BuildIfd0(header, ifd0, packet.Length, packetAt);

        var firstIfd = new byte[header.ValueFieldLength];
        header.WriteWord(firstIfd, ifdAt);
        patches.Add(header.FirstIfdField, firstIfd);
        patches.CopyTo(input, output);
        output.Write(new byte[packetAt - input.Length]);
        output.Write(packet);
        output.Write(new byte[ifdAt - (packetAt + packet.Length)]);
        output.Write(ifd);
    }

    /// <summary>
    /// Walks the IFD chain (every page) and checks every out-of-line value and every strip or tile lies inside the
    /// file, so a truncated or lying file is reported rather than labeled. Returns IFD0.
    /// </summary>
    private static TiffIfd Validate(Stream input, TiffHeader header)
    {
        TiffIfd? first = null;
        var visited = new HashSet<long>();
        for (var offset = header.FirstIfdOffset; offset != 0;)
        {
            if (visited.Count >= MaxIfds || !visited.Add(offset))
            {
                throw new ContainerFormatException("the IFD chain loops or is implausibly long", offset);
            }

            var ifd = TiffIfd.Read(input, header, offset);
            first ??= ifd;
            foreach (var entry in ifd.Entries.Where(e => e.ValueLength > 0 && !e.IsInline(header)))
            {
                var at = entry.ValueOffset(header);
                if (at < header.Length || at > input.Length - entry.ValueLength)
                {
                    throw new ContainerFormatException($"tag {entry.Tag} claims {entry.ValueLength} bytes at {at}, outside the file", entry.EntryOffset);
                }
            }

            CheckData(input, header, ifd, 273, 279, "strip");
            CheckData(input, header, ifd, 324, 325, "tile");
            offset = ifd.NextIfdOffset;
        }

        return first ?? throw new ContainerFormatException("TIFF has no IFD0", header.FirstIfdField);
    }

    private static void CheckData(Stream input, TiffHeader header, TiffIfd ifd, ushort offsetsTag, ushort countsTag, string what)
    {
        if (ifd.Find(offsetsTag) is not { } offsetsEntry)
        {
            return;
        }

        var offsets = TiffIfd.ReadNumbers(input, header, offsetsEntry, $"{what} offsets");
        var counts = ifd.Find(countsTag) is { } countsEntry ? TiffIfd.ReadNumbers(input, header, countsEntry, $"{what} byte counts") : null;
        if (counts is null || counts.Length != offsets.Length)
        {
            throw new ContainerFormatException($"IFD at {ifd.Offset} has {offsets.Length} {what} offsets but {counts?.Length ?? 0} byte counts", ifd.Offset);
        }

        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] > input.Length || counts[i] > input.Length - offsets[i])
            {
                throw new ContainerFormatException($"{what} {i} of the IFD at {ifd.Offset} claims {counts[i]} bytes at {offsets[i]}, past the end of the file: it is truncated", ifd.Offset);
            }
        }
    }

    /// <summary>The merged packet when it fits in <paramref name="room"/> bytes (padded to use the room), else null.</summary>
    private static byte[]? FitPacket(byte[]? existing, string json, long room)
    {
        var tight = XmpLabel.Merge(existing, json, padding: 0);
        if (tight.Length > room)
        {
            return null;
        }

        var padding = (int)Math.Min(room - tight.Length - 2, 64 << 10);
        if (padding <= 0)
        {
            return tight;
        }

        var padded = XmpLabel.Merge(existing, json, padding);
        return padded.Length <= room ? padded : tight;
    }

    /// <summary>IFD0 with its entries copied as stored (inline values stay inline) and tag 700 pointing at the packet.</summary>
    private static byte[] BuildIfd0(TiffHeader header, TiffIfd ifd0, int packetLength, long packetAt)
    {
        var xmp = new byte[header.EntryLength];
        header.WriteU16(xmp, XmpTag);
        header.WriteU16(xmp.AsSpan(2), TiffFieldType.Byte);
        header.WriteWord(xmp.AsSpan(4), packetLength);
        header.WriteWord(xmp.AsSpan(4 + header.ValueFieldLength), packetAt); // a packet never fits inline
        var entries = ifd0.Entries.Where(e => e.Tag != XmpTag).Select(e => (e.Tag, e.Raw)).Append((Tag: XmpTag, Raw: xmp)).OrderBy(e => e.Tag).ToList();
        var ifd = new byte[header.CountLength + (header.EntryLength * entries.Count) + header.ValueFieldLength];
        if (header.IsBig)
        {
            header.WriteWord(ifd, entries.Count);
        }
        else
        {
            header.WriteU16(ifd, (ushort)entries.Count);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Raw.CopyTo(ifd, header.CountLength + (header.EntryLength * i));
        }

        header.WriteWord(ifd.AsSpan(ifd.Length - header.ValueFieldLength), ifd0.NextIfdOffset);
        return ifd;
    }

    private static long Align(long offset) => (offset + 1) & ~1L;
}
