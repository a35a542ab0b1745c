using System.CommandLine;
using System.Globalization;
using Qinglang.Similarity.Index;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang similar query &lt;file|-&gt; --db DIR</c>: lists only the documents the scorer judges near-duplicates,
/// containments or spun copies of the text (as <c>matches</c>: id, score 0..1, kind, spun). Exit 0: none; 1: matches.
/// </summary>
internal static class SimilarQueryCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("file") { Description = "Text file to look up, or '-' for stdin" };
        var db = SimilarCommand.DbOption();
        var json = new Option<bool>("--json") { Description = "Print {\"query\", \"matches\": [{id, score, kind, spun, …}]}" };
        var limit = new Option<int>("--limit") { Description = "Most matches listed (best first)", DefaultValueFactory = _ => 20 };
        var command = new Command("query", "Find indexed documents that this text duplicates, contains, is contained in, or spins (exit 0: none, 1: matches).") { input, db, json, limit };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            if (parse.GetValue(limit) < 1)
            {
                return SimilarCommand.Fail("--limit must be at least 1");
            }

            IReadOnlyList<IndexMatch> matches;
            try
            {
                var text = SimilarCommand.ReadQuery(path);
                using var index = SimilarCommand.OpenExisting(parse.GetValue(db)!);
                matches = index.Query(text, parse.GetValue(limit));
            }
            catch (Exception ex) when (SimilarCommand.IsIndexProblem(ex))
            {
                return SimilarCommand.Fail(ex.Message);
            }

            if (parse.GetValue(json))
            {
                SimilarCommand.WriteJson(w =>
                {
                    w.WriteString("query", path);
                    w.WriteStartArray("matches");
                    foreach (var match in matches)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", match.Id);
                        w.WriteNumber("score", Math.Round(match.Score.Score, 4));
                        w.WriteString("kind", SimilarCommand.KindName(match.Score.Kind));
                        w.WriteBoolean("spun", match.Score.Spun);
                        w.WriteNumber("jaccard", Math.Round(match.Score.Jaccard, 4));
                        w.WriteNumber("containment", Math.Round(Math.Max(match.Score.ContainmentAInB, match.Score.ContainmentBInA), 4));
                        w.WriteString("account", match.Account);
                        if (match.Time is { } time)
                        {
                            w.WriteString("time", time);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var match in matches)
                {
                    var score = match.Score.Score.ToString("0.000", CultureInfo.InvariantCulture);
                    System.Console.WriteLine($"{score}  {SimilarCommand.KindName(match.Score.Kind),-15} {(match.Score.Spun ? "spun 洗稿" : "-"),-9} {match.Id}");
                }

                System.Console.WriteLine(matches.Count == 0 ? "no match · 未发现相似内容" : $"{matches.Count} match(es) · 共 {matches.Count} 篇相似");
            }

            return matches.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }
}
