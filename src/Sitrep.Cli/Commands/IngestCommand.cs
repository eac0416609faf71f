using System.CommandLine;
using System.Globalization;
using Sitrep.Attributes;
using Sitrep.Pipeline;
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
    public static Command Create()
    {
        var inputs = new InputOptions();
        var db = StoreOptions.Db();
        var batch = new Option<int>("--batch") { Description = "Articles per transaction", DefaultValueFactory = _ => 64, HelpName = "N" };
        var command = new Command("ingest", "Code articles and store their events, figures and flags in the database.");
        inputs.AddTo(command);
        command.Options.Add(db);
        command.Options.Add(batch);
        var show = new Option<int>("--show")
        {
            Description = "After ingesting, print the N most significant stored events (both actors coded, largest |Goldstein| first)",
            DefaultValueFactory = _ => 0,
            HelpName = "N",
        };
        command.Options.Add(show);
        var pipelineOptions = new PipelineOptionsCli();
        pipelineOptions.AddTo(command);
        command.SetAction(parse =>
        {
            var options = inputs.ToIngestOptions(parse, Console.Error);
            if (options is null)
            {
                return 2;
            }
            if (parse.GetValue(batch) <= 0)
            {
                Console.Error.WriteLine("sitrep: --batch must be positive");
                return 2;
            }
            if (pipelineOptions.TryLoad(parse) is not { } pipeline)
            {
                return 2;
            }
            return StoreOptions.WithStore(parse, db, readOnly: false, store =>
            {
                var stats = new InputStats();
                var paths = parse.GetValue(inputs.Inputs) ?? [];
                var articles = InputOptions.Read(paths, options, Console.Error, stats);
                var runner = new IngestRunner(store, new DelegateProcessor(pipeline.Process), parse.GetValue(batch), pipelineOptions.ThreadCount(parse),
                    new DelegateCrossArticleCheck(pipeline.Evidence, pipeline.CrossArticle));
                IngestSummary summary;
                if (Console.IsOutputRedirected)
                {
                    summary = runner.Run(articles);
                }
                else if (paths.Contains("-"))
                {
                    // stdin can be read only once: hold it in memory to know the total.
                    var list = articles.ToList();
                    summary = RunWithProgress(runner, list, list.Count);
                }
                else
                {
                    // A quiet first pass counts the articles for the bar and ETA; reading is far faster than coding.
                    var total = InputOptions.Read(paths, options, TextWriter.Null, new InputStats()).Count();
                    summary = RunWithProgress(runner, articles, total);
                }
                PrintSummary(summary, store.Location, stats.Errors);
                if (parse.GetValue(show) is > 0 and var top)
                {
                    ShowTopEvents(store, top);
                }
                foreach (var message in summary.ErrorMessages)
                {
                    Console.Error.WriteLine("sitrep: " + message);
                }
                if (summary.StoreError is { } storeError)
                {
                    Console.Error.WriteLine("sitrep: error: " + storeError);
                    return 1;
                }
                return summary.Errors > 0 ? 1 : stats.ExitCode;
            });
        });
        return command;
    }

    private static IngestSummary RunWithProgress(IngestRunner runner, IEnumerable<Article> articles, int total)
    {
        IngestSummary? summary = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("ingest", maxValue: Math.Max(1, total));
                summary = runner.Run(articles, s =>
                {
                    task.Value = s.Seen;
                    task.Description = $"{s.Seen:N0}/{total:N0} articles  {s.ArticlesPerSecond:N0}/s  {s.Events:N0} events";
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
        Row("  across articles", s.CrossArticleFlags.ToString("N0", CultureInfo.InvariantCulture));
        Row("errors", (s.Errors + inputErrors).ToString("N0", CultureInfo.InvariantCulture));
        Row("time", $"{s.Elapsed.TotalSeconds:0.00} s (coding {s.Processing.TotalSeconds:0.00} s)");
        Row("speed", $"{s.ArticlesPerSecond:N1} articles/s");
        AnsiConsole.Write(table);
    }

    /// <summary>
    /// The newcomer's first look: dyadic events (both actors coded) with the strongest Goldstein
    /// score, newest first among equals; ties keep the store's order, so output is stable.
    /// </summary>
    private static void ShowTopEvents(IEventStore store, int count)
    {
        var query = new EventQuery { Limit = count };
        var top = store.Events(new EventQuery { Limit = 20_000 })
            .Where(e => e.Record.Event.Source?.Code is not null && e.Record.Event.Target?.Code is not null && !e.Record.Event.Negated)
            .OrderByDescending(e => Math.Abs(e.Record.Event.Goldstein))
            .ThenByDescending(e => e.EventDate)
            .Take(count)
            .ToList();
        QueryCommand.WriteTable(top, query);
    }
}
