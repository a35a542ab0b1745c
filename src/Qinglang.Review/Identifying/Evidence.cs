namespace Qinglang.Review.Identifying;

/// <summary>
/// One thing identification found: its <see cref="Kind"/> (stable code such as <c>c2pa</c>), where in the file,
/// what it said, and whether it points to AI generation (<see cref="IndicatesAi"/>) or is only reported.
/// </summary>
public sealed record Evidence(string Kind, string Where, string Detail, bool IndicatesAi = true)
{
    public static Evidence Note(string kind, string where, string detail) => new(kind, where, detail, IndicatesAi: false);
}
