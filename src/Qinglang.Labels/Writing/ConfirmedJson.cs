using Qinglang.Labels.Model;

namespace Qinglang.Labels.Writing;

/// <summary>
/// The two JSON steps of a write's read-back check, remembered per thread: parsing a stored value and serializing a
/// label are pure functions, so the last result of each is reused when the same text or label comes again — a batch
/// writing one label into many files parses and serializes it once, and every file is still checked in full.
/// </summary>
internal static class ConfirmedJson
{
    [ThreadStatic]
    private static (string Value, string? ReadBack)? _lastValue;

    [ThreadStatic]
    private static (AigcLabel Label, string Json)? _lastLabel;

    /// <summary>The canonical JSON of the label a stored value parses to, or null when it is not a label.</summary>
    public static string? ReadBack(string value)
    {
        if (_lastValue is { } last && last.Value == value)
        {
            return last.ReadBack;
        }

        var label = LabelJson.Parse(value).Label;
        var readBack = label is null ? null : LabelJson.Serialize(label);
        _lastValue = (value, readBack);
        return readBack;
    }

    /// <summary>The canonical JSON of <paramref name="label"/>.</summary>
    public static string Canonical(AigcLabel label)
    {
        if (_lastLabel is { } last && last.Label == label)
        {
            return last.Json;
        }

        var json = LabelJson.Serialize(label);
        _lastLabel = (label, json);
        return json;
    }
}
