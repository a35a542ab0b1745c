using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers;

/// <summary>
/// One place in a file where a label value was found.
/// </summary>
/// <param name="Kind">The kind of site: <c>xmp</c>, <c>exif-usercomment</c>, <c>png-text</c>, <c>mp4-keys</c>, …</param>
/// <param name="Location">Where it is, for people: segment, chunk or box path and offset.</param>
/// <param name="Value">The raw value text as stored (before JSON parsing).</param>
/// <param name="ExpectedForm">The JSON layout the TC260 guide gives for this site.</param>
public sealed record LabelSite(string Kind, string Location, string Value, LabelJsonForm ExpectedForm = LabelJsonForm.Bare);
