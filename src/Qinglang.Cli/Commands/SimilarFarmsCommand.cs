using System.CommandLine;
using System.Globalization;
using Qinglang.Similarity.Farms;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang similar farms --db DIR [--window 24h] [--min-accounts 3] [--bucket 1h] [--json]</c>: clusters of
/// near-duplicate posts from many accounts within the window (<c>ai.water_army</c>). Exit 0: none; 1: clusters.
/// </summary>
internal static class SimilarFarmsCommand
{
    public static Command Create()
    {
        var db = SimilarCommand.DbOption();
        var window = new Option<string>("--window") { Description = "Largest time between linked posts: 30m, 24h, 7d or hh:mm:ss", DefaultValueFactory = _ => "24h" };
        var minAccounts = new Option<int>("--min-accounts") { Description = "Fewest distinct accounts in a reported cluster", DefaultValueFactory = _ => 3 };
        var bucket = new Option<string>("--bucket") { Description = "Timeline bucket width (same forms as --window)", DefaultValueFactory = _ => "1h" };
        var json = new Option<bool>("--json") { Description = "Print {\"clusters\": [{members, accounts, first, last, timeline, finding}]}" };
        var command = new Command("farms", "Content-farm clusters: near-duplicates from many accounts in a time window (exit 0: none, 1: found).") { db, window, minAccounts, bucket, json };
        command.SetAction(parse =>
        {
            if (ParseSpan(parse.GetValue(window)!) is not { } windowSpan || ParseSpan(parse.GetValue(bucket)!) is not { } bucketSpan || bucketSpan <= TimeSpan.Zero)
            {
                return SimilarCommand.Fail("--window and --bucket take a duration such as 30m, 24h, 7d or hh:mm:ss");
            }

            if (parse.GetValue(minAccounts) < 1)
            {
                return SimilarCommand.Fail("--min-accounts must be at least 1");
            }

            IReadOnlyList<FarmCluster> clusters;
            try
            {
                using var index = SimilarCommand.OpenExisting(parse.GetValue(db)!);
                clusters = ContentFarmDetector.Find(index, new FarmOptions { Window = windowSpan, MinAccounts = parse.GetValue(minAccounts), Bucket = bucketSpan });
            }
            catch (Exception ex) when (SimilarCommand.IsIndexProblem(ex))
            {
                return SimilarCommand.Fail(ex.Message);
            }

            if (parse.GetValue(json))
            {
                SimilarCommand.WriteJson(w =>
                {
                    w.WriteStartArray("clusters");
                    foreach (var cluster in clusters)
                    {
                        WriteCluster(w, cluster);
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var cluster in clusters)
                {
                    var finding = cluster.ToFinding();
                    System.Console.WriteLine($"{finding.Code}  {finding.Message}");
                    System.Console.WriteLine($"  accounts 账号: {string.Join(", ", cluster.Accounts)}");
                    System.Console.WriteLine($"  posts 帖子: {string.Join(", ", cluster.Members.Select(m => m.Id))}");
                }

                System.Console.WriteLine(clusters.Count == 0 ? "no content farm · 未发现内容农场" : $"{clusters.Count} cluster(s) · 共 {clusters.Count} 个集群");
            }

            return clusters.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>30m, 24h, 7d, 90s, or a TimeSpan (hh:mm:ss); null when none of these.</summary>
    internal static TimeSpan? ParseSpan(string text)
    {
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0 && amount < 1e6)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
    }

    private static void WriteCluster(System.Text.Json.Utf8JsonWriter w, FarmCluster cluster)
    {
        var finding = cluster.ToFinding();
        w.WriteStartObject();
        w.WriteString("category", finding.Code);
        w.WriteString("message", finding.Message);
        w.WriteNumber("posts", cluster.Members.Count);
        w.WriteStartArray("accounts");
        cluster.Accounts.ToList().ForEach(w.WriteStringValue);
        w.WriteEndArray();
        if (cluster.First is { } first && cluster.Last is { } last)
        {
            w.WriteString("first", first);
            w.WriteString("last", last);
        }

        w.WriteStartArray("members");
        foreach (var member in cluster.Members)
        {
            w.WriteStartObject();
            w.WriteString("id", member.Id);
            w.WriteString("account", member.Account);
            if (member.Time is { } time)
            {
                w.WriteString("time", time);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("timeline");
        foreach (var bucket in cluster.Timeline)
        {
            w.WriteStartObject();
            w.WriteString("start", bucket.Start);
            w.WriteNumber("posts", bucket.Posts);
            w.WriteNumber("accounts", bucket.Accounts);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
