using Qinglang.Core;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Text;

/// <summary>
/// Plain text has no metadata, so no implicit label site (labels.md §2): reading reports that, and writing refuses
/// with advice to use an explicit label instead. Registered last: any other text format is detected before it.
/// </summary>
public sealed class PlainTextCarrier : ILabelCarrier
{
    public string Format => "text";

    public bool Detect(ReadOnlySpan<byte> head) => TextSniffer.IsText(head);

    public CarrierScan Read(Stream input) =>
        new([], [Finding.Info(ProblemCodes.NoImplicitSite, "plain text has no implicit label site; it needs an explicit label (a notice with 人工智能/AI and 生成/合成)")]);

    public void Write(Stream input, Stream output, AigcLabel label) =>
        throw new LabelingException(ProblemCodes.NoImplicitSite, "plain text has no implicit label site; add an explicit label (e.g. 本内容由人工智能生成) instead");
}
