namespace Qinglang.Similarity.Spin.Bench;

/// <summary>The clean documents and, per setting, one spun variant of each (same index), plus what the spinner did.</summary>
internal sealed class Workload
{
    public required List<CleanDocument> Documents { get; init; }

    public required Dictionary<SpinSetting, List<string>> Variants { get; init; }

    public required Dictionary<SpinSetting, (int Substituted, int HeldOut, int Candidates)> SpinCounts { get; init; }

    public static Workload Create(List<CleanDocument> documents, Spinner spinner, int seed)
    {
        var variants = new Dictionary<SpinSetting, List<string>>();
        var counts = new Dictionary<SpinSetting, (int, int, int)>();
        foreach (var setting in SpinSetting.All)
        {
            var random = new Random(seed);
            var list = new List<string>();
            int substituted = 0, heldOut = 0, candidates = 0;
            foreach (var document in documents)
            {
                if (setting.Edited)
                {
                    list.Add(Spinner.Edit(document.Text, random));
                    continue;
                }

                list.Add(spinner.Spin(document.Text, setting.Strength, setting.Reorder, random));
                substituted += spinner.LastCounts.Substituted;
                heldOut += spinner.LastCounts.HeldOut;
                candidates += spinner.LastCounts.Candidates;
            }

            variants[setting] = list;
            counts[setting] = (substituted, heldOut, candidates);
        }

        return new Workload { Documents = documents, Variants = variants, SpinCounts = counts };
    }
}
