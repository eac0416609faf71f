using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sitrep.Attributes;
using Sitrep.Store;
using Sitrep.Text;
using Spectre.Console;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep ingest INPUTS... [--db PATH]`: codes articles and stores them. Articles already stored
/// with the same content are skipped before coding, so an interrupted run is simply re-run.
/// Exit code 0 when everything was read and coded, 1 when any input, article or the store failed.
/// </summary>
internal static class IngestCommand
{
    /// <summary>The coding stage. Integrator: <c>new DelegateProcessor(new SitrepPipeline().Process)</c>.</summary>
    private static IArticleProcessor CreateProcessor() => new DelegateProcessor(TokenizeOnly);

    private static ArticleResult TokenizeOnly(Article article) => new(Tokenizer.Default.Process(article), [], [], []);

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "JSON Lines files (one article per line: id, title, text, url, published, outlet) or plain-text files",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = StoreOptions.Db();
        var batch = new Option<int>("--batch") { Description = "Articles per transaction", DefaultValueFactory = _ => 64, HelpName = "N" };
        var command = new Command("ingest", "Code articles and store their events, figures and flags in the database.");
        command.Arguments.Add(inputs);
        command.Options.Add(db);
        command.Options.Add(batch);
        command.SetAction(parse =>
        {
            if (parse.GetValue(batch) <= 0)
            {
                Console.Error.WriteLine("sitrep: --batch must be positive");
                return 2;
            }
            return StoreOptions.WithStore(parse, db, readOnly: false, store =>
            {
                var inputErrors = 0;
                var articles = ReadInputs(parse.GetValue(inputs) ?? [], () => inputErrors++);
                var runner = new IngestRunner(store, CreateProcessor(), parse.GetValue(batch));
                var summary = Console.IsOutputRedirected ? runner.Run(articles) : RunWithProgress(runner, articles.ToList());
                PrintSummary(summary, store.Location, inputErrors);
                foreach (var message in summary.ErrorMessages)
                {
                    Console.Error.WriteLine("sitrep: " + message);
                }
                if (summary.StoreError is { } storeError)
                {
                    Console.Error.WriteLine("sitrep: error: " + storeError);
                    return 1;
                }
                return summary.Errors + inputErrors > 0 ? 1 : 0;
            });
        });
        return command;
    }

    private static IngestSummary RunWithProgress(IngestRunner runner, List<Article> articles)
    {
        IngestSummary? summary = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("ingest", maxValue: Math.Max(1, articles.Count));
                summary = runner.Run(articles, s =>
                {
                    task.Value = s.Seen;
                    task.Description = $"{s.Seen:N0}/{articles.Count:N0} articles  {s.ArticlesPerSecond:N0}/s  {s.Events:N0} events";
                });
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    private static void PrintSummary(IngestSummary s, string location, int inputErrors)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"ingest into {Markup.Escape(location)}");
        table.AddColumn("");
        table.AddColumn(new TableColumn("count").RightAligned());
        void Row(string name, string value) => table.AddRow(name, value);
        Row("articles read", s.Seen.ToString("N0", CultureInfo.InvariantCulture));
        Row("  stored (new)", s.Stored.ToString("N0", CultureInfo.InvariantCulture));
        Row("  replaced (changed)", s.Replaced.ToString("N0", CultureInfo.InvariantCulture));
        Row("  unchanged (skipped)", s.Unchanged.ToString("N0", CultureInfo.InvariantCulture));
        Row("sentences", s.Sentences.ToString("N0", CultureInfo.InvariantCulture));
        Row("events", s.Events.ToString("N0", CultureInfo.InvariantCulture));
        Row("figures", s.Figures.ToString("N0", CultureInfo.InvariantCulture));
        Row("flags", s.Flags.ToString("N0", CultureInfo.InvariantCulture));
        Row("errors", (s.Errors + inputErrors).ToString("N0", CultureInfo.InvariantCulture));
        Row("time", $"{s.Elapsed.TotalSeconds:0.00} s (coding {s.Processing.TotalSeconds:0.00} s)");
        Row("speed", $"{s.ArticlesPerSecond:N1} articles/s");
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// Reads JSON Lines (one article object per line) and plain-text files (first line = title).
    /// Integrator: replace with Sitrep.Ingest's InputOptions.Read once merged.
    /// </summary>
    private static IEnumerable<Article> ReadInputs(IReadOnlyList<string> inputs, Action onError)
    {
        foreach (var input in inputs)
        {
            if (!File.Exists(input))
            {
                Console.Error.WriteLine($"{input}: error: no such file");
                onError();
                continue;
            }
            if (!input.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                var text = File.ReadAllText(input);
                var newline = text.IndexOf('\n');
                yield return newline > 0
                    ? Article.Create(null, text[..newline], text[(newline + 1)..])
                    : Article.Create(null, null, text);
                continue;
            }
            var line = 0;
            foreach (var raw in File.ReadLines(input))
            {
                line++;
                if (string.IsNullOrWhiteSpace(raw))
                {
                    continue;
                }
                Article? article = null;
                try
                {
                    using var json = JsonDocument.Parse(raw);
                    var root = json.RootElement;
                    string? Get(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    var body = Get("text") ?? throw new FormatException("no \"text\" field");
                    var published = Get("published") is { } p && DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                        ? d
                        : (DateTimeOffset?)null;
                    article = Article.Create(Get("id"), Get("title"), body,
                        new ArticleMetadata(Get("title"), Get("url"), Get("outlet"), published, "en", input));
                }
                catch (Exception e) when (e is JsonException or FormatException)
                {
                    Console.Error.WriteLine($"{input}:{line}: error: {e.Message}");
                    onError();
                }
                if (article is not null)
                {
                    yield return article;
                }
            }
        }
    }
}
