using Qinglang.Labels.Model;

namespace Qinglang.Labels.Writing;

/// <summary>What a write did: the file written, its format, the label it now carries, and whether it was edited in place.</summary>
public sealed record LabelWriteResult(string Path, string Format, AigcLabel Label, bool InPlace);
