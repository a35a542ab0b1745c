using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>The catalog's /Metadata stream (ISO 32000-1 §14.3.2): an XMP packet, unfiltered or Flate-compressed.</summary>
internal sealed class PdfMetadata
{
    private readonly PdfReference _reference;
    private readonly PdfStream _stream;

    private PdfMetadata(PdfReference reference, PdfStream stream, byte[] packet)
    {
        _reference = reference;
        _stream = stream;
        Packet = packet;
    }

    public byte[] Packet { get; }

    /// <summary>The catalog's XMP, or null when there is none or it is encoded in a way this reader does not decode.</summary>
    public static PdfMetadata? Find(PdfDocument document, ICollection<Finding>? findings)
    {
        if (document.Resolve(document.Trailer["Root"]) is not PdfDictionary catalog)
        {
            throw new ContainerFormatException("trailer /Root is not a catalog dictionary");
        }

        if (catalog["Metadata"] is not PdfReference reference || document.Resolve(reference) is not PdfStream stream)
        {
            return null;
        }

        var what = $"metadata stream {reference}";
        var packet = document.Decode(stream, XmpLabel.MaxPacketBytes, what);
        if (packet is null)
        {
            findings?.Add(Finding.Info(ProblemCodes.Unsupported, $"{what} uses a filter this reader does not decode; its XMP was not searched for a label"));
        }

        return packet is null ? null : new PdfMetadata(reference, stream, packet);
    }

    public string Describe() => $"catalog /Metadata stream (object {_reference.Number} {_reference.Generation})";

    /// <summary>The stream object redefined with <paramref name="packet"/>, uncompressed, other entries kept.</summary>
    public PdfUpdatedObject Replacement(byte[] packet)
    {
        var entries = _stream.Dictionary.Entries.Where(e => e.Key is not ("Length" or "Filter" or "DecodeParms" or "DL")).ToList();
        entries.Add(new("Length", PdfNumber.Of(packet.Length)));
        return new PdfUpdatedObject(_reference.Number, _reference.Generation, new PdfDictionary(entries), packet);
    }
}
