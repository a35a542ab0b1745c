namespace Qinglang.Core;

/// <summary>How much a finding matters. Errors make a result fail; warnings are reported deviations.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
