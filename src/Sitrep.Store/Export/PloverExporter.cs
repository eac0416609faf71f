using System.Text.Encodings.Web;
using System.Text.Json;
using Sitrep.Attributes;
using Sitrep.Coding;

namespace Sitrep.Store.Export;

/// <summary>
/// PLOVER JSON records, one per line, with the field names of the PLOVER manual's "Data Fields"
/// chapter (id, date, enddate, actor, recipient, event, mode, event_loc, quad_code, event_scale,
/// text, text_info, cite_info, size, coder) plus Sitrep's own certainty, attribution and trace fields.
/// </summary>
public static class PloverExporter
{
    public const string Coder = "sitrep";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long Write(IEnumerable<StoredEvent> events, Stream output)
    {
        long n = 0;
        using var json = new Utf8JsonWriter(output, Options);
        foreach (var e in events)
        {
            WriteEvent(json, e);
            json.Flush();
            output.WriteByte((byte)'\n');
            json.Reset();
            n++;
        }
        return n;
    }

    public static void WriteEvent(Utf8JsonWriter w, StoredEvent e)
    {
        var ev = e.Record.Event;
        var at = e.Record.Attributes;
        w.WriteStartObject();
        w.WriteString("id", ev.Id);
        if (e.EventDate is { } date)
        {
            w.WriteString("date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (at.When?.End is { } end && at.When.Start != end)
        {
            w.WriteString("enddate", end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        w.WriteString("date_resolution", at.When?.Granularity ?? "publication");
        Entities(w, "actor", ev.Source);
        Entities(w, "recipient", ev.Target);
        w.WriteStartArray("event");
        w.WriteStringValue(ev.PloverType);
        w.WriteEndArray();
        w.WriteStartArray("mode");
        if (ev.PloverMode is { } mode)
        {
            w.WriteStringValue(mode);
        }
        w.WriteEndArray();
        if (at.Where is { } place)
        {
            w.WriteStartObject("event_loc");
            // The place span indexes the article text; the sentence holds it when attached by syntax or sentence.
            if (place.Span is { } ps && e.SentenceSpan.Contains(ps))
            {
                w.WriteString("extracted_place", e.SentenceText.Substring(ps.Start - e.SentenceSpan.Start, ps.Length));
            }
            w.WriteString("resolved_place", place.Name);
            if (place.GeoNamesId is { } gid)
            {
                w.WriteNumber("geonameid", gid);
            }
            if (place.Latitude is { } lat && place.Longitude is { } lon)
            {
                w.WriteNumber("lat", lat);
                w.WriteNumber("lon", lon);
            }
            if (place.Admin1 is { } admin1)
            {
                w.WriteString("province", admin1);
            }
            if (place.Country is { } cc)
            {
                w.WriteString("country_code", cc);
            }
            w.WriteNumber("resolution", place.Kind switch { "country" => 1, "admin1" => 2, _ => 4 });
            w.WriteEndObject();
        }
        w.WriteStartArray("event_text");
        w.WriteStringValue(ev.TriggerText);
        w.WriteEndArray();
        w.WriteNumber("quad_code", ev.QuadClass);
        w.WriteNumber("event_scale", ev.Goldstein);
        w.WriteString("cameo", ev.CameoCode);
        w.WriteString("text", e.SentenceText);
        w.WriteStartObject("text_info");
        w.WriteNumber("sequence", ev.Sentence);
        w.WriteNumber("start", e.SentenceSpan.Start);
        w.WriteNumber("end", e.SentenceSpan.End);
        w.WriteEndObject();
        w.WriteStartObject("cite_info");
        w.WriteString("citation", ev.ArticleId);
        if (e.Url is { } url)
        {
            w.WriteString("url", url);
        }
        if (e.Title is { } title)
        {
            w.WriteString("title", title);
        }
        if (e.Outlet is { } outlet)
        {
            w.WriteString("publication", outlet);
        }
        if (e.Published is { } published)
        {
            w.WriteString("published", published);
        }
        w.WriteEndObject();
        Size(w, at.Quantities);
        w.WriteBoolean("negated", ev.Negated);
        if (ev.Modality is { } modality)
        {
            w.WriteString("modality", modality);
        }
        w.WriteString("certainty", at.Certainty);
        w.WriteStartArray("attribution");
        foreach (var a in at.Attributions)
        {
            WriteAttribution(w, a);
        }
        w.WriteEndArray();
        w.WriteString("coder", Coder);
        w.WriteStartArray("comment");
        foreach (var why in ev.Why)
        {
            w.WriteStringValue(why);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Entities(Utf8JsonWriter w, string name, ActorMention? a)
    {
        w.WriteStartArray(name);
        if (a is not null)
        {
            w.WriteStartObject();
            if (a.Country is { } country)
            {
                w.WriteString("code", country);
            }
            if (a.Sectors.Count > 0)
            {
                w.WriteString("sector", string.Concat(a.Sectors));
            }
            w.WriteString("entity_text", a.Text);
            if (a.Code is { } code)
            {
                w.WriteString("cameo_code", code);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>PLOVER's size object (dead, injured, arrested) plus our other categories; the low bound of each.</summary>
    private static void Size(Utf8JsonWriter w, IReadOnlyList<Quantity> quantities)
    {
        if (quantities.Count == 0)
        {
            return;
        }
        w.WriteStartObject("size");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var q in quantities)
        {
            var name = q.Category switch { "killed" => "dead", "wounded" => "injured", var c => c };
            if ((q.Low ?? q.High) is { } value && written.Add(name))
            {
                w.WriteNumber(name, value);
            }
        }
        w.WriteEndObject();
    }

    private static void WriteAttribution(Utf8JsonWriter w, Attribution a)
    {
        w.WriteStartObject();
        w.WriteString("source", a.Source.Text);
        if (a.Source.Code is { } code)
        {
            w.WriteString("code", code);
        }
        w.WriteString("cue", a.Cue);
        if (a.Within is { } within)
        {
            w.WritePropertyName("within");
            WriteAttribution(w, within);
        }
        w.WriteEndObject();
    }
}
