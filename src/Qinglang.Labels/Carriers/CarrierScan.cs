using Qinglang.Core;

namespace Qinglang.Labels.Carriers;

/// <summary>What a carrier found in one file: every label site, and findings about the container itself.</summary>
/// <param name="Format">The precise format when the carrier can tell (e.g. <c>mov</c>, <c>docx</c>), else null.</param>
public sealed record CarrierScan(IReadOnlyList<LabelSite> Sites, IReadOnlyList<Finding> Findings, string? Format = null);
