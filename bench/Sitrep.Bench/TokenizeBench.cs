using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Text;

namespace Sitrep.Bench;

/// <summary>
/// Tokenizer throughput on the VOA stories, repeated for a stable time, then the time per MB on
/// single lines of 1, 10 and 100 MB (linear time check).
/// `dotnet run -c Release --project bench/Sitrep.Bench -- tokenize [--input FILE] [--seconds 10] [--long-mb 100]`
/// </summary>
public static class TokenizeBench
{
    public static int Run(string[] args)
    {
        var input = Option(args, "--input") ?? FindVoa();
        var seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var longMb = int.Parse(Option(args, "--long-mb") ?? "100", CultureInfo.InvariantCulture);
        if (input is null || !File.Exists(input))
        {
            Console.Error.WriteLine("error: VOA stories not found; pass --input voa_stories.jsonl");
            return 2;
        }
        var articles = LoadArticles(input);
        var chars = articles.Sum(a => (long)a.Text.Length);
        var bytes = articles.Sum(a => (long)Encoding.UTF8.GetByteCount(a.Text));
        var tokenizer = Tokenizer.Default;
        Console.WriteLine($"input: {input}: {articles.Count} articles, {bytes / 1e6:F2} MB UTF-8 ({chars:N0} chars)");

        // Warm-up pass (JIT, lexicon load), then as many whole passes as fit in the time budget.
        long tokens = 0;
        foreach (var a in articles)
        {
            tokens += tokenizer.Process(a).Count;
        }
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            foreach (var a in articles)
            {
                tokenizer.Process(a);
            }
            passes++;
        }
        while (watch.Elapsed.TotalSeconds < seconds);
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var alloc = GC.GetTotalAllocatedBytes(true) - alloc0;
        var totalBytes = (double)bytes * passes;
        Console.WriteLine($"tokens per pass: {tokens:N0}; passes: {passes}");
        Console.WriteLine($"wall: {watch.Elapsed.TotalSeconds:F2} s, {totalBytes / 1e6 / watch.Elapsed.TotalSeconds:F1} MB/s, {articles.Count * passes / watch.Elapsed.TotalSeconds:F0} articles/s, {tokens * passes / watch.Elapsed.TotalSeconds / 1e6:F2} M tokens/s");
        Console.WriteLine($"cpu:  {cpu:F2} s, {totalBytes / 1e6 / cpu:F1} MB per CPU-second");
        Console.WriteLine($"allocated: {alloc / totalBytes:F2} bytes per input byte ({alloc / (double)(tokens * passes):F1} per token)");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1e6:F0} MB");

        if (longMb > 0)
        {
            LinearCheck(tokenizer, articles, longMb);
        }
        return 0;
    }

    /// <summary>One line (no newline) of repeated VOA text at growing sizes: time per MB should stay flat.</summary>
    private static void LinearCheck(Tokenizer tokenizer, List<Article> articles, int maxMb)
    {
        var corpus = string.Join(' ', articles.Select(a => a.Text.Replace('\n', ' ')));
        Measure(tokenizer, corpus, maxMb, "single line");
        // The same text with every space removed: one enormous whitespace-free stretch.
        Measure(tokenizer, corpus.Replace(" ", ""), Math.Min(maxMb, 10), "no spaces  ");
    }

    private static void Measure(Tokenizer tokenizer, string corpus, int maxMb, string label)
    {
        for (var mb = 1; mb <= maxMb; mb *= 10)
        {
            var target = mb * 1_000_000;
            var sb = new StringBuilder(target + corpus.Length);
            while (sb.Length < target)
            {
                sb.Append(corpus).Append(' ');
            }
            var line = sb.ToString(0, target);
            sb.Clear();
            var article = Article.Create("long", null, line);
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var doc = tokenizer.Process(article);
            watch.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine($"{label} {mb,4} MB: {watch.Elapsed.TotalSeconds:F2} s wall, {cpu:F2} s CPU, {watch.Elapsed.TotalMilliseconds / mb:F1} ms/MB, {doc.Count:N0} tokens, {doc.Sentences.Length:N0} sentences, peak working set {process.PeakWorkingSet64 / 1e6:F0} MB");
        }
    }

    private static List<Article> LoadArticles(string path)
    {
        var list = new List<Article>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
                var title = root.TryGetProperty("title", out var h) ? h.GetString() : null;
                var id = root.TryGetProperty("id", out var i) ? i.GetString() : null;
                if (text is not null)
                {
                    list.Add(Article.Create(id, title, text));
                }
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNo}: {e.Message}", e);
            }
        }
        return list;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? FindVoa()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return Path.Combine(dir.FullName, "..", "shared", "data", "voa", "voa_stories.jsonl");
            }
        }
        return null;
    }
}
