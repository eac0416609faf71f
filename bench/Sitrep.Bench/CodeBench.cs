using System.Diagnostics;
using System.Text.Json;
using Sitrep.Coding;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Bench;

/// <summary>
/// Event coding cost relative to parsing, on VOA stories, one core: tokenise once (not timed),
/// then time parsing and coding of the same documents. Options: --model DIR (default: shipped
/// model), --parser fast|accurate, --voa FILE, --repeat N. The brief's budget is coding &lt;= 20% of parse time.
/// </summary>
public static class CodeBench
{
    public static int Run(string[] args)
    {
        string? modelDir = null;
        var kind = ParserKind.Fast;
        var voa = "../shared/data/voa/voa_stories.jsonl";
        var repeat = 5;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": modelDir = args[i + 1]; break;
                case "--parser": kind = Enum.Parse<ParserKind>(args[i + 1], ignoreCase: true); break;
                case "--voa": voa = args[i + 1]; break;
                case "--repeat": repeat = int.Parse(args[i + 1]); break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var docs = new List<Doc>();
        foreach (var line in File.ReadLines(voa))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var published = DateTimeOffset.TryParse(root.GetProperty("published").GetString()?.TrimEnd('Z'), out var p) ? p : (DateTimeOffset?)null;
            docs.Add(Tokenizer.Default.Process(Article.Create(root.GetProperty("id").GetString(), root.GetProperty("title").GetString(),
                root.GetProperty("text").GetString() ?? "", new ArticleMetadata(null, null, "VOA", published, "en", "bench"))));
        }
        var tokens = docs.Sum(d => d.Count);
        Console.WriteLine($"{docs.Count} VOA stories, {tokens} tokens, {docs.Sum(d => d.Sentences.Length)} sentences; {repeat} runs each");
        var sw = Stopwatch.StartNew();
        var model = modelDir is null ? SyntaxModel.LoadDefault(kind) : SyntaxModel.Load(modelDir, kind);
        Console.WriteLine($"syntax model load: {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        var coder = EventCoder.LoadDefault();
        Console.WriteLine($"coder load (ontologies + dictionaries): {sw.ElapsedMilliseconds} ms");
        var events = 0;
        foreach (var d in docs)
        {
            model.Process(d);
            events += coder.Code(d).Count; // warm-up
        }
        Console.WriteLine($"{events} events coded");
        var parse = Measure("parse (tagger+lemmatizer+parser)", repeat, tokens, () =>
        {
            foreach (var d in docs)
            {
                model.Process(d);
            }
        });
        var code = Measure("code (event coder)", repeat, tokens, () =>
        {
            foreach (var d in docs)
            {
                coder.Code(d);
            }
        });
        Console.WriteLine($"coding CPU time = {100 * code / parse:F1}% of parse CPU time");
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"peak working set: {self.PeakWorkingSet64 / 1024.0 / 1024.0:F0} MB");
        return 0;
    }

    private static double Measure(string name, int repeat, int corpusTokens, Action run)
    {
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        for (var r = 0; r < repeat; r++)
        {
            run();
        }
        sw.Stop();
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
        var total = (double)repeat * corpusTokens;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        Console.WriteLine($"{name}: {total / sw.Elapsed.TotalSeconds:F0} tokens/s wall, {total / cpu:F0} tokens per CPU-second, " +
                          $"{sw.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU, {alloc / total:F1} bytes allocated/token");
        return cpu;
    }
}
