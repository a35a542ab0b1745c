namespace Qinglang.Labels.Explicit.Text;

/// <summary>A file that cannot be read as text (not text, invalid bytes, too large), with its problem code.</summary>
internal sealed class TextFormatException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
