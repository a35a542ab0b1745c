namespace Qinglang.Labels;

/// <summary>A labeling request that cannot be carried out, with a stable problem code (see <see cref="Model.ProblemCodes"/>).</summary>
public sealed class LabelingException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
