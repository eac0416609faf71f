using System.Globalization;
using System.Text.Json;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Attributes;

/// <summary>Accuracy of one attribute over the gold items, with the items it got wrong.</summary>
public sealed record AttributeScore(string Attribute, int Total, int Correct, IReadOnlyList<string> Errors, string? Secondary, int SecondaryCorrect, int SecondaryTotal)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>
/// Scores the stage on hand-annotated items (data/eval/attributes-dev.jsonl, format in
/// docs/attributes.md). Each item is one real sentence with its publication date; event items name
/// the trigger word, which is turned into a hand-made coded event, so the stage is measured
/// without the coder's errors.
/// </summary>
public static class AttributeEval
{
    public static IReadOnlyList<AttributeScore> Run(string path, Func<Article, Doc> process, AttributeAnnotator annotator)
    {
        var items = new Dictionary<string, (int Total, int Correct, List<string> Errors, int SecC, int SecT)>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonElement it;
            try
            {
                it = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException e)
            {
                throw new FormatException($"{path}:{lineNo}: not valid JSON ({e.Message})", e);
            }
            var attribute = Str(it, "attribute") ?? throw new FormatException($"{path}:{lineNo}: missing 'attribute'");
            var id = Str(it, "id") ?? lineNo.ToString(CultureInfo.InvariantCulture);
            var text = Str(it, "text") ?? throw new FormatException($"{path}:{lineNo}: missing 'text'");
            var published = DateTimeOffset.Parse((Str(it, "published") ?? throw new FormatException($"{path}:{lineNo}: missing 'published'")) + "T12:00:00Z", CultureInfo.InvariantCulture);
            var doc = process(Article.Create(id, null, text, new ArticleMetadata(null, null, "VOA", published, "en", path)));
            if (!items.TryGetValue(attribute, out var acc))
            {
                acc = (0, 0, [], 0, 0);
            }
            var (ok, detail, secondary) = attribute switch
            {
                "quantity" => ScoreQuantity(doc, it),
                _ => ScoreEvent(doc, it, attribute, annotator, path, lineNo),
            };
            acc.Total++;
            if (ok)
            {
                acc.Correct++;
            }
            else
            {
                acc.Errors.Add($"{id}: {detail}");
            }
            if (secondary is { } s)
            {
                acc.SecT++;
                acc.SecC += s ? 1 : 0;
            }
            items[attribute] = acc;
        }
        return [.. items.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new AttributeScore(kv.Key, kv.Value.Total, kv.Value.Correct, kv.Value.Errors,
            kv.Key switch { "quantity" => "category", "place" => "country", "attribution" => "code", _ => null }, kv.Value.SecC, kv.Value.SecT))];
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static (bool, string, bool?) ScoreQuantity(Doc doc, JsonElement it)
    {
        var span = Str(it, "span")!;
        DateOnly? pub = doc.Article.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null;
        var found = QuantityExtractor.Extract(doc, DateExtractor.Extract(doc, pub)).FirstOrDefault(q => q.Quantity.Text == span)?.Quantity;
        var (low, high, precision, category) = (Long(it, "low"), Long(it, "high"), Str(it, "precision"), Str(it, "category"));
        if (found is null)
        {
            return (false, $"'{span}' not found", false);
        }
        var ok = found.Low == low && found.High == high && found.Precision == precision && found.Category == category;
        return (ok, $"'{span}': got {found.Low}-{found.High} {found.Precision} {found.Category}, want {low}-{high} {precision} {category}", found.Category == category);
    }

    private static (bool, string, bool?) ScoreEvent(Doc doc, JsonElement it, string attribute, AttributeAnnotator annotator, string path, int lineNo)
    {
        var trigger = Str(it, "trigger") ?? throw new FormatException($"{path}:{lineNo}: missing 'trigger'");
        var pos = doc.Text.IndexOf(trigger, StringComparison.Ordinal);
        if (pos < 0)
        {
            throw new FormatException($"{path}:{lineNo}: trigger '{trigger}' is not in the text");
        }
        var span = new TextSpan(pos, pos + trigger.Length);
        var sentence = TextUtil.SentenceAt(doc, pos);
        var ev = new CodedEvent("gold", doc.Article.Id, sentence, span, trigger, Str(it, "cameo") ?? "190", "", 4, 0, "", null, null, null, false, null, [], []);
        var attrs = annotator.Annotate(doc, [ev]).Events[0].Attributes;
        switch (attribute)
        {
            case "date":
            {
                var (start, end) = (DateOnly.Parse(Str(it, "start")!, CultureInfo.InvariantCulture), DateOnly.Parse(Str(it, "end")!, CultureInfo.InvariantCulture));
                var w = attrs.When;
                return (w?.Start == start && w.End == end, $"'{trigger}': got {w?.Start}..{w?.End} from '{w?.Text}' ({w?.AttachedBy}), want {start}..{end}", null);
            }
            case "place":
            {
                var (name, country) = (Str(it, "name")!, Str(it, "country"));
                var w = attrs.Where;
                var nameOk = w is not null && (TextUtil.Fold(w.Name) == TextUtil.Fold(name) || annotator.Gazetteer.Lookup(TextUtil.Fold(name)).Any(e => e.Name == w.Name && e.Country == w.Country));
                return (nameOk && w!.Country == country, $"'{trigger}': got {w?.Name} ({w?.Country}, {w?.Kind}, {w?.AttachedBy}), want {name} ({country})", w?.Country == country);
            }
            case "attribution":
            {
                var want = Str(it, "source");
                var code = Str(it, "code");
                var got = attrs.Attributions.Count > 0 ? attrs.Attributions[0].Source : null;
                var ok = want is null ? got is null : got is not null && Norm(got.Text) == Norm(want);
                bool? codeOk = code is null ? null : got?.Code == code;
                return (ok, $"'{trigger}': got '{got?.Text}' [{got?.Code}] ({attrs.Attributions.FirstOrDefault()?.Cue}), want '{want}' [{code}]", codeOk);
            }
            case "certainty":
            {
                var want = Str(it, "certainty");
                return (attrs.Certainty == want, $"'{trigger}': got {attrs.Certainty} ({string.Join("; ", attrs.CertaintyReason)}), want {want}", null);
            }
            default:
                throw new FormatException($"{path}:{lineNo}: unknown attribute '{attribute}' (date, place, quantity, attribution, certainty)");
        }
    }

    private static string Norm(string s)
    {
        var f = TextUtil.Fold(s).Trim();
        return f.StartsWith("the ", StringComparison.Ordinal) ? f[4..] : f;
    }
}
