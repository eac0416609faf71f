using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Sitrep.Ingest;

namespace Sitrep.Bench;

/// <summary>
/// `ingest [jsonl|text|html|feed|bigline|all] [--mb N]`: reader throughput on the VOA sample
/// (samples/voa/voa-sample.jsonl) replicated to about N MB (default 50), as JSONL, as one .txt file
/// per story, as HTML article pages and as RSS feeds; `bigline` reads a 100 MB file that is a single
/// line, as JSONL with the default 16 MB record limit (skipped, streamed past) and as one
/// 100 MB JSONL record with the limit raised. Run one case per process for a clean peak working set.
/// Inputs are written under artifacts/bench-ingest/ (gitignored).
/// </summary>
internal static class IngestBench
{
    public static int Run(string[] args)
    {
        var which = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "all";
        var mb = 50;
        var i = Array.IndexOf(args, "--mb");
        if (i >= 0 && i + 1 < args.Length)
        {
            mb = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        var root = FindRoot();
        var sample = Path.Combine(root, "samples", "voa", "voa-sample.jsonl");
        var work = Path.Combine(root, "artifacts", "bench-ingest");
        Directory.CreateDirectory(work);
        var stories = File.ReadAllLines(sample).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        var cases = new Dictionary<string, Action>(StringComparer.Ordinal)
        {
            ["jsonl"] = () => Measure("jsonl", [MakeJsonl(work, sample, mb)], IngestOptions.Default),
            ["text"] = () => Measure("text", [MakeDocs(work, "text", [.. stories.Select(s => Str(s, "title") + "\n\n" + Str(s, "text"))], mb, ".txt")], IngestOptions.Default),
            // HTML extraction is the slow reader, so it gets a fifth of the bytes.
            ["html"] = () => Measure("html", [MakeDocs(work, "html", [.. stories.Select(Html)], Math.Max(1, mb / 5), ".html")], IngestOptions.Default),
            ["feed"] = () => Measure("feed", [MakeDocs(work, "feed", [.. stories.Chunk(5).Select(Feed)], mb, ".rss")], IngestOptions.Default),
            ["bigline"] = () =>
            {
                var big = MakeBigLine(work);
                Measure("bigline-skip", [big], IngestOptions.Default);
                Measure("bigline-read", [big], new IngestOptions { MaxRecordBytes = 256L * 1024 * 1024 });
            },
        };
        if (which != "all" && !cases.ContainsKey(which))
        {
            Console.Error.WriteLine("usage: ingest [jsonl|text|html|feed|bigline|all] [--mb N]");
            return 2;
        }
        Console.WriteLine($"{"case",-13} {"MB",8} {"articles",9} {"errors",6} {"wall s",7} {"cpu s",7} {"MB/s",7} {"MB/cpu-s",8} {"art/s",8} {"alloc MB",9} {"peak WS MB",10}");
        foreach (var (name, run) in cases)
        {
            if (which == "all" || which == name)
            {
                run();
            }
        }
        return 0;
    }

    private static void Measure(string name, string[] inputs, IngestOptions options)
    {
        var bytes = inputs.Sum(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : new FileInfo(p).Length);
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        long articles = 0, errors = 0, chars = 0;
        foreach (var item in InputReader.Read(inputs, options))
        {
            if (item is ArticleItem a)
            {
                articles++;
                chars += a.Article.Text.Length;
            }
            else
            {
                errors++;
            }
        }
        sw.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        var mbIn = bytes / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-13} {mbIn,8:F1} {articles,9} {errors,6} {sw.Elapsed.TotalSeconds,7:F2} {cpu,7:F2} {mbIn / sw.Elapsed.TotalSeconds,7:F1} {mbIn / cpu,8:F1} {articles / sw.Elapsed.TotalSeconds,8:F0} {alloc / 1048576.0,9:F0} {process.PeakWorkingSet64 / 1048576.0,10:F0}"));
    }

