using Qinglang.Core;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Signing;

namespace Qinglang.Labels.Inspection;

/// <summary>Reads every label site of a file and judges the label: Annex E rules, one site per file, signatures.</summary>
public sealed class LabelInspector(CarrierRegistry registry, IReadOnlyCollection<Sm2KeyPair>? trustedKeys = null)
{
    /// <summary>Files up to this size are read whole; larger ones are parsed on disk, reading only their metadata.</summary>
    private const int InMemoryLimit = 1 << 20;

    private readonly IReadOnlyCollection<Sm2KeyPair> _trusted = trustedKeys ?? [];

    public InspectionReport Inspect(string path)
    {
        try
        {
            using var stream = FileSource.OpenRead(path, InMemoryLimit);
            return Inspect(stream, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new InspectionReport(path, null, null, [], [Finding.Error(ProblemCodes.ReadError, $"cannot read: {ex.Message}")], []);
        }
    }

    public InspectionReport Inspect(Stream stream, string path)
    {
        var carrier = registry.Detect(stream);
        if (carrier is null)
        {
            return new InspectionReport(path, null, null, [], [Finding.Error(ProblemCodes.FormatUnknown, "not a format Qinglang can label (detected by content, not by name)")], []);
        }

        CarrierScan scan;
        try
        {
            scan = carrier.Read(stream);
        }
        catch (ContainerFormatException ex)
        {
            return new InspectionReport(path, carrier.Format, null, [], [Finding.Error(ProblemCodes.ContainerCorrupt, $"corrupt {carrier.Format}: {ex.Message}")], []);
        }

        return Judge(path, scan.Format ?? carrier.Format, scan);
    }

    private InspectionReport Judge(string path, string format, CarrierScan scan)
    {
        var problems = new List<Finding>(scan.Findings);
        var parsed = new List<(LabelSite Site, ParsedLabel Parsed)>();
        foreach (var site in scan.Sites)
        {
            var result = LabelJson.Parse(site.Value, site.Location);
            problems.AddRange(result.Findings);
            if (result.Label is not null && result.Form != site.ExpectedForm)
            {
                problems.Add(Finding.Warning(ProblemCodes.Form, $"label JSON is {Describe(result.Form)}; this site takes it {Describe(site.ExpectedForm)}", site.Location));
            }

            parsed.Add((site, result));
        }

        var labels = parsed.Where(p => p.Parsed.Label is not null).ToList();
        if (scan.Sites.Count == 0)
        {
            problems.Add(Finding.Error(ProblemCodes.Missing, "no implicit label found (absence of metadata does not prove the content is not AI-generated)"));
            return new InspectionReport(path, format, null, scan.Sites, problems, []);
        }

        if (scan.Sites.Count > 1)
        {
            problems.Add(Finding.Error(ProblemCodes.Duplicate, $"{scan.Sites.Count} label sites found; GB 45438 §6.1 allows exactly one: {string.Join("; ", scan.Sites.Select(s => s.Location))}"));
            var distinct = labels.Select(l => l.Parsed.Label!).Distinct().Count();
            if (distinct > 1)
            {
                problems.Add(Finding.Error(ProblemCodes.Conflict, $"the label sites disagree: {distinct} different labels"));
            }
        }

        if (labels.Count == 0)
        {
            return new InspectionReport(path, format, null, scan.Sites, problems, []);
        }

        var (firstSite, first) = labels[0];
        var label = first.Label!;
        problems.AddRange(LabelRules.Validate(label, firstSite.Location));
        var signatures = CheckSignatures(label, firstSite.Location, problems);
        return new InspectionReport(path, format, label, scan.Sites, problems, signatures);
    }

    private List<SignatureCheck> CheckSignatures(AigcLabel label, string where, List<Finding> problems)
    {
        var checks = new List<SignatureCheck>();
        foreach (var element in (string[])[nameof(AigcLabel.ReservedCode1), nameof(AigcLabel.ReservedCode2)])
        {
            var record = SecurityData.TryParse(label[element], out var parseProblem);
            if (parseProblem is not null)
            {
                problems.Add(Finding.Error(ProblemCodes.SignatureMalformed, $"{element}: {parseProblem}", where));
                checks.Add(new SignatureCheck(element, SignatureStatus.Malformed, parseProblem));
                continue;
            }

            if (record is null)
            {
                continue;
            }

            var (status, detail) = LabelSigner.Verify(label, record, _trusted);
            checks.Add(new SignatureCheck(element, status, detail));
            switch (status)
            {
                case SignatureStatus.Invalid:
                    problems.Add(Finding.Error(ProblemCodes.SignatureInvalid, $"{element}: {detail}", where));
                    break;
                case SignatureStatus.Malformed:
                    problems.Add(Finding.Error(ProblemCodes.SignatureMalformed, $"{element}: {detail}", where));
                    break;
                case SignatureStatus.Untrusted when _trusted.Count > 0:
                    problems.Add(Finding.Error(ProblemCodes.SignatureUntrusted, $"{element}: {detail}", where));
                    break;
                case SignatureStatus.Untrusted:
                    problems.Add(Finding.Warning(ProblemCodes.SignatureUnchecked, $"{element}: {detail}; pass a trusted key to verify", where));
                    break;
            }
        }

        return checks;
    }

    private static string Describe(LabelJsonForm form) => form == LabelJsonForm.Wrapped ? "wrapped as {\"AIGC\":{…}}" : "bare (the seven keys)";
}
