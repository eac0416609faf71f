using System.CommandLine;
using System.Globalization;
using System.Text;
using Sitrep.Store;
using Sitrep.Store.Export;
using Spectre.Console;

namespace Sitrep.Cli;

/// <summary>`sitrep query [filters] [--format table|jsonl|csv]`: events matching all filters, oldest first.</summary>
internal static class QueryCommand
{
    public const int DefaultTableLimit = 50;

    public static Command Create()
    {
        var db = StoreOptions.Db();
        var filters = new QueryFilters();
        var format = new Option<string>("--format")
        {
            Description = $"table (first {DefaultTableLimit} unless --limit), jsonl (every attribute) or csv (flat columns, as export --format csv)",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv");
        var command = new Command("query", "List stored events matching filters (date, type, CAMEO code, actor, country, place, certainty, text).");
        filters.AddTo(command);
        command.Options.Add(format);
        command.Options.Add(db);
        command.SetAction(parse =>
        {
            var kind = parse.GetValue(format);
            var query = filters.ToQuery(parse, kind == "table" ? DefaultTableLimit : null);
            if (query is null)
            {
                return 2;
            }
            return StoreOptions.WithStore(parse, db, readOnly: true, store =>
            {
                var events = store.Events(query);
                switch (kind)
                {
                    case "jsonl":
                        using (var stdout = Console.OpenStandardOutput())
                        {
                            JsonlExporter.Write(events, stdout);
                        }
                        break;
                    case "csv":
                        using (var writer = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" })
                        {
                            CsvExporter.Write(events, writer);
                        }
                        break;
                    default:
                        WriteTable(events.ToList(), query);
                        break;
                }
                return 0;
            });
        });
        return command;
    }

    private static void WriteTable(List<StoredEvent> events, EventQuery query)
    {
        if (Console.IsOutputRedirected)
        {
            // A pipe has no width; wrapping ids and dates at 80 columns would only break greps.
            AnsiConsole.Profile.Width = 200;
        }
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("event").NoWrap());
        table.AddColumn(new TableColumn("date").NoWrap());
        foreach (var name in new[] { "type", "cameo", "source", "target", "place", "certainty", "trigger" })
        {
            table.AddColumn(name);
        }
        foreach (var e in events)
        {
            var ev = e.Record.Event;
            var at = e.Record.Attributes;
            table.AddRow(
                Markup.Escape(e.Id),
                e.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                Markup.Escape(ev.PloverType + (ev.PloverMode is { } m ? "/" + m : "")),
                Markup.Escape(ev.CameoCode),
                Markup.Escape(ev.Source?.Code ?? ev.Source?.Text ?? ""),
                Markup.Escape(ev.Target?.Code ?? ev.Target?.Text ?? ""),
                Markup.Escape(at.Where?.Name ?? ""),
                Markup.Escape(at.Certainty),
                Markup.Escape(ev.TriggerText));
        }
        AnsiConsole.Write(table);
        var more = query.Limit is { } limit && events.Count == limit ? $" (limit {limit}; use --limit N or --format csv/jsonl for all)" : "";
        AnsiConsole.MarkupLine($"[grey]{events.Count} event(s){Markup.Escape(more)}. `sitrep show ID` prints one with its text.[/]");
    }

    internal static string Actor(Coding.ActorMention? a) =>
        a is null ? "" : a.Code is { } code ? $"{a.Text} [{code}]" : a.Text;
}
