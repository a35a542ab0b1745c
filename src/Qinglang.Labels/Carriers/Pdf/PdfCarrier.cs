using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// PDF: the label is the document information dictionary's <c>/AIGC</c> string (TC260-PG-20258A); XMP in the
/// catalog's /Metadata stream is read as the alternative site. Writing appends an incremental update, so every
/// original byte stays where it was (signatures over earlier revisions keep verifying).
/// </summary>
public sealed class PdfCarrier : IInPlaceLabelCarrier
{
    private const int HeaderSearch = 1024;

    /// <summary>Larger updates (a big XMP packet) go through a copy, so an in-place edit stays one small final write.</summary>
    private const int MaxInPlaceUpdate = 64 << 10;

    public string Format => "pdf";

    /// <summary>
    /// "%PDF-" and a version digit at the start of a line (after optional blanks, or after binary junk) in the first
    /// kilobyte, where readers accept the header; a text file merely mentioning it mid-line is not taken for a PDF.
    /// </summary>
    public bool Detect(ReadOnlySpan<byte> head)
    {
        var window = head[..Math.Min(head.Length, HeaderSearch)];
        for (var at = window.IndexOf("%PDF-"u8); at >= 0; at = NextHeader(window, at))
        {
            var before = at - 1;
            while (before >= 0 && window[before] is (byte)' ' or (byte)'\t')
            {
                before--; // e.g. whitespace a web script printed before the file
            }

            var lineStart = before < 0 || window[before] is (byte)'\n' or (byte)'\r' or > 0x7E or < 0x09;
            if (lineStart && at + 5 < window.Length && char.IsAsciiDigit((char)window[at + 5]))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextHeader(ReadOnlySpan<byte> window, int previous)
    {
        var next = window[(previous + 1)..].IndexOf("%PDF-"u8);
        return next < 0 ? -1 : previous + 1 + next;
    }

    public CarrierScan Read(Stream input)
    {
        var findings = new List<Finding>();
        var document = PdfDocument.Open(input, findings);
        if (document.Trailer["Encrypt"] is not null)
        {
            findings.Add(Finding.Warning(ProblemCodes.Unsupported, "the PDF is encrypted: its Info strings and metadata cannot be read without the password"));
            return new CarrierScan([], findings);
        }

        var sites = new List<LabelSite>();
        var siteFindings = new List<Finding>();
        var problem = ReadSites(document, sites, siteFindings);
        if (problem is not null && !document.Xref.Recovered)
        {
            // Sound-looking cross-references can still point at the wrong bytes: read again as viewers do, by scanning.
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{problem}; objects were found by scanning the file"));
            (sites, siteFindings) = ([], []);
            problem = ReadSites(PdfDocument.Recover(input), sites, siteFindings);
        }

        findings.AddRange(siteFindings);
        if (problem is not null)
        {
            findings.Add(Finding.Error(ProblemCodes.ContainerCorrupt, problem));
        }

        return new CarrierScan(sites, findings);
    }

    /// <summary>Collects the Info and XMP label sites; returns what could not be read, or null.</summary>
    private static string? ReadSites(PdfDocument document, List<LabelSite> sites, List<Finding> findings)
    {
        string? problem = null;
        try
        {
            var info = PdfInfo.Find(document);
            foreach (var entry in info.LabelEntries)
            {
                var where = $"{info.Describe()} key /{entry.Key}";
                if (document.Resolve(entry.Value) is PdfString text)
                {
                    sites.Add(new LabelSite("pdf-info", where, text.Text));
                }
                else
                {
                    findings.Add(Finding.Error(ProblemCodes.InvalidValue, $"/{entry.Key} is {PdfObjectText.Describe(entry.Value)}, not a string", where));
                }
            }
        }
        catch (ContainerFormatException ex)
        {
            problem = $"document information dictionary unreadable: {ex.Message}";
        }

        try
        {
            if (PdfMetadata.Find(document, findings) is { } metadata)
            {
                sites.AddRange(XmpLabel.ReadSites(metadata.Packet, metadata.Describe(), findings));
            }
        }
        catch (ContainerFormatException ex)
        {
            problem ??= $"catalog /Metadata stream unreadable: {ex.Message}";
        }

        return problem;
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var plan = Plan(input, label);
        input.Position = 0;
        input.CopyRange(output, plan?.Keep ?? input.Length, "PDF");
        if (plan is not null)
        {
            output.Write(plan.Update);
        }
    }

    /// <summary>
    /// Appends the update to the file itself when it only adds bytes (an incremental update is designed for that):
    /// the original bytes are never touched, and the update goes in one final write. Replacing Qinglang's own update
    /// would shorten the file first, so that case takes the copy-and-rename path.
    /// </summary>
    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        var plan = Plan(file, label);
        if (plan is null)
        {
            return true;
        }

        if (plan.Keep != file.Length || plan.Update.Length > MaxInPlaceUpdate)
        {
            return false;
        }

        file.Position = file.Length;
        file.Write(plan.Update);
        return true;
    }

    /// <summary>What labeling needs: the bytes to keep and the update to append; null when the file already carries exactly this label.</summary>
    private static UpdatePlan? Plan(Stream input, AigcLabel label)
    {
        var document = PdfDocument.Open(input, findings: null);
        if (document.Trailer["Encrypt"] is not null)
        {
            throw new LabelingException(ProblemCodes.Unsupported, "the PDF is encrypted: its document information cannot be labeled without decrypting it first");
        }

        var json = LabelJson.Serialize(label);
        var (info, xmp) = WritableSites(document);
        if (xmp is null && info.LabelEntries.Count == 1 && info.LabelEntries[0] is { Key: "AIGC", Value: PdfString current } && current.Text == json)
        {
            return null; // another update would only grow the file
        }

        var keep = input.Length;
        if (PdfOwnUpdate.Find(document) is { } ownStart && OpenRevision(input, ownStart, document.Xref.PreviousStartXref) is { } previous)
        {
            // Qinglang's own update is the newest revision: replace it rather than stack a second label revision.
            (document, keep) = (previous, ownStart);
            (info, xmp) = WritableSites(document);
        }

        var size = NextObjectNumber(document);
        var infoReference = info.Reference ?? new PdfReference(size++, 0);
        var updated = new List<PdfUpdatedObject> { new(infoReference.Number, infoReference.Generation, info.WithLabel(json)) };
        if (xmp is not null)
        {
            // TC260 puts a PDF's label in /Info: the XMP copy is removed so one site remains.
            var packet = XmpLabel.Remove(xmp.Packet) ?? XmpLabel.Remove(XmpLabel.Merge((string?)null, json, 0))!;
            updated.Add(xmp.Replacement(packet));
        }

        input.Position = keep - 1;
        var endsWithEol = input.ReadByte() is '\n' or '\r';
        return new UpdatePlan(keep, PdfIncrementalUpdate.Build(keep, endsWithEol, document.Xref, document.Trailer, size, [new("Info", infoReference)], updated));
    }

    /// <summary>The Info dictionary, and the catalog's XMP when it holds a label (which writing must remove).</summary>
    private static (PdfInfo Info, PdfMetadata? LabeledXmp) WritableSites(PdfDocument document)
    {
        var metadata = PdfMetadata.Find(document, findings: null);
        var labeled = metadata is not null && XmpLabel.ReadSites(metadata.Packet, metadata.Describe(), new List<Finding>()).Any();
        return (PdfInfo.Find(document), labeled ? metadata : null);
    }

    /// <summary>The revision in the first <paramref name="length"/> bytes, when it is sound and is the one /Prev names.</summary>
    private static PdfDocument? OpenRevision(Stream input, long length, long? expectedStartXref)
    {
        try
        {
            var revision = PdfDocument.Open(input, findings: null, length);
            return revision.Xref.StartXref == expectedStartXref && revision.Trailer["Encrypt"] is null ? revision : null;
        }
        catch (ContainerFormatException)
        {
            return null; // not a revision after all: the update is kept and a new one stacked on it
        }
    }

    /// <summary>The trailer's /Size, or past the highest object number when the trailer understates it.</summary>
    private static int NextObjectNumber(PdfDocument document)
    {
        var declared = document.Trailer["Size"] is PdfNumber { AsNonNegativeLong: { } s } ? s : 0;
        var highest = document.Xref.Entries.Count == 0 ? 0 : document.Xref.Entries.Keys.Max() + 1L;
        var size = Math.Max(declared, highest);
        if (size >= int.MaxValue - 2)
        {
            throw new ContainerFormatException($"trailer /Size {size} leaves no object number for an update");
        }

        return (int)size;
    }

    /// <param name="Keep">How many leading bytes of the input the labeled file keeps.</param>
    /// <param name="Update">The incremental update appended after them.</param>
    private sealed record UpdatePlan(long Keep, byte[] Update);
}
