using System.CommandLine;
using System.Globalization;
using Sitrep.Store;
using Spectre.Console;

namespace Sitrep.Cli;

/// <summary>`sitrep stats`: totals and counts by PLOVER type, country, certainty, outlet and month.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var db = StoreOptions.Db();
        var top = new Option<int>("--top") { Description = "Rows per breakdown", DefaultValueFactory = _ => 10, HelpName = "N" };
        var command = new Command("stats", "Counts of stored articles and events by PLOVER type, country, certainty, outlet and month.");
        command.Options.Add(top);
        command.Options.Add(db);
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) <= 0)
            {
                Console.Error.WriteLine("sitrep: --top must be positive");
                return 2;
            }
            return StoreOptions.WithStore(parse, db, readOnly: true, store =>
            {
                var s = store.Stats(parse.GetValue(top));
                var totals = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(store.Location));
                totals.AddColumn("");
                totals.AddColumn(new TableColumn("count").RightAligned());
                foreach (var (name, value) in new[] { ("articles", s.Articles), ("sentences", s.Sentences), ("events", s.Events), ("figures", s.Figures), ("flags", s.Flags) })
                {
                    totals.AddRow(name, value.ToString("N0", CultureInfo.InvariantCulture));
                }
                AnsiConsole.Write(totals);
                var grid = new Grid();
                grid.AddColumn();
                grid.AddColumn();
                grid.AddColumn();
                grid.AddRow(Breakdown("PLOVER type", s.ByPloverType, s.Events), Breakdown("country", s.ByCountry, s.Events),
                    Breakdown("certainty", s.ByCertainty, s.Events));
                grid.AddRow(Breakdown("outlet (articles)", s.ByOutlet, s.Articles), Breakdown("month", s.ByMonth, s.Events), new Spectre.Console.Text(""));
                AnsiConsole.Write(grid);
                return 0;
            });
        });
        return command;
    }

    private static Table Breakdown(string title, IReadOnlyList<KeyValuePair<string, long>> rows, long total)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        table.AddColumn(title.Split(' ')[0]);
        table.AddColumn(new TableColumn("n").RightAligned());
        table.AddColumn(new TableColumn("%").RightAligned());
        foreach (var (key, n) in rows)
        {
            table.AddRow(Markup.Escape(key), n.ToString("N0", CultureInfo.InvariantCulture),
                total > 0 ? (100.0 * n / total).ToString("0.0", CultureInfo.InvariantCulture) : "");
        }
        return table;
    }
}
