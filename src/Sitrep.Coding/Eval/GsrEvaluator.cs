using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Text;

namespace Sitrep.Coding.Eval;

/// <summary>One gold sentence of a PLOVER GSR file: the text, the event type and the actor country codes.</summary>
public sealed record GsrRecord(string Id, string Text, DateOnly? Date, string EventType, IReadOnlyList<string> SourceCodes, IReadOnlyList<string> TargetCodes);

/// <summary>Scores of the coder against GSR gold sentences.</summary>
public sealed record GsrScores(
    int Sentences,
    int TypeCorrect,
    int SourceGold,
    int SourceCorrect,
    int TargetGold,
    int TargetCorrect,
    int Events,
    int Spurious,
    IReadOnlyDictionary<(string Gold, string Predicted), int> Confusion,
    IReadOnlyList<string> Details)
{
    public double TypeAccuracy => Sentences == 0 ? 0 : (double)TypeCorrect / Sentences;
    public double SourceAccuracy => SourceGold == 0 ? 0 : (double)SourceCorrect / SourceGold;
    public double TargetAccuracy => TargetGold == 0 ? 0 : (double)TargetCorrect / TargetGold;
    public double SpuriousPerSentence => Sentences == 0 ? 0 : (double)Spurious / Sentences;

    public string Format()
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"sentences               {Sentences}");
        sb.AppendLine(ci, $"event type accuracy     {TypeAccuracy:P1}  ({TypeCorrect}/{Sentences}: an event of the gold type is coded)");
        sb.AppendLine(ci, $"source country accuracy {SourceAccuracy:P1}  ({SourceCorrect}/{SourceGold} sentences with a gold source code)");
        sb.AppendLine(ci, $"target country accuracy {TargetAccuracy:P1}  ({TargetCorrect}/{TargetGold} sentences with a gold target code)");
        sb.AppendLine(ci, $"events per sentence     {(Sentences == 0 ? 0 : (double)Events / Sentences):F2}");
        sb.AppendLine(ci, $"spurious per sentence   {SpuriousPerSentence:F2}  (events not of the gold type)");
        sb.AppendLine();
        sb.AppendLine("confusion (rows gold, columns the best coded event's type; NONE = no event):");
        var golds = Confusion.Keys.Select(k => k.Gold).Distinct().Order(StringComparer.Ordinal).ToList();
        var preds = Confusion.Keys.Select(k => k.Predicted).Distinct().Order(StringComparer.Ordinal).ToList();
        sb.Append("".PadRight(12));
        foreach (var p in preds)
        {
            sb.Append(Abbrev(p).PadLeft(6));
        }
        sb.AppendLine();
        foreach (var g in golds)
        {
            sb.Append(g.PadRight(12));
            foreach (var p in preds)
            {
                var n = Confusion.GetValueOrDefault((g, p));
                sb.Append((n == 0 ? "." : n.ToString(ci)).PadLeft(6));
            }
            sb.AppendLine();
        }
        return sb.ToString();

        static string Abbrev(string t) => t.Length <= 5 ? t : t[..5];
    }
}

