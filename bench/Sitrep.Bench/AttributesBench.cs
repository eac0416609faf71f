using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Bench;

/// <summary>
/// Cost of the attributes stage alone: VOA stories are tokenised once (untimed), given one
/// hand-made event per sentence (the coder is not part of this measurement), then annotated
/// repeatedly. `attributes [--voa FILE] [--rounds N]`.
/// </summary>
public static class AttributesBench
{
    private sealed class NoActors : IActorResolver
    {
        public static readonly NoActors Instance = new();
        public ActorMention? Resolve(Doc doc, TextSpan span) => null;
    }

    public static int Run(string[] args)
    {
        var voa = "../shared/data/voa/voa_stories.jsonl";
        var rounds = 20;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--voa" when i + 1 < args.Length:
                    voa = args[++i];
                    break;
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var r) && r > 0:
                    rounds = r;
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"attributes: unknown or incomplete option '{args[i]}' (--voa FILE, --rounds N)");
                    return 2;
            }
        }
        if (!File.Exists(voa))
        {
            Console.Error.WriteLine($"attributes: {voa} not found (pass --voa FILE)");
            return 2;
        }
        var docs = new List<(Doc Doc, CodedEvent[] Events)>();
        foreach (var line in File.ReadLines(voa))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var published = DateTimeOffset.Parse(root.GetProperty("published").GetString()!.Replace('Z', ' ').Trim() + "+00:00", CultureInfo.InvariantCulture);
            var article = Article.Create(root.GetProperty("id").GetString(), root.GetProperty("title").GetString(), root.GetProperty("text").GetString()!,
                new ArticleMetadata(null, root.GetProperty("url").GetString(), "VOA", published, "en", voa));
            var doc = Tokenizer.Default.Process(article);
            var events = new CodedEvent[doc.Sentences.Length];
            for (var s = 0; s < doc.Sentences.Length; s++)
            {
                var t = doc.Tokens[doc.Sentences[s].FirstToken + doc.Sentences[s].TokenCount / 2];
                events[s] = new CodedEvent($"b{s}", article.Id, s, new TextSpan(t.Start, t.End), doc.Text[t.Start..t.End], "190", "", 4, -10, "ASSAULT", null, null, null, false, null, [], []);
            }
            docs.Add((doc, events));
        }
        var tokens = docs.Sum(d => (long)d.Doc.Count);
        var load = Stopwatch.StartNew();
        var annotator = AttributeAnnotator.LoadDefault();
        load.Stop();

        // Warm-up rounds, not measured: tiered JIT recompiles hot methods over the first few thousand
        // calls, and measuring through that doubles the per-article cost.
        var results = new List<ArticleResult>(docs.Count);
        for (var w = 0; w < 5; w++)
        {
            results.Clear();
            foreach (var (doc, events) in docs)
            {
                results.Add(annotator.Annotate(doc, events));
            }
        }
        var proc = Process.GetCurrentProcess();
        var cpu0 = proc.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        long figures = 0, flags = 0;
        for (var r = 0; r < rounds; r++)
        {
            foreach (var (doc, events) in docs)
            {
                var res = annotator.Annotate(doc, events);
                figures += res.Figures.Count;
                flags += res.Flags.Count;
            }
        }
        wall.Stop();
        proc.Refresh();
        var cpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        var articles = (double)docs.Count * rounds;
        var cross = Stopwatch.StartNew();
        var crossFlags = annotator.CrossArticle(results).Count;
        cross.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"attributes: {docs.Count} VOA articles, {tokens:N0} tokens, {docs.Sum(d => d.Events.Length):N0} events/round, {rounds} rounds"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  load (gazetteer + lexicon): {load.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wall {wall.Elapsed.TotalSeconds:F2} s: {articles / wall.Elapsed.TotalSeconds:F0} articles/s, {tokens * rounds / wall.Elapsed.TotalSeconds:N0} tokens/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  cpu  {cpu:F2} s: {articles / cpu:F0} articles/cpu-s, {tokens * rounds / cpu:N0} tokens/cpu-s, {cpu * 1e6 / articles:F0} us/article, {cpu * 1e9 / (tokens * rounds):F0} ns/token"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  alloc {alloc / articles / 1024:F1} KiB/article; peak working set {proc.PeakWorkingSet64 / 1048576.0:F0} MiB"));
        // Where the time goes: each extractor alone over all articles, one round.
        var gaz = annotator.Gazetteer;
        var actors = ActorLexicon.LoadDefault(gaz);
        var parts = new (string Name, Action<Doc> Run)[]
        {
            ("dates", d => DateExtractor.Extract(d, new DateOnly(2025, 3, 14))),
            ("places", d => PlaceExtractor.Extract(d, gaz)),
            ("quantities", d => QuantityExtractor.Extract(d, [])),
            ("attribution", d => AttributionExtractor.Extract(d, actors)),
            ("attrib-noact", d => AttributionExtractor.Extract(d, NoActors.Instance)),
            ("unverifiable", d => CertaintyAnalyzer.FindUnverifiable(d)),
            ("no-events", d => annotator.Annotate(d, [])),
        };
        var evmap = docs.ToDictionary(d => d.Doc, d => d.Events);
        parts = [.. parts, ("certainty/ev", d =>
        {
            foreach (var e in evmap[d])
            {
                CertaintyAnalyzer.Assess(d, e.Sentence, e.Trigger, e, [], []);
            }
        }), ("one-event", d => annotator.Annotate(d, [evmap[d][0]]))];
        foreach (var (name, run) in parts)
        {
            proc.Refresh();
            var c0 = proc.TotalProcessorTime;
            for (var r = 0; r < rounds; r++)
            {
                foreach (var (doc, _) in docs)
                {
                    run(doc);
                }
            }
            proc.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-13} {(proc.TotalProcessorTime - c0).TotalMilliseconds * 1000 / docs.Count / rounds,8:F0} cpu-us/article"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  output per round: {figures / rounds} figures, {flags / rounds} flags; cross-article check over {docs.Count} articles: {cross.Elapsed.TotalMilliseconds:F0} ms, {crossFlags} flags"));
        return 0;
    }
}
