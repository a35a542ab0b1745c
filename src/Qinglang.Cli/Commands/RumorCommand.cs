using System.CommandLine;
using System.Globalization;
using Qinglang.Similarity.Rumors;

namespace Qinglang.Cli.Commands;

/// <summary>
/// <c>qinglang rumor add|list|check --db DIR</c>: the rumor-refutation library (辟谣库) in a folder (<c>--db</c>, required).
/// check exits 0 when the post spreads no refuted claim, 1 when it does (with the refutation), 2 on bad input.
/// </summary>
internal static class RumorCommand
{
    public static Command Create() => new("rumor", "Rumor-refutation library (辟谣库): register refuted claims, check posts against them.")
    {
        CreateAdd(), CreateList(), CreateCheck(),
    };

    private static Command CreateAdd()
    {
        var db = SimilarCommand.DbOption();
        var id = new Option<string>("--id") { Description = "Claim id (an existing id is replaced)", Required = true };
        var claim = new Option<string>("--claim") { Description = "The rumor's text, or @file to read it", Required = true };
        var refutation = new Option<string>("--refutation") { Description = "The refutation to attach, or @file", Required = true };
        var source = new Option<string>("--source") { Description = "Who refuted it (an authority, a newsroom)", Required = true };
        var date = new Option<string>("--date") { Description = "Date of the refutation, YYYY-MM-DD", Required = true };
        var command = new Command("add", "Register a refuted claim.") { db, id, claim, refutation, source, date };
        command.SetAction(parse =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return SimilarCommand.Fail("--date takes YYYY-MM-DD");
            }

            try
            {
                var library = RumorLibrary.Open(parse.GetValue(db)!);
                var entry = new RefutedClaim(parse.GetValue(id)!, TextOrFile(parse.GetValue(claim)!), TextOrFile(parse.GetValue(refutation)!), parse.GetValue(source)!, day);
                library.Add(entry);
                System.Console.WriteLine($"registered · 已登记: {entry.Id} ({library.Claims.Count} claims)");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (SimilarCommand.IsIndexProblem(ex))
            {
                return SimilarCommand.Fail(ex.Message);
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var db = SimilarCommand.DbOption();
        var json = new Option<bool>("--json") { Description = "Print {\"claims\": [...]}" };
        var command = new Command("list", "List the registered refuted claims.") { db, json };
        command.SetAction(parse =>
        {
            IReadOnlyList<RefutedClaim> claims;
            try
            {
                claims = RumorLibrary.Open(parse.GetValue(db)!).Claims;
            }
            catch (Exception ex) when (SimilarCommand.IsIndexProblem(ex))
            {
                return SimilarCommand.Fail(ex.Message);
            }

            if (parse.GetValue(json))
            {
                SimilarCommand.WriteJson(w =>
                {
                    w.WriteStartArray("claims");
                    foreach (var claim in claims)
                    {
                        WriteClaim(w, claim);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var claim in claims)
                {
                    System.Console.WriteLine($"{claim.Id}  {claim.Date:yyyy-MM-dd}  {claim.Source}  {claim.Claim}");
                }

                System.Console.WriteLine($"{claims.Count} claim(s) · 共 {claims.Count} 条");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var input = new Argument<string>("file") { Description = "Post to check, or '-' for stdin" };
        var db = SimilarCommand.DbOption();
        var json = new Option<bool>("--json") { Description = "Print {\"file\", \"findings\": [...], \"refutes\": [...]}" };
        var command = new Command("check", "Check a post against the refuted claims (exit 0: none, 1: spreads a refuted claim).") { input, db, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            RumorCheck check;
            try
            {
                var text = SimilarCommand.ReadQuery(path);
                check = RumorLibrary.Open(parse.GetValue(db)!).Check(text);
            }
            catch (Exception ex) when (SimilarCommand.IsIndexProblem(ex))
            {
                return SimilarCommand.Fail(ex.Message);
            }

            if (parse.GetValue(json))
            {
                SimilarCommand.WriteJson(w =>
                {
                    w.WriteString("file", path);
                    w.WriteStartArray("findings");
                    foreach (var match in check.Spreads)
                    {
                        WriteClaim(w, match.Claim);
                        w.WriteString("category", match.ToFinding().Code);
                        w.WriteNumber("score", Math.Round(match.Score.Score, 4));
                        w.WriteStartArray("entities");
                        match.SharedEntities.ToList().ForEach(w.WriteStringValue);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("refutes");
                    check.Refutes.Select(c => c.Id).ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                });
            }
            else
            {
                foreach (var match in check.Spreads)
                {
                    var finding = match.ToFinding();
                    System.Console.WriteLine($"{finding.Code} AI谣言  {finding.Message}");
                }

                foreach (var claim in check.Refutes)
                {
                    System.Console.WriteLine($"refutes 辟谣内容: {claim.Id} (not flagged)");
                }

                System.Console.WriteLine(check.Spreads.Count == 0 ? "no refuted claim · 未匹配已辟谣信息" : $"{check.Spreads.Count} refuted claim(s) · 匹配 {check.Spreads.Count} 条已辟谣信息");
            }

            return check.Spreads.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes the claim's fields into a new object, left open for the caller to add to and close.</summary>
    private static void WriteClaim(System.Text.Json.Utf8JsonWriter w, RefutedClaim claim)
    {
        w.WriteStartObject();
        w.WriteString("id", claim.Id);
        w.WriteString("claim", claim.Claim);
        w.WriteString("refutation", claim.Refutation);
        w.WriteString("source", claim.Source);
        w.WriteString("date", claim.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static string TextOrFile(string value) => value.StartsWith('@') ? SimilarCommand.ReadQuery(value[1..]) : value;
}
