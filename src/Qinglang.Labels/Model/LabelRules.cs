using Qinglang.Core;

namespace Qinglang.Labels.Model;

/// <summary>Judges a label's elements against GB 45438-2025 Annex E and TC260-PG-20252A.</summary>
public static class LabelRules
{
    /// <summary>
    /// Annex E character rule: printable ASCII 0x21, 0x23–0x5B, 0x5D–0x7E, and an escaped quote. Values here are
    /// decoded JSON strings, so a quote in them was written as \" and is allowed; a backslash or space is not.
    /// </summary>
    public static bool IsAllowedChar(char c) => c is >= '!' and <= '~' && c != '\\';

    public static IEnumerable<Finding> Validate(AigcLabel label, string? where = null)
    {
        if (string.IsNullOrEmpty(label.Label))
        {
            yield return Finding.Error(ProblemCodes.MissingElement, "element Label is missing", where);
        }
        else if (!LabelValue.IsValid(label.Label))
        {
            yield return Finding.Error(ProblemCodes.InvalidValue, $"Label is '{label.Label}'; it must be \"1\", \"2\" or \"3\"", where);
        }

        var hasProducer = !string.IsNullOrEmpty(label.ContentProducer);
        var hasPropagator = !string.IsNullOrEmpty(label.ContentPropagator);
        if (!hasProducer && !hasPropagator)
        {
            yield return Finding.Error(ProblemCodes.MissingElement, "neither ContentProducer nor ContentPropagator is given", where);
        }

        if (hasProducer != !string.IsNullOrEmpty(label.ProduceID))
        {
            yield return Finding.Error(ProblemCodes.MissingElement, hasProducer ? "ContentProducer is given without ProduceID" : "ProduceID is given without ContentProducer", where);
        }

        if (hasPropagator != !string.IsNullOrEmpty(label.PropagateID))
        {
            yield return Finding.Error(ProblemCodes.MissingElement, hasPropagator ? "ContentPropagator is given without PropagateID" : "PropagateID is given without ContentPropagator", where);
        }

        foreach (var (name, value) in label.Elements())
        {
            if (FirstBadChar(value) is { } bad)
            {
                yield return Finding.Error(ProblemCodes.Charset, $"{name} has {Describe(bad)}; Annex E allows printable ASCII without space, bare quote or backslash", where);
            }
        }

        foreach (var name in (string[])[nameof(AigcLabel.ContentProducer), nameof(AigcLabel.ContentPropagator)])
        {
            if (label[name] is { Length: > 0 } code && ProviderCode.Check(code) is { } why)
            {
                yield return Finding.Warning(ProblemCodes.ProviderCode, $"{name} '{code}' is not a TC260-PG-20252A provider code: it {why}", where);
            }
        }
    }

    /// <summary>Errors that make a value unwritable (a writer refuses to produce a label that breaks Annex E).</summary>
    public static string? CheckWritable(string element, string value) =>
        FirstBadChar(value) is { } bad ? $"{element} has {Describe(bad)}; Annex E allows printable ASCII without space or backslash" : null;

    private static char? FirstBadChar(string value)
    {
        foreach (var c in value)
        {
            if (!IsAllowedChar(c))
            {
                return c;
            }
        }

        return null;
    }

    private static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '\\' => "a backslash",
        < ' ' or (char)0x7F => $"control character U+{(int)c:X4}",
        _ => $"'{c}' (U+{(int)c:X4})",
    };
}
