using Qinglang.Core;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Model;
using Qinglang.Labels.Signing;
using Qinglang.Review.Metadata;
using Qinglang.Review.Traces;

namespace Qinglang.Review.Identifying;

/// <summary>
/// Decides, for one uploaded file, what a spreading platform must say about it (Measures Art. 6, labels.md §4–5):
/// "1" when a valid implicit label says AI (signatures checked against <paramref name="trustedKeys"/>), "2" when
/// there is none but the uploader declared AI, "3" when neither but traces were found, null otherwise.
/// </summary>
public sealed class AigcIdentifier(IReadOnlyCollection<Sm2KeyPair>? trustedKeys = null, IReadOnlyList<ITraceDetector>? detectors = null)
{
    /// <summary>Every trace detector, in the order their evidence is listed.</summary>
    public static IReadOnlyList<ITraceDetector> DefaultDetectors { get; } =
    [
        new C2paDetector(),
        new IptcSourceTypeDetector(),
        new StableDiffusionDetector(),
        new ComfyUiDetector(),
        new NovelAiDetector(),
        new GeneratorSoftwareDetector(),
        new ExplicitTextLabelDetector(),
    ];

    private static readonly HashSet<string> QuietLabelProblems =
        [ProblemCodes.Missing, ProblemCodes.FormatUnknown, ProblemCodes.NoImplicitSite, ProblemCodes.Unsupported];

    private readonly LabelInspector _inspector = new(CarrierRegistry.Default, trustedKeys);
    private readonly IReadOnlyList<ITraceDetector> _detectors = detectors ?? DefaultDetectors;

    public Identification Identify(string path, bool declaredAi)
    {
        InspectionReport report;
        MediaMetadata metadata;
        try
        {
            // One open, one read: the label inspection and the trace metadata parse the same bytes.
            using var file = UploadedFile.Open(path);
            report = _inspector.Inspect(file.WholeFile(), path);
            metadata = MetadataExtractor.Read(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new Identification(path, null, null, [], null, null, $"cannot read: {ex.Message}");
        }

        var evidence = new List<Evidence>();
        var labeled = LabelEvidence(report, evidence);
        if (declaredAi)
        {
            evidence.Add(new Evidence(EvidenceKinds.Declared, "upload", "the uploader declared the content AI-generated"));
        }

        foreach (var detector in _detectors)
        {
            evidence.AddRange(detector.Detect(metadata));
        }

        evidence.AddRange(metadata.Problems.Select(p => Evidence.Note(EvidenceKinds.MetadataProblem, metadata.Container, p)));

        var traces = evidence.Any(e => e.IndicatesAi && e.Kind != EvidenceKinds.Declared);
        var decision = labeled ? Decision.Labeled : declaredAi ? Decision.Declared : traces ? Decision.Suspected : null;
        return new Identification(path, report.Format ?? metadata.Container, decision, evidence, Decision.Notice(decision), decision is null ? Decision.AbsenceNote : null);
    }

    /// <summary>Adds the label's evidence; true when it is a valid label saying "1".</summary>
    private static bool LabelEvidence(InspectionReport report, List<Evidence> evidence)
    {
        var where = report.Sites.Count > 0 ? string.Join("; ", report.Sites.Select(s => s.Location)) : report.Format ?? "file";
        var errors = report.Problems.Where(p => p.Severity == Severity.Error && !QuietLabelProblems.Contains(p.Code)).ToList();
        foreach (var problem in errors)
        {
            evidence.Add(Evidence.Note(EvidenceKinds.LabelProblem, problem.Where ?? where, $"{problem.Code}: {problem.Message}"));
        }

        if (report.Label is not { } label)
        {
            return false;
        }

        var signatures = report.Signatures.Count == 0
            ? "no signature"
            : string.Join("; ", report.Signatures.Select(s => $"{s.Element} signature {s.Status.ToString().ToLowerInvariant()}"));
        var says = $"Label \"{label.Label}\" ({LabelValue.Describe(label.Label)}), ContentProducer \"{label.ContentProducer}\", ProduceID \"{label.ProduceID}\"; {signatures}";
        if (report.IsValid && label.Label == Decision.Labeled)
        {
            evidence.Add(new Evidence(EvidenceKinds.ImplicitLabel, where, $"valid implicit label: {says}"));
            return true;
        }

        // A label that fails the rules, or an earlier platform's "2"/"3", is a trace but not proof.
        var state = report.IsValid ? "implicit label" : "implicit label failing the rules";
        evidence.Add(new Evidence(EvidenceKinds.ImplicitLabel, where, $"{state}: {says}", IndicatesAi: label.Label is "1" or "2" or "3"));
        return false;
    }
}
