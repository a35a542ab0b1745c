using Qinglang.Labels.Carriers;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Explicit;

/// <summary>
/// Marks one file: detects its format by content, lets the matching marker write a marked copy to a temporary file
/// next to the output, carries the input's implicit label (signatures included) over to it, and only then renames it
/// into place. The input is never modified; a failure leaves no file behind.
/// </summary>
public sealed class ExplicitMarkWriter(IReadOnlyList<IExplicitMarker> markers, CarrierRegistry registry)
{
    public static ExplicitMarkWriter Default { get; } = new(ExplicitMarkerCatalog.All(), CarrierRegistry.Default);

    public IReadOnlyList<IExplicitMarker> Markers => markers;

    public async Task<MarkResult> MarkAsync(string input, string output, MarkOptions options, CancellationToken cancellationToken = default)
    {
        if (Path.GetFullPath(input) == Path.GetFullPath(output))
        {
            throw new MarkingException("the output must be a new file: an explicitly marked copy never replaces its original");
        }

        // One rule for every medium: the caption, spoken notice or text notice must read as an AI-generation notice.
        NoticeRules.EnsureValid(options.Text);
        var report = new LabelInspector(registry).Inspect(input);
        if (report.Unreadable || report.Format is null)
        {
            throw new MarkingException($"{input}: {report.Problems.FirstOrDefault()?.Message ?? "not a format Qinglang can mark"}");
        }

        var source = new MarkInput(input, report.Format);
        var marker = markers.FirstOrDefault(m => m.Handles(source))
            ?? throw new MarkingException($"{input}: no explicit marker for {report.Format} content");
        if (options.Position is { } position && !marker.Positions.Contains(position))
        {
            throw new MarkingException($"{marker.Media} marks go at {string.Join(", ", marker.Positions)}, not {position}");
        }

        var full = Path.GetFullPath(output);
        var temp = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.qinglang.tmp{Path.GetExtension(input)}");
        try
        {
            var result = await marker.MarkAsync(source, temp, options, cancellationToken).ConfigureAwait(false);
            if (report.Label is { } label)
            {
                new LabelWriter(registry).Carry(temp, null, label);
            }

            File.Move(temp, full, overwrite: true);
            return result;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