    private static string MakeJsonl(string work, string sample, int mb)
    {
        var path = Path.Combine(work, $"voa-{mb}mb.jsonl");
        if (!File.Exists(path))
        {
            var lines = File.ReadAllLines(sample);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
            long written = 0;
            for (var copy = 0; written < mb * 1048576L; copy++)
            {
                foreach (var line in lines)
                {
                    // Distinct ids, as a real archive has.
                    var l = line.Replace("{\"id\": \"", $"{{\"id\": \"{copy}-", StringComparison.Ordinal);
                    w.WriteLine(l);
                    written += Encoding.UTF8.GetByteCount(l) + 1;
                }
            }
        }
        return path;
    }

    /// <summary>Writes <paramref name="docs"/> over and over, one file each, into numbered subdirectories until about <paramref name="mb"/> MB.</summary>
    private static string MakeDocs(string work, string kind, IReadOnlyList<string> docs, int mb, string ext)
    {
        var dir = Path.Combine(work, $"{kind}-{mb}mb");
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            long written = 0;
            for (var copy = 0; written < mb * 1048576L; copy++)
            {
                var sub = Path.Combine(dir, copy.ToString("D4", CultureInfo.InvariantCulture));
                Directory.CreateDirectory(sub);
                for (var n = 0; n < docs.Count; n++)
                {
                    var content = docs[n];
                    File.WriteAllText(Path.Combine(sub, $"{n:D3}{ext}"), content, new UTF8Encoding(false));
                    written += Encoding.UTF8.GetByteCount(content);
                }
            }
        }
        return dir;
    }

    private static string MakeBigLine(string work)
    {
        var path = Path.Combine(work, "bigline-100mb.jsonl");
        if (!File.Exists(path))
        {
            var body = new StringBuilder("Soldiers moved toward the border as talks stalled. ");
            using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            w.Write("{\"id\": \"big\", \"title\": \"One enormous record\", \"text\": \"");
            long written = 0;
            var chunk = body.ToString();
            while (written < 100L * 1048576)
            {
                w.Write(chunk);
                written += chunk.Length;
            }
            w.Write("\"}");
        }
        return path;
    }

    private static string Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";

    private static string Paragraphs(string text)
    {
        var sb = new StringBuilder();
        var sentences = text.Split(". ");
        for (var i = 0; i < sentences.Length; i += 3)
        {
            sb.Append("<p>").Append(WebUtility.HtmlEncode(string.Join(". ", sentences.Skip(i).Take(3)))).Append("</p>\n");
        }
        return sb.ToString();
    }

    private static string Html(JsonElement s)
    {
        var title = WebUtility.HtmlEncode(Str(s, "title"));
        var published = Str(s, "published").Replace(' ', 'T');
        return $$"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{{title}} | VOA</title>
            <link rel="canonical" href="{{Str(s, "url")}}"><meta property="og:site_name" content="Voice of America">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":{{JsonSerializer.Serialize(Str(s, "title"))}},"datePublished":"{{published}}"}</script>
            </head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
            <main><article><h1>{{title}}</h1>{{Paragraphs(Str(s, "text"))}}</article>
            <aside><h2>Related</h2><ul><li><a href="/a/1.html">Other story</a></li></ul></aside></main>
            <footer><p>Voice of America</p></footer></body></html>
            """;
    }

    private static string Feed(JsonElement[] items)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>VOA sample</title>\n");
        foreach (var s in items)
        {
            var published = DateTimeOffset.Parse(Str(s, "published"), CultureInfo.InvariantCulture).ToString("r", CultureInfo.InvariantCulture);
            sb.Append("<item><title>").Append(WebUtility.HtmlEncode(Str(s, "title"))).Append("</title><link>").Append(Str(s, "url"))
                .Append("</link><guid>").Append(Str(s, "id")).Append("</guid><pubDate>").Append(published)
                .Append("</pubDate><description>").Append(WebUtility.HtmlEncode(Paragraphs(Str(s, "text")))).Append("</description></item>\n");
        }
        return sb.Append("</channel></rss>\n").ToString();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
