using System.Data.Common;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Text;
using static Sitrep.Store.SqlEventStore;

namespace Sitrep.Store;

/// <summary>One events row as selected by SqlEventStore's EventColumns, in that column order.</summary>
internal sealed record EventRow(
    string ArticleId, string Id, int Ordinal, int Sentence, TextSpan SentenceSpan, string SentenceText,
    TextSpan Trigger, string TriggerText, string CameoCode, string CameoLabel, int QuadClass, double Goldstein,
    string PloverType, string? PloverMode, bool Negated, string? Modality, string[] Why, DateOnly? EventDate,
    DateAttribute? When, PlaceAttribute? Where, string Certainty, string[] CertaintyReason)
{
    public const int ColumnCount = 41;

    public static EventRow Read(DbDataReader r)
    {
        PlaceAttribute? place = r.IsDBNull(31)
            ? null
            : new PlaceAttribute(r.IsDBNull(29) ? null : new TextSpan(r.GetInt32(29), r.GetInt32(30)), r.GetString(31), Str(r, 32), Str(r, 33),
                r.GetString(34), Double(r, 35), Double(r, 36), Long(r, 37), r.GetString(38));
        return new EventRow(
            r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), new TextSpan(r.GetInt32(4), r.GetInt32(5)), r.GetString(6),
            new TextSpan(r.GetInt32(7), r.GetInt32(8)), r.GetString(9), r.GetString(10), r.GetString(11), r.GetInt32(12), r.GetDouble(13),
            r.GetString(14), Str(r, 15), r.GetBoolean(16), Str(r, 17), StoreJson.Read(r.GetString(18)), Date(Str(r, 19)),
            ReadDate(r, 20), place, r.GetString(39), StoreJson.Read(r.GetString(40)));
    }

    public StoredEvent ToStored(SqlEventStore.Children children, string? title, string? url, string? outlet, DateTimeOffset? published)
    {
        var sources = children.ActorsOf(ArticleId, Id, "source");
        var targets = children.ActorsOf(ArticleId, Id, "target");
        var coded = new CodedEvent(Id, ArticleId, Sentence, Trigger, TriggerText, CameoCode, CameoLabel, QuadClass, Goldstein, PloverType,
            PloverMode, sources.Count > 0 ? sources[0] : null, targets.Count > 0 ? targets[0] : null, Negated, Modality,
            children.ActorsOf(ArticleId, Id, "reported_by"), Why);
        var attributes = new EventAttributes(When, Where, children.QuantitiesOf(ArticleId, Id), children.AttributionsOf(ArticleId, Id),
            Certainty, CertaintyReason);
        return new StoredEvent(new EventRecord(coded, attributes), SentenceText, SentenceSpan, EventDate, title, url, outlet, published);
    }
}
