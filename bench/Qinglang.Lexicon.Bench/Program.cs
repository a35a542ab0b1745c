using BenchmarkDotNet.Running;
using Qinglang.Lexicon.Bench;

// `--quick` prints Stopwatch numbers in seconds (`--pipeline`: only the whole lexicon path, `--build`: build time and memory,
// `--rules`: what co-occurrence rules cost a scan, `--dense [lexicon] [comments]`: the real dense workload, see DenseData;
// `--dense-matcher [lexicon] [comments]`: the matcher alone on pre-normalized comments, see DenseMatcherReport;
// `--dense-split`: where ScanHits spends its time on it, see DenseSplit);
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args is ["--quick"]) QuickReport.Run();
else if (args is ["--pipeline"]) QuickReport.RunPipeline();
else if (args is ["--build"]) BuildReport.Run();
else if (args is ["--rules"]) RuleReport.Run();
else if (args is ["--dense-matcher", .. var where] && where.Length <= 2) DenseMatcherReport.Run(DenseData.Load(where.ElementAtOrDefault(0), where.ElementAtOrDefault(1)));
else if (args is ["--dense-split", .. var split] && split.Length <= 2) DenseSplit.Report(DenseData.Load(split.ElementAtOrDefault(0), split.ElementAtOrDefault(1)));
else if (args is ["--dense", .. var paths] && paths.Length <= 2) DenseEngines.Report(DenseData.Load(paths.ElementAtOrDefault(0), paths.ElementAtOrDefault(1)));
else BenchmarkSwitcher.FromAssembly(typeof(BuildBenchmarks).Assembly).Run(args);
