using Qinglang.Core;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Model;
using Qinglang.Labels.Signing;

namespace Qinglang.Labels.Inspection;

/// <summary>One signature found in a label and what checking it gave.</summary>
public sealed record SignatureCheck(string Element, SignatureStatus Status, string Detail);

/// <summary>
/// Everything inspection found in one file: its format, the label (the first readable one), every site that held a
/// label value, signature checks, and problems with stable codes.
/// </summary>
public sealed record InspectionReport(
    string Path,
    string? Format,
    AigcLabel? Label,
    IReadOnlyList<LabelSite> Sites,
    IReadOnlyList<Finding> Problems,
    IReadOnlyList<SignatureCheck> Signatures)
{
    /// <summary>The file could not be read at all (missing, permission denied, I/O error).</summary>
    public bool Unreadable => Problems.Any(p => p.Code == ProblemCodes.ReadError);

    /// <summary>The file carries one label that meets the rules: no error-level problem.</summary>
    public bool IsValid => Label is not null && !Problems.Any(p => p.Severity == Severity.Error);
}
