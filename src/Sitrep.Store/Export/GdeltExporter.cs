using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sitrep.Store.Export;

/// <summary>
/// The GDELT 2.0 event table: 61 tab-separated columns per event, no header, "\n" line ends
/// (the layout of GDELT's *.export.CSV files). docs/store.md maps each column to our fields
/// and lists the ones left blank.
/// </summary>
public static class GdeltExporter
{
    public static readonly string[] Columns =
    [
        "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
        "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
        "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
        "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
        "NumMentions", "NumSources", "NumArticles", "AvgTone",
        "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
        "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
        "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
        "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
        "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
        "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
        "DATEADDED", "SOURCEURL",
    ];

    public static long Write(IEnumerable<StoredEvent> events, TextWriter output)
    {
        long n = 0;
        var row = new string[Columns.Length];
        foreach (var e in events)
        {
            Fill(e, row);
            for (var i = 0; i < row.Length; i++)
            {
                if (i > 0)
                {
                    output.Write('\t');
                }
                output.Write(row[i]);
            }
            output.Write('\n');
            n++;
        }
        return n;
    }

    /// <summary>Fills the 61 fields of one event (blank = "").</summary>
    public static void Fill(StoredEvent e, string[] row)
    {
        Array.Fill(row, "");
        var ev = e.Record.Event;
        var inv = CultureInfo.InvariantCulture;
        row[0] = GlobalEventId(e).ToString(inv);
        if (e.EventDate is { } d)
        {
            row[1] = d.ToString("yyyyMMdd", inv);
            row[2] = d.ToString("yyyyMM", inv);
            row[3] = d.Year.ToString(inv);
            // GDELT's own formula: YYYY + (month * 30 + day) / 365, four decimals.
            row[4] = (d.Year + (d.Month * 30 + d.Day) / 365.0).ToString("0.0000", inv);
        }
        Actor(ev.Source, row, 5);
        Actor(ev.Target, row, 15);
        // GDELT marks events from the lead paragraph; ours: the headline or first sentence after it.
        row[25] = ev.Sentence <= 1 ? "1" : "0";
        row[26] = ev.CameoCode;
        row[27] = ev.CameoCode.Length >= 3 ? ev.CameoCode[..3] : ev.CameoCode;
        row[28] = ev.CameoCode.Length >= 2 ? ev.CameoCode[..2] : ev.CameoCode;
        row[29] = ev.QuadClass.ToString(inv);
        row[30] = ev.Goldstein.ToString("0.0##", inv);
        row[31] = "1";
        row[32] = "1";
        row[33] = "1";
        if (e.Record.Attributes.Where is { } place)
        {
            var us = place.Country == "USA";
            row[51] = place.Kind switch
            {
                "country" => "1",
                "admin1" => us ? "2" : "5",
                _ => us ? "3" : "4",
            };
            row[52] = Clean(string.Join(", ", new[] { place.Name, place.Admin1, place.Country }.Where(x => !string.IsNullOrEmpty(x)).Distinct()));
            // GDELT's geography columns use FIPS 10-4 country codes; a country-level place gives
            // its FIPS code as ADM1Code too, as GDELT does.
            var fips = place.Country is { } iso ? FipsCodes.Of(iso) : null;
            row[53] = fips ?? "";
            row[54] = place.Kind == "country" ? fips ?? "" : "";
            row[56] = place.Latitude?.ToString("0.####", inv) ?? "";
            row[57] = place.Longitude?.ToString("0.####", inv) ?? "";
            row[58] = place.GeoNamesId?.ToString(inv) ?? "";
        }
        if (e.Published is { } p)
        {
            row[59] = p.UtcDateTime.ToString("yyyyMMddHHmmss", inv);
        }
        row[60] = Clean(e.Url ?? "");
    }

    private static void Actor(Coding.ActorMention? a, string[] row, int at)
    {
        if (a is null)
        {
            return;
        }
        row[at] = a.Code ?? "";
        row[at + 1] = Clean(a.Text.ToUpperInvariant());
        row[at + 2] = a.Country ?? "";
        for (var i = 0; i < 3 && i < a.Sectors.Count; i++)
        {
            row[at + 7 + i] = a.Sectors[i];
        }
    }

    /// <summary>GDELT ids are integers: the first 63 bits of SHA-256("article_id/event_id"), stable across runs and machines.</summary>
    public static long GlobalEventId(StoredEvent e)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(e.ArticleId + "/" + e.Id), hash);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 1);
    }

    private static string Clean(string s) =>
        s.AsSpan().IndexOfAny("\t\n\r") < 0 ? s : s.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}

/// <summary>ISO 3166 alpha-3 to FIPS 10-4 country codes (data/gazetteer/fips.tsv, embedded).</summary>
internal static class FipsCodes
{
    private static readonly Lazy<Dictionary<string, string>> Map = new(Load);

    public static string? Of(string iso3) => Map.Value.GetValueOrDefault(iso3);

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(FipsCodes).Assembly.GetManifestResourceStream("Sitrep.Store.fips.tsv")
            ?? throw new InvalidOperationException("embedded fips.tsv is missing");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            map[line[..tab]] = line[(tab + 1)..];
        }
        return map;
    }
}
