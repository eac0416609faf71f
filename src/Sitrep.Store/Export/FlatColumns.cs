using System.Globalization;
using Sitrep.Attributes;

namespace Sitrep.Store.Export;

public enum FlatType
{
    String,
    Int,
    Long,
    Double,
    Bool,
    Date,
    Timestamp,
}

/// <summary>One column of the flat event table shared by CSV, Parquet and `query` output.</summary>
public sealed record FlatColumn(string Name, FlatType Type, Func<StoredEvent, object?> Get)
{
    /// <summary>The value as CSV/table text: invariant culture, ISO dates, "" for null.</summary>
    public string Text(StoredEvent e) => Get(e) switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "",
    };
}

/// <summary>
/// The flat, one-row-per-event view: the first source and target actor, the place, and the
/// quantities and attributions folded into text ("killed:12; wounded:30-40").
/// </summary>
public static class FlatColumns
{
    public static IReadOnlyList<FlatColumn> All { get; } =
    [
        new("event_id", FlatType.String, e => e.Id),
        new("article_id", FlatType.String, e => e.ArticleId),
        new("event_date", FlatType.Date, e => e.EventDate),
        new("date_end", FlatType.Date, e => e.Record.Attributes.When?.End),
        new("date_granularity", FlatType.String, e => e.Record.Attributes.When?.Granularity),
        new("date_kind", FlatType.String, e => e.Record.Attributes.When?.Kind ?? (e.EventDate is null ? null : "publication")),
        new("plover_type", FlatType.String, e => e.Record.Event.PloverType),
        new("plover_mode", FlatType.String, e => e.Record.Event.PloverMode),
        new("cameo_code", FlatType.String, e => e.Record.Event.CameoCode),
        new("cameo_label", FlatType.String, e => e.Record.Event.CameoLabel),
        new("quad_class", FlatType.Int, e => e.Record.Event.QuadClass),
        new("goldstein", FlatType.Double, e => e.Record.Event.Goldstein),
        new("source_text", FlatType.String, e => e.Record.Event.Source?.Text),
        new("source_code", FlatType.String, e => e.Record.Event.Source?.Code),
        new("source_country", FlatType.String, e => e.Record.Event.Source?.Country),
        new("target_text", FlatType.String, e => e.Record.Event.Target?.Text),
        new("target_code", FlatType.String, e => e.Record.Event.Target?.Code),
        new("target_country", FlatType.String, e => e.Record.Event.Target?.Country),
        new("negated", FlatType.Bool, e => e.Record.Event.Negated),
        new("modality", FlatType.String, e => e.Record.Event.Modality),
        new("certainty", FlatType.String, e => e.Record.Attributes.Certainty),
        new("place_name", FlatType.String, e => e.Record.Attributes.Where?.Name),
        new("place_country", FlatType.String, e => e.Record.Attributes.Where?.Country),
        new("place_admin1", FlatType.String, e => e.Record.Attributes.Where?.Admin1),
        new("latitude", FlatType.Double, e => e.Record.Attributes.Where?.Latitude),
        new("longitude", FlatType.Double, e => e.Record.Attributes.Where?.Longitude),
        new("geonames_id", FlatType.Long, e => e.Record.Attributes.Where?.GeoNamesId),
        new("quantities", FlatType.String, e => Quantities(e.Record.Attributes.Quantities)),
        new("attributed_to", FlatType.String, e => Attributions(e.Record.Attributes.Attributions)),
        new("trigger_text", FlatType.String, e => e.Record.Event.TriggerText),
        new("sentence", FlatType.Int, e => e.Record.Event.Sentence),
        new("sentence_text", FlatType.String, e => e.SentenceText),
        new("title", FlatType.String, e => e.Title),
        new("url", FlatType.String, e => e.Url),
        new("outlet", FlatType.String, e => e.Outlet),
        new("published", FlatType.Timestamp, e => e.Published),
    ];

    /// <summary>"killed:12; wounded:30-40; arrested:>=100" (category:low[-high]).</summary>
    public static string? Quantities(IReadOnlyList<Quantity> quantities)
    {
        if (quantities.Count == 0)
        {
            return null;
        }
        var parts = new string[quantities.Count];
        for (var i = 0; i < quantities.Count; i++)
        {
            var q = quantities[i];
            var range = (q.Low, q.High) switch
            {
                (null, null) => q.Text,
                ({ } l, { } h) when l == h => l.ToString(CultureInfo.InvariantCulture),
                ({ } l, null) => ">=" + l.ToString(CultureInfo.InvariantCulture),
                (null, { } h) => "<=" + h.ToString(CultureInfo.InvariantCulture),
                ({ } l, { } h) => l.ToString(CultureInfo.InvariantCulture) + "-" + h.ToString(CultureInfo.InvariantCulture),
            };
            parts[i] = q.Category + ":" + range;
        }
        return string.Join("; ", parts);
    }

    /// <summary>"Ukraine's defense ministry (according_to)"; chains as "A (said) < B (citing)".</summary>
    public static string? Attributions(IReadOnlyList<Attribution> attributions)
    {
        if (attributions.Count == 0)
        {
            return null;
        }
        var parts = new List<string>(attributions.Count);
        foreach (var a in attributions)
        {
            var links = new List<string>();
            for (var link = a; link is not null; link = link.Within)
            {
                links.Add($"{link.Source.Text} ({link.Cue})");
            }
            parts.Add(string.Join(" < ", links));
        }
        return string.Join("; ", parts);
    }
}
