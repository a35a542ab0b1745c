namespace Qinglang.Labels.Model;

/// <summary>
/// The seven elements of a GB 45438-2025 Annex E implicit label. Values are kept as found (null = element absent),
/// so a reader can report what a file really says; <see cref="LabelRules"/> judges them.
/// </summary>
public sealed record AigcLabel
{
    public string? Label { get; init; }
    public string? ContentProducer { get; init; }
    public string? ProduceID { get; init; }
    public string? ReservedCode1 { get; init; }
    public string? ContentPropagator { get; init; }
    public string? PropagateID { get; init; }
    public string? ReservedCode2 { get; init; }

    /// <summary>The element names in the order Annex E lists them (and writers emit them).</summary>
    public static readonly IReadOnlyList<string> ElementNames =
    [
        nameof(Label), nameof(ContentProducer), nameof(ProduceID), nameof(ReservedCode1),
        nameof(ContentPropagator), nameof(PropagateID), nameof(ReservedCode2),
    ];

    public string? this[string element] => element switch
    {
        nameof(Label) => Label,
        nameof(ContentProducer) => ContentProducer,
        nameof(ProduceID) => ProduceID,
        nameof(ReservedCode1) => ReservedCode1,
        nameof(ContentPropagator) => ContentPropagator,
        nameof(PropagateID) => PropagateID,
        nameof(ReservedCode2) => ReservedCode2,
        _ => throw new ArgumentOutOfRangeException(nameof(element), element, "not an Annex E element"),
    };

    public AigcLabel With(string element, string? value) => element switch
    {
        nameof(Label) => this with { Label = value },
        nameof(ContentProducer) => this with { ContentProducer = value },
        nameof(ProduceID) => this with { ProduceID = value },
        nameof(ReservedCode1) => this with { ReservedCode1 = value },
        nameof(ContentPropagator) => this with { ContentPropagator = value },
        nameof(PropagateID) => this with { PropagateID = value },
        nameof(ReservedCode2) => this with { ReservedCode2 = value },
        _ => throw new ArgumentOutOfRangeException(nameof(element), element, "not an Annex E element"),
    };

    /// <summary>Elements present in this label, as name/value pairs in Annex E order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Elements()
    {
        foreach (var name in ElementNames)
        {
            if (this[name] is { } value)
            {
                yield return new(name, value);
            }
        }
    }
}