/// <summary>
/// Evaluates the coder on PLOVER GSR gold records (JSON lines with "text", "event", "source"
/// and "target" lists of {"actorText", "code", "sector"}). A sentence's type is right when an
/// event of the gold type is coded; source/target are judged on that event (the one whose
/// actors agree best with the gold), comparing 3-letter country (or IGO/NGO) codes.
/// </summary>
public static class GsrEvaluator
{
    public static IReadOnlyList<GsrRecord> Read(string path, Ontology ontology)
    {
        var records = new List<GsrRecord>();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.GetProperty("text").GetString() ?? "";
                var type = root.GetProperty("event").GetString() ?? "";
                DateOnly? date = root.TryGetProperty("date", out var d) && DateOnly.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var dd) ? dd : null;
                records.Add(new GsrRecord(
                    root.TryGetProperty("id", out var id) ? id.GetString() ?? $"line{n}" : $"line{n}",
                    text, date, ontology.CanonicalType(type) ?? type,
                    Codes(root, "source"), Codes(root, "target")));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{n}: not a GSR record: {e.Message}", e);
            }
        }
        return records;
    }

    private static List<string> Codes(JsonElement root, string name)
    {
        var result = new List<string>();
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return result;
        }
        foreach (var a in list.EnumerateArray())
        {
            if (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("code", out var c) && c.GetString() is { Length: >= 3 } code)
            {
                result.Add(code[..3].ToUpperInvariant());
            }
        }
        return result;
    }

    /// <summary>Codes every record (with gazetteer places from <paramref name="places"/> when given) and scores it.</summary>
    public static GsrScores Evaluate(IReadOnlyList<GsrRecord> records, EventCoder coder, Func<Article, Doc> parse, Func<Doc, IReadOnlyList<NamedPlace>>? places = null)
    {
        int typeOk = 0, srcGold = 0, srcOk = 0, tgtGold = 0, tgtOk = 0, events = 0, spurious = 0;
        var confusion = new Dictionary<(string, string), int>();
        var details = new List<string>();
        foreach (var r in records)
        {
            var published = r.Date is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            var article = Article.Create(r.Id, null, r.Text, new ArticleMetadata(null, null, null, published, "en", "gsr"));
            var doc = parse(article);
            var coded = coder.Code(doc, places?.Invoke(doc) ?? []);
            events += coded.Count;
            var ofType = coded.Where(e => e.PloverType == r.EventType).ToList();
            spurious += coded.Count - ofType.Count;
            var pool = ofType.Count > 0 ? ofType : coded.ToList();
            CodedEvent? best = null;
            var bestScore = -1;
            foreach (var e in pool)
            {
                var score = (Hit(e.Source, r.SourceCodes) ? 2 : 0) + (Hit(e.Target, r.TargetCodes) ? 1 : 0);
                if (score > bestScore)
                {
                    best = e;
                    bestScore = score;
                }
            }
            if (ofType.Count > 0)
            {
                typeOk++;
            }
            var sOk = best is not null && Hit(best.Source, r.SourceCodes);
            var tOk = best is not null && Hit(best.Target, r.TargetCodes);
            if (r.SourceCodes.Count > 0)
            {
                srcGold++;
                srcOk += sOk ? 1 : 0;
            }
            if (r.TargetCodes.Count > 0)
            {
                tgtGold++;
                tgtOk += tOk ? 1 : 0;
            }
            var key = (r.EventType, best?.PloverType ?? "NONE");
            confusion[key] = confusion.GetValueOrDefault(key) + 1;
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{r.Id}\t{(ofType.Count > 0 ? "OK " : "BAD")} gold {r.EventType} {string.Join(',', r.SourceCodes)} -> {string.Join(',', r.TargetCodes)} | {(sOk ? "src ok" : "src BAD")} {(tOk ? "tgt ok" : r.TargetCodes.Count > 0 ? "tgt BAD" : "")}\n  {r.Text}\n");
            foreach (var e in coded)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {(e == best ? "*" : " ")} {e.PloverType} {e.CameoCode} '{e.TriggerText}' {Show(e.Source)} -> {Show(e.Target)}{(e.Negated ? " NEG" : "")}{(e.Modality is null ? "" : " " + e.Modality)}\n");
            }
            details.Add(sb.ToString());
        }
        return new GsrScores(records.Count, typeOk, srcGold, srcOk, tgtGold, tgtOk, events, spurious, confusion, details);

        static string Show(ActorMention? a) => a is null ? "-" : $"[{a.Text}|{a.Code ?? "?" + a.Kind}]";
    }

    private static bool Hit(ActorMention? a, IReadOnlyList<string> gold) =>
        a?.Code is { Length: >= 3 } code && gold.Contains(code[..3], StringComparer.Ordinal);
}
