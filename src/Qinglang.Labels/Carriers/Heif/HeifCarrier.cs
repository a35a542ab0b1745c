using Qinglang.Core;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Heif;

/// <summary>
/// HEIF, HEIC and AVIF (ISO/IEC 23008-12): the label lives in an XMP item of the top-level meta box — an infe of
/// type <c>mime</c> with content type <c>application/rdf+xml</c>, located by iloc. Writing merges into the existing
/// XMP item or adds one (with a cdsc reference to the primary image) and keeps every image item decodable.
/// Must be registered before the MP4 carrier: both see an ftyp box, only this one claims the image brands.
/// </summary>
public sealed class HeifCarrier : ILabelCarrier
{
    /// <summary>Problem code for HEIF layouts this writer cannot relabel safely.</summary>

    public string Format => "heif";

    public bool Detect(ReadOnlySpan<byte> head) => HeifBrands.Detect(head);

    public CarrierScan Read(Stream input)
    {
        var file = HeifFile.Open(input);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        if (file.Meta is null)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, "HEIF file has no top-level meta box, so no XMP item"));
            return new CarrierScan(sites, findings, file.Format);
        }

        foreach (var item in file.XmpItems())
        {
            var where = $"meta XMP item {item.Info.ItemId}";
            if (Unreadable(item) is { } why)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"XMP item {item.Info.ItemId} {why}; it was not read for labels", where));
                continue;
            }

            try
            {
                var packet = file.ReadXmp(input, item);
                var place = (item.Location!.ConstructionMethod == 0 ? "file offsets" : "idat") + (item.Info.ContentEncoding.Length > 0 ? $", {item.Info.ContentEncoding}" : "");
                sites.AddRange(XmpLabel.ReadSites(packet, $"{where} ({place})", findings));
            }
            catch (ContainerFormatException ex)
            {
                findings.Add(Finding.Error(ProblemCodes.ContainerCorrupt, $"XMP item {item.Info.ItemId} cannot be read: {ex.Message}", where));
            }
        }

        return new CarrierScan(sites, findings, file.Format);
    }

    public void Write(Stream input, Stream output, AigcLabel label) => HeifLabelWriter.Write(input, output, label);

    private static string? Unreadable(XmpItem item) => HeifFile.Unreadable(item);
}
