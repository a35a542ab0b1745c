namespace Qinglang.Core;

/// <summary>
/// One thing a check found. <see cref="Code"/> is stable and machine-readable (e.g. <c>label.missing</c>);
/// <see cref="Where"/> names the place in the input (a byte offset, a metadata site, a line) when there is one.
/// </summary>
public sealed record Finding(string Code, Severity Severity, string Message, string? Where = null)
{
    public static Finding Error(string code, string message, string? where = null) => new(code, Severity.Error, message, where);
    public static Finding Warning(string code, string message, string? where = null) => new(code, Severity.Warning, message, where);
    public static Finding Info(string code, string message, string? where = null) => new(code, Severity.Info, message, where);
}
