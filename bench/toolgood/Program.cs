using Qinglang.Lexicon.Bench;
using ToolGood.Words;

// `--list`: the engine ids, one a line. `--engine ID [lexicon] [comments]`: one markdown row for that engine (run each
// in its own process, as bench/dense/run.sh does, so memory is measured alone and a build that never ends can be
// stopped by a timeout).
var engines = new List<(string Id, string Name, Func<IReadOnlyList<string>, Func<string, int>> Build)>
{
    ("toolgood-string", "ToolGood StringSearch (exact)", words => StringSearch(words)),
    ("toolgood-words", "ToolGood WordsSearch (exact, with positions)", words => WordsSearch(words)),
    ("toolgood-illegal", "ToolGood IllegalWordsSearch (evasion-aware)", words => IllegalWordsSearch(words)),
    ("toolgood-string-ex2", "ToolGood StringSearchEx2 (its fastest)", words => StringSearchEx2(words)),
};
engines.AddRange(DenseEngines.All.Select((e, i) => ($"qinglang-{i + 1}", e.Name, e.Build)));

if (args is ["--list"])
{
    foreach (var engine in engines) Console.WriteLine(engine.Id);
    return 0;
}

if (args is not ["--engine", var id, .. var paths] || paths.Length > 2 || engines.FindIndex(e => e.Id == id) is var at && at < 0)
{
    Console.Error.WriteLine("usage: --list | --engine ID [lexicon] [comments]");
    return 2;
}

var data = DenseData.Load(paths.ElementAtOrDefault(0), paths.ElementAtOrDefault(1));
Console.Error.WriteLine(data.Description);
Console.WriteLine(DenseRun.Measure(engines[at].Name, data, engines[at].Build).ToMarkdown());
return 0;

static Func<string, int> StringSearch(IReadOnlyList<string> words)
{
    var search = new StringSearch();
    search.SetKeywords([.. words]);
    return text => search.FindAll(text).Count;
}

static Func<string, int> WordsSearch(IReadOnlyList<string> words)
{
    var search = new WordsSearch();
    search.SetKeywords([.. words]);
    return text => search.FindAll(text).Count;
}

static Func<string, int> IllegalWordsSearch(IReadOnlyList<string> words)
{
    var search = new IllegalWordsSearch();
    search.SetKeywords([.. words]);
    return text => search.FindAll(text).Count;
}

static Func<string, int> StringSearchEx2(IReadOnlyList<string> words)
{
    var search = new StringSearchEx2();
    search.SetKeywords([.. words]);
    return text => search.FindAll(text).Count;
}
