using System.Diagnostics;
using System.Text.Json;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Bench;

/// <summary>
/// Tagging + lemmatising + parsing throughput on VOA stories (tokenisation done beforehand, not
/// timed): one core, then Parallel over documents. Options: --model DIR (default: shipped model),
/// --beam N (decode with this beam width instead of the model's), --parser fast|accurate,
/// --voa FILE, --min-tokens N (repeat the corpus until at least N tokens are parsed per run).
/// </summary>
public static class ParseBench
{
    public static int Run(string[] args)
    {
        string? modelDir = null;
        var voa = "../shared/data/voa/voa_stories.jsonl";
        var minTokens = 1_000_000;
        int? beam = null;
        var kind = ParserKind.Fast;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": modelDir = args[i + 1]; break;
                case "--voa": voa = args[i + 1]; break;
                case "--min-tokens": minTokens = int.Parse(args[i + 1]); break;
                case "--beam": beam = int.Parse(args[i + 1]); break;
                case "--parser": kind = Enum.Parse<ParserKind>(args[i + 1], ignoreCase: true); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var articles = new List<Article>();
        foreach (var line in File.ReadLines(voa))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            articles.Add(Article.Create(root.GetProperty("id").GetString(), root.GetProperty("title").GetString(), root.GetProperty("text").GetString() ?? ""));
        }
        var docs = articles.Select(Tokenizer.Default.Process).ToArray();
        var corpusTokens = docs.Sum(d => d.Count);
        var repeat = Math.Max(1, (minTokens + corpusTokens - 1) / corpusTokens);
        Console.WriteLine($"{docs.Length} VOA stories, {corpusTokens} tokens, {docs.Sum(d => d.Sentences.Length)} sentences; each run parses them {repeat}x");

        var sw = Stopwatch.StartNew();
        var model = modelDir is null ? SyntaxModel.LoadDefault(kind) : SyntaxModel.Load(modelDir, kind);
        Console.WriteLine($"model load: {sw.ElapsedMilliseconds} ms");
        if (beam is { } width)
        {
            model = model.WithBeam(width);
        }
        Console.WriteLine($"parser: {model.ParserKind}, beam width {model.Beam}");
        foreach (var d in docs)
        {
            model.Process(d); // warm-up (JIT, per-thread scratch)
        }

        Measure("1 core", repeat, corpusTokens, () =>
        {
            for (var r = 0; r < repeat; r++)
            {
                foreach (var d in docs)
                {
                    model.Process(d);
                }
            }
        });
        Measure($"{Environment.ProcessorCount} cores (Parallel over docs)", repeat, corpusTokens, () =>
        {
            var work = Enumerable.Range(0, repeat).SelectMany(_ => docs).ToArray();
            Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, d => model.Process(d));
        });
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
        return 0;
    }

    private static void Measure(string name, int repeat, int corpusTokens, Action run)
    {
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        run();
        sw.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
        var tokens = (double)repeat * corpusTokens;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        Console.WriteLine($"{name}: {tokens / sw.Elapsed.TotalSeconds:F0} tokens/s wall, {tokens / cpu:F0} tokens per CPU-second, " +
                          $"{sw.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU, {alloc / tokens:F1} bytes allocated/token");
    }
}
