using System.CommandLine;
using System.Globalization;
using System.Text;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Store;
using Sitrep.Text;
using Spectre.Console;

namespace Sitrep.Cli;

/// <summary>
/// `sitrep show ID`: an event (its sentence with trigger, actors, date, place, quantities and
/// attribution highlighted, and why it was coded) or an article (its text with every event
/// trigger highlighted, its events, figures and flags).
/// </summary>
internal static class ShowCommand
{
    private static readonly (string Kind, string Style)[] Legend =
    [
        ("trigger", "bold red"), ("source", "bold blue"), ("target", "bold magenta"), ("date", "green"), ("place", "cyan"),
        ("quantity", "bold yellow"), ("attribution", "italic grey"),
    ];

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "An event id (from query) or an article id" };
        var db = StoreOptions.Db();
        var command = new Command("show", "Print an event or an article with its text and highlighted spans.");
        command.Arguments.Add(id);
        command.Options.Add(db);
        command.SetAction(parse => StoreOptions.WithStore(parse, db, readOnly: true, store =>
        {
            var key = parse.GetValue(id)!;
            var events = store.Events(new EventQuery { EventId = key }).ToList();
            if (events.Count > 0)
            {
                foreach (var e in events)
                {
                    ShowEvent(e);
                }
                return 0;
            }
            if (store.Article(key) is { } article)
            {
                ShowArticle(store, article);
                return 0;
            }
            Console.Error.WriteLine($"sitrep: error: no event or article with id '{key}' in {store.Location}");
            return 1;
        }));
        return command;
    }

    private static void ShowEvent(StoredEvent e)
    {
        var ev = e.Record.Event;
        var at = e.Record.Attributes;
        var spans = new List<(TextSpan Span, string Kind)> { (ev.Trigger, "trigger") };
        if (ev.Source is { } s)
        {
            spans.Add((s.Span, "source"));
        }
        if (ev.Target is { } t)
        {
            spans.Add((t.Span, "target"));
        }
        if (at.When?.Span is { } ds)
        {
            spans.Add((ds, "date"));
        }
        if (at.Where?.Span is { } ps)
        {
            spans.Add((ps, "place"));
        }
        spans.AddRange(at.Quantities.Select(q => (q.Span, "quantity")));
        foreach (var a in at.Attributions)
        {
            for (var link = a; link is not null; link = link.Within)
            {
                spans.Add((link.CueSpan, "attribution"));
                spans.Add((link.Source.Span, "attribution"));
            }
        }

        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Markup($"[grey]{name}[/]"), new Spectre.Console.Text(value));
            }
        }
        Row("event", e.Id);
        Row("article", $"{e.ArticleId}  sentence {ev.Sentence}" + (e.Title is { } title ? $"  \"{title}\"" : ""));
        Row("url", e.Url);
        Row("published", e.Published?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        Row("type", $"{ev.PloverType}{(ev.PloverMode is { } m ? " / " + m : "")}   CAMEO {ev.CameoCode} {ev.CameoLabel}   quad {ev.QuadClass}   Goldstein {ev.Goldstein.ToString("0.0", CultureInfo.InvariantCulture)}");
        Row("who", $"{Actor(ev.Source)}  ->  {Actor(ev.Target)}");
        Row("when", Date(at.When, e.EventDate));
        Row("where", at.Where is { } p
            ? $"{p.Name}{(p.Admin1 is { } a1 ? ", " + a1 : "")}{(p.Country is { } c ? " (" + c + ")" : "")}  {p.Kind}" +
              (p.Latitude is { } lat && p.Longitude is { } lon ? $"  {lat.ToString("0.###", CultureInfo.InvariantCulture)}, {lon.ToString("0.###", CultureInfo.InvariantCulture)}" : "") +
              $"  [{p.AttachedBy}]"
            : null);
        Row("how many", string.Join("; ", at.Quantities.Select(q => $"{q.Text} = {Range(q)} {q.Category}{(q.Counted is { } n ? " (" + n + ")" : "")}, {q.Precision}")));
        Row("according to", FlatAttribution(at.Attributions));
        Row("certainty", $"{at.Certainty}" + (at.CertaintyReason.Count > 0 ? "  (" + string.Join("; ", at.CertaintyReason) + ")" : "") +
            (ev.Negated ? "  negated" : "") + (ev.Modality is { } mod ? "  modality " + mod : ""));
        Row("why", string.Join("\n", ev.Why));
        AnsiConsole.Write(new Panel(grid).Header($"[bold]{Markup.Escape(ev.PloverType)}[/] {Markup.Escape(ev.TriggerText)}").Border(BoxBorder.Rounded));
        AnsiConsole.Write(new Panel(new Markup(Highlight(e.SentenceText, e.SentenceSpan.Start, spans))).Header("text").Border(BoxBorder.Rounded));
        AnsiConsole.MarkupLine(string.Join("  ", Legend.Select(l => $"[{l.Style}]{l.Kind}[/]")));
        if (!AnsiConsole.Profile.Capabilities.Ansi)
        {
            // Without colour the spans are listed, so piped output keeps the same information.
            foreach (var (span, kind) in spans.OrderBy(x => x.Span.Start))
            {
                if (span.Start >= e.SentenceSpan.Start && span.End <= e.SentenceSpan.End)
                {
                    Console.WriteLine($"  {kind,-12} {span.Start,6}-{span.End,-6} {e.SentenceText.Substring(span.Start - e.SentenceSpan.Start, span.Length)}");
                }
            }
        }
        AnsiConsole.WriteLine();
    }

    private static void ShowArticle(IEventStore store, StoredArticle a)
    {
        var events = store.Events(new EventQuery { ArticleId = a.Id }).ToList();
        var figures = store.Figures(a.Id);
        var flags = store.Flags(a.Id);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[grey]article[/]"), new Spectre.Console.Text(a.Id));
        foreach (var (name, value) in new[] { ("title", a.Title), ("url", a.Url), ("outlet", a.Outlet),
                     ("published", a.Published?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)) })
        {
            if (value is not null)
            {
                grid.AddRow(new Markup($"[grey]{name}[/]"), new Spectre.Console.Text(value));
            }
        }
        grid.AddRow(new Markup("[grey]size[/]"), new Spectre.Console.Text($"{a.Sentences} sentences, {a.Tokens} tokens, {events.Count} events, {figures.Count} figures, {flags.Count} flags"));
        AnsiConsole.Write(new Panel(grid).Header("article").Border(BoxBorder.Rounded));
        var spans = events.Select(e => (e.Record.Event.Trigger, "trigger"))
            .Concat(figures.Select(f => (f.Quantity.Span, "quantity")))
            .ToList();
        AnsiConsole.Write(new Panel(new Markup(Highlight(a.Text, 0, spans))).Header("text").Border(BoxBorder.Rounded));
        if (events.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("events");
            foreach (var col in new[] { "event", "sentence", "type", "cameo", "trigger", "source", "target", "certainty" })
            {
                table.AddColumn(col);
            }
            foreach (var e in events)
            {
                var ev = e.Record.Event;
                table.AddRow(Markup.Escape(e.Id), ev.Sentence.ToString(CultureInfo.InvariantCulture), Markup.Escape(ev.PloverType), Markup.Escape(ev.CameoCode),
                    Markup.Escape(ev.TriggerText), Markup.Escape(Actor(ev.Source)), Markup.Escape(Actor(ev.Target)), Markup.Escape(e.Record.Attributes.Certainty));
            }
            AnsiConsole.Write(table);
        }
        foreach (var f in figures)
        {
            AnsiConsole.MarkupLine($"[bold yellow]figure[/] {Markup.Escape(f.Quantity.Text)} = {Markup.Escape(Range(f.Quantity))} {Markup.Escape(f.Quantity.Category)}" +
                $"{Markup.Escape(f.Victims is { } v ? " of " + v.Text : "")}{(f.Cumulative ? " (cumulative)" : "")}" +
                $"{Markup.Escape(f.AsOf?.Start is { } d ? " as of " + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}" +
                $"{Markup.Escape(FlatAttribution(f.Attributions) is { } src ? ", according to " + src : "")} [grey]{Markup.Escape(f.Certainty)}[/]");
        }
        foreach (var g in flags)
        {
            AnsiConsole.MarkupLine($"[bold red]flag[/] {Markup.Escape(g.Kind)}: \"{Markup.Escape(g.FirstText)}\" vs \"{Markup.Escape(g.SecondText)}\"" +
                $"{Markup.Escape(g.OtherArticleId is { } o ? " (in " + o + ")" : "")}: {Markup.Escape(g.Reason)}");
        }
    }

    /// <summary>Spectre markup of <paramref name="text"/> (which starts at article offset <paramref name="offset"/>) with spans styled; overlaps keep the first.</summary>
    internal static string Highlight(string text, int offset, IEnumerable<(TextSpan Span, string Kind)> spans)
    {
        var styles = Legend.ToDictionary(l => l.Kind, l => l.Style);
        var sb = new StringBuilder();
        var at = 0;
        foreach (var (span, kind) in spans
                     .Where(x => x.Span.Start >= offset && x.Span.End <= offset + text.Length && x.Span.Length > 0)
                     .OrderBy(x => x.Span.Start).ThenByDescending(x => x.Span.Length))
        {
            var start = span.Start - offset;
            if (start < at)
            {
                continue;
            }
            sb.Append(Markup.Escape(text[at..start]));
            sb.Append('[').Append(styles[kind]).Append(']').Append(Markup.Escape(text[start..(span.End - offset)])).Append("[/]");
            at = span.End - offset;
        }
        sb.Append(Markup.Escape(text[at..]));
        return sb.ToString();
    }

    private static string Actor(ActorMention? a) => a is null ? "-" : QueryCommand.Actor(a) + (a.Kind is { Length: > 0 } k ? $" {k}" : "");

    private static string Range(Quantity q) => (q.Low, q.High) switch
    {
        ({ } l, { } h) when l == h => l.ToString("N0", CultureInfo.InvariantCulture),
        ({ } l, { } h) => $"{l.ToString("N0", CultureInfo.InvariantCulture)}-{h.ToString("N0", CultureInfo.InvariantCulture)}",
        ({ } l, null) => $">={l.ToString("N0", CultureInfo.InvariantCulture)}",
        (null, { } h) => $"<={h.ToString("N0", CultureInfo.InvariantCulture)}",
        _ => "?",
    };

    private static string? Date(DateAttribute? d, DateOnly? eventDate)
    {
        if (d is null)
        {
            return eventDate is { } p ? $"{p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (publication date)" : null;
        }
        var range = d.Start == d.End || d.End is null
            ? d.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{d.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} .. {d.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        return $"{range ?? "unresolved"}  {d.Granularity}, {d.Kind}{(d.Text is { } t ? " \"" + t + "\"" : "")} [{d.AttachedBy}]" +
               (d.Reason.Count > 0 ? "  " + string.Join("; ", d.Reason) : "");
    }

    private static string? FlatAttribution(IReadOnlyList<Attribution> list) => Store.Export.FlatColumns.Attributions(list);
}
