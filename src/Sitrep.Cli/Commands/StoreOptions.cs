using System.CommandLine;
using System.Globalization;
using Sitrep.Store;

namespace Sitrep.Cli;

/// <summary>
/// The --db option and the query filters shared by ingest, query, show, export and stats, and
/// the one place store errors become "sitrep: error: ..." with exit code 1.
/// </summary>
internal static class StoreOptions
{
    public static Option<string> Db() => new("--db")
    {
        Description = "SQLite file (default sitrep.db in the current directory), or a PostgreSQL connection: postgres://user:pass@host:5432/db or \"Host=...;Database=...\"",
        HelpName = "PATH|URL",
        DefaultValueFactory = _ => EventStore.DefaultPath,
    };

    /// <summary>Runs <paramref name="body"/> on the opened store; a <see cref="StoreException"/> is printed and gives exit code 1.</summary>
    public static int WithStore(ParseResult parse, Option<string> db, bool readOnly, Func<IEventStore, int> body)
    {
        try
        {
            using var store = EventStore.Open(parse.GetValue(db), readOnly);
            return body(store);
        }
        catch (StoreException e)
        {
            Console.Error.WriteLine("sitrep: error: " + e.Message);
            return 1;
        }
    }
}

/// <summary>Event filters as options; <see cref="ToQuery"/> turns them into an <see cref="EventQuery"/>.</summary>
internal sealed class QueryFilters
{
    public Option<string?> From { get; } = new("--from") { Description = "Events on or after this date (YYYY-MM-DD)", HelpName = "DATE" };
    public Option<string?> To { get; } = new("--to") { Description = "Events on or before this date (YYYY-MM-DD)", HelpName = "DATE" };
    public Option<string?> Type { get; } = new("--type") { Description = "PLOVER event type, e.g. ASSAULT, PROTEST, CONSULT", HelpName = "PLOVER" };
    public Option<string?> Cameo { get; } = new("--cameo") { Description = "CAMEO code prefix: 19 = all fighting, 190-196", HelpName = "PREFIX" };
    public Option<string?> Actor { get; } = new("--actor") { Description = "Source or target actor code prefix (RUS, RUSMIL, UKRGOV) or actor country", HelpName = "CODE" };
    public Option<string?> Country { get; } = new("--country") { Description = "ISO alpha-3 country of the source, target or place (UKR)", HelpName = "ISO3" };
    public Option<string?> Location { get; } = new("--location") { Description = "Place name or region substring (Kharkiv), or place country code", HelpName = "TEXT" };
    public Option<string?> Certainty { get; } = new("--certainty")
    {
        Description = "asserted, reported, claimed, unverified, denied, negated, hypothetical or intended",
    };
    public Option<string?> Text { get; } = new("--text") { Description = "Case-insensitive substring of the event's sentence" };
    public Option<string?> Article { get; } = new("--article") { Description = "Only events of this article id", HelpName = "ID" };
    public Option<int?> Limit { get; } = new("--limit") { Description = "At most this many events", HelpName = "N" };

    public QueryFilters()
    {
        Certainty.AcceptOnlyFromAmong(CertaintyValues);
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { From, To, Type, Cameo, Actor, Country, Location, Certainty, Text, Article, Limit })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The filters as a query, or null after printing a usage error.</summary>
    public EventQuery? ToQuery(ParseResult parse, int? defaultLimit)
    {
        if (!TryDate(parse, From, out var from) || !TryDate(parse, To, out var to))
        {
            return null;
        }
        var limit = parse.GetValue(Limit) ?? defaultLimit;
        if (limit is <= 0)
        {
            Console.Error.WriteLine("sitrep: --limit must be positive");
            return null;
        }
        return new EventQuery
        {
            From = from,
            To = to,
            PloverType = parse.GetValue(Type),
            CameoPrefix = parse.GetValue(Cameo),
            Actor = parse.GetValue(Actor),
            Country = parse.GetValue(Country),
            Location = parse.GetValue(Location),
            Certainty = parse.GetValue(Certainty),
            Text = parse.GetValue(Text),
            ArticleId = parse.GetValue(Article),
            Limit = limit,
        };
    }

    private static bool TryDate(ParseResult parse, Option<string?> option, out DateOnly? date)
    {
        date = null;
        if (parse.GetValue(option) is not { } text)
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            date = d;
            return true;
        }
        Console.Error.WriteLine($"sitrep: {option.Name}: '{text}' is not a date; use YYYY-MM-DD");
        return false;
    }

    private static readonly string[] CertaintyValues =
    [
        Attributes.Certainty.Asserted, Attributes.Certainty.Reported, Attributes.Certainty.Claimed, Attributes.Certainty.Unverified,
        Attributes.Certainty.Denied, Attributes.Certainty.Negated, Attributes.Certainty.Hypothetical, Attributes.Certainty.Intended,
    ];
}
