using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Sitrep.Store.Export;

namespace Sitrep.Store.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly TempDir dir = new();
    private readonly IEventStore store;
    private readonly List<StoredEvent> events;

    public ExportTests()
    {
        store = SqliteEventStore.Open(dir.File("export.db"));
        store.Write(StoreContract.SampleBatch());
        events = store.Events(new EventQuery()).ToList();
    }

    [Fact]
    public void GdeltHas61ColumnsWithOurValuesInTheirPlaces()
    {
        var writer = new StringWriter();
        Assert.Equal(events.Count, GdeltExporter.Write(events, writer));
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count, lines.Length);
        Assert.Equal(61, GdeltExporter.Columns.Length);
        var withPlace = events.FindIndex(e => e.Record.Attributes.Where is not null && e.Record.Event.Source is not null);
        Assert.True(withPlace >= 0);
        var e = events[withPlace];
        var f = lines[withPlace].Split('\t');
        Assert.Equal(61, f.Length);
        Assert.All(lines, l => Assert.Equal(61, l.Split('\t').Length));
        string Col(string name) => f[Array.IndexOf(GdeltExporter.Columns, name)];
        Assert.Equal(GdeltExporter.GlobalEventId(e).ToString(CultureInfo.InvariantCulture), Col("GLOBALEVENTID"));
        Assert.Equal(e.EventDate!.Value.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Col("SQLDATE"));
        Assert.Equal("2025", Col("Year"));
        Assert.Equal("202503", Col("MonthYear"));
        Assert.Equal(e.Record.Event.Source!.Code, Col("Actor1Code"));
        Assert.Equal(e.Record.Event.Source.Text.ToUpperInvariant(), Col("Actor1Name"));
        Assert.Equal(e.Record.Event.Source.Country, Col("Actor1CountryCode"));
        Assert.Equal(e.Record.Event.Source.Sectors[0], Col("Actor1Type1Code"));
        Assert.Equal(e.Record.Event.CameoCode, Col("EventCode"));
        Assert.Equal(e.Record.Event.CameoCode[..2], Col("EventRootCode"));
        Assert.Equal(e.Record.Event.QuadClass.ToString(CultureInfo.InvariantCulture), Col("QuadClass"));
        Assert.Equal(e.Record.Event.Goldstein, double.Parse(Col("GoldsteinScale"), CultureInfo.InvariantCulture));
        Assert.Equal("1", Col("ActionGeo_Type"));
        // GDELT geography uses FIPS 10-4 codes: Iraq is IZ (ISO IRQ), Ukraine UP (ISO UKR); a
        // region with no FIPS code ("EUR") is left blank.
        var fips = new Dictionary<string, string> { ["IRQ"] = "IZ", ["UKR"] = "UP", ["SYR"] = "SY", ["USA"] = "US", ["RUS"] = "RS", ["CAN"] = "CA", ["CHN"] = "CH" };
        var mapped = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Record.Attributes.Where?.Country is { } iso)
            {
                var cols = lines[i].Split('\t');
                var code = cols[Array.IndexOf(GdeltExporter.Columns, "ActionGeo_CountryCode")];
                Assert.Equal(fips.GetValueOrDefault(iso, ""), code);
                mapped += code.Length > 0 ? 1 : 0;
            }
        }
        Assert.True(mapped > 0);
        Assert.Equal(Col("ActionGeo_CountryCode"), Col("ActionGeo_ADM1Code"));
        Assert.Equal(e.Record.Attributes.Where!.Latitude!.Value, double.Parse(Col("ActionGeo_Lat"), CultureInfo.InvariantCulture), 4);
        Assert.Equal(e.Record.Attributes.Where.GeoNamesId.ToString(), Col("ActionGeo_FeatureID"));
        Assert.Equal(e.Url, Col("SOURCEURL"));
        Assert.Equal(e.Published!.Value.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), Col("DATEADDED"));
        Assert.Equal("", Col("AvgTone"));
        Assert.Equal("", Col("Actor1Geo_FullName"));
        // Ids are unique and stable across exports.
        Assert.Equal(lines.Length, lines.Select(l => l.Split('\t')[0]).Distinct().Count());
        var again = new StringWriter();
        GdeltExporter.Write(store.Events(new EventQuery()), again);
        Assert.Equal(writer.ToString(), again.ToString());
    }

    [Fact]
    public void CsvQuotesFieldsAndRoundTripsValues()
    {
        var writer = new StringWriter();
        CsvExporter.Write(events, writer);
        var rows = ParseCsv(writer.ToString());
        Assert.Equal(FlatColumns.All.Select(c => c.Name), rows[0]);
        Assert.Equal(events.Count + 1, rows.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].SentenceText, rows[i + 1][FlatColumns.All.ToList().FindIndex(c => c.Name == "sentence_text")]);
            Assert.Equal(events[i].Id, rows[i + 1][0]);
        }
        // Sentences with commas and quotes exist in the sample, so quoting was exercised.
        Assert.Contains(events, e => e.SentenceText.Contains(',') && e.SentenceText.Contains('"'));
    }

    [Fact]
    public void PloverJsonUsesTheManualsFieldNames()
    {
        using var stream = new MemoryStream();
        PloverExporter.Write(events, stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(events.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var root = json.RootElement;
            var e = events[i];
            Assert.Equal(e.Id, root.GetProperty("id").GetString());
            Assert.Equal(e.EventDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("date").GetString());
            Assert.Equal(e.Record.Event.PloverType, root.GetProperty("event")[0].GetString());
            Assert.Equal(e.Record.Event.QuadClass, root.GetProperty("quad_code").GetInt32());
            Assert.Equal(e.SentenceText, root.GetProperty("text").GetString());
            Assert.Equal(e.Record.Attributes.Certainty, root.GetProperty("certainty").GetString());
            if (e.Record.Event.Source is { } source)
            {
                Assert.Equal(source.Text, root.GetProperty("actor")[0].GetProperty("entity_text").GetString());
                Assert.Equal(source.Country, root.GetProperty("actor")[0].GetProperty("code").GetString());
            }
            if (e.Record.Attributes.Where is { Span: { } span } place)
            {
                Assert.Equal(place.Name, root.GetProperty("event_loc").GetProperty("extracted_place").GetString());
            }
            if (e.Record.Attributes.Quantities.FirstOrDefault(q => q.Category == "killed") is { Low: { } dead })
            {
                Assert.Equal(dead, root.GetProperty("size").GetProperty("dead").GetInt64());
            }
        }
    }

    [Fact]
    public void JsonlKeepsEveryAttribute()
    {
        using var stream = new MemoryStream();
        JsonlExporter.Write(events, stream);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var withChain = events.FindIndex(e => e.Record.Attributes.Attributions.Any(a => a.Within is not null));
        using var json = JsonDocument.Parse(lines[withChain]);
        var attribution = json.RootElement.GetProperty("record").GetProperty("attributes").GetProperty("attributions")[0];
        Assert.Equal("quote", attribution.GetProperty("cue").GetString());
        Assert.Equal("said", attribution.GetProperty("within").GetProperty("cue").GetString());
    }

    [Fact]
    public async Task ParquetReadsBackWithProperTypesAndValues()
    {
        var path = dir.File("events.parquet");
        await using (var file = File.Create(path))
        {
            Assert.Equal(events.Count, await ParquetExporter.WriteAsync(events, file));
        }
        await using var input = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(input, ParquetExporter.Options);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        Assert.Equal(FlatColumns.All.Select(c => c.Name), reader.Schema.GetDataFields().Select(f => f.Name));
        // Parquet.Net reads UTF-8 string columns as ReadOnlyMemory<char> unless asked for string.
        Assert.Contains(fields["event_id"].ClrType, new[] { typeof(string), typeof(ReadOnlyMemory<char>) });
        Assert.Equal(typeof(int), fields["quad_class"].ClrType);
        Assert.Equal(typeof(double), fields["goldstein"].ClrType);
        Assert.Equal(typeof(long), fields["geonames_id"].ClrType);
        Assert.Equal(typeof(bool), fields["negated"].ClrType);
        Assert.Equal(typeof(DateOnly), fields["event_date"].ClrType);
        Assert.Equal(typeof(DateTime), fields["published"].ClrType);
        Assert.IsType<DateTimeDataField>(fields["published"]);

        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(events.Count, group.RowCount);
        var n = (int)group.RowCount;
        var ids = new string?[n];
        await group.ReadAsync(fields["event_id"], ids.AsMemory());
        var quad = new int?[n];
        await group.ReadAsync<int>(fields["quad_class"], quad.AsMemory());
        var goldstein = new double?[n];
        await group.ReadAsync<double>(fields["goldstein"], goldstein.AsMemory());
        var dates = new DateOnly?[n];
        await group.ReadAsync<DateOnly>(fields["event_date"], dates.AsMemory());
        var lat = new double?[n];
        await group.ReadAsync<double>(fields["latitude"], lat.AsMemory());
        var published = new DateTime?[n];
        await group.ReadAsync<DateTime>(fields["published"], published.AsMemory());
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(events[i].Id, ids[i]);
            Assert.Equal(events[i].Record.Event.QuadClass, quad[i]);
            Assert.Equal(events[i].Record.Event.Goldstein, goldstein[i]);
            Assert.Equal(events[i].EventDate, dates[i]);
            Assert.Equal(events[i].Record.Attributes.Where?.Latitude, lat[i]);
            Assert.Equal(events[i].Published!.Value.UtcDateTime, published[i]);
        }
        Assert.Contains(lat, x => x is null);
        Assert.Contains(lat, x => x is not null);
    }

    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row.ToArray());
                row.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        return rows;
    }

    public void Dispose()
    {
        store.Dispose();
        dir.Dispose();
    }
}
