using Sitrep.Attributes;
using Sitrep.Coding;

namespace Sitrep.Cli;

/// <summary>The readable form of `sitrep code --format text`: one block per event, then figures and flags.</summary>
internal static class TextReport
{
    public static void Write(ArticleResult result, TextWriter writer)
    {
        var article = result.Doc.Article;
        writer.WriteLine($"# {article.Id}  {article.Title}");
        foreach (var record in result.Events)
        {
            var e = record.Event;
            var a = record.Attributes;
            writer.WriteLine($"  {e.PloverType}{(e.PloverMode is null ? "" : "/" + e.PloverMode)} [CAMEO {e.CameoCode} {e.CameoLabel}]  {Actor(e.Source)} -> {Actor(e.Target)}  \"{e.TriggerText}\"");
            var details = new List<string>();
            if (a.When is { } when)
            {
                details.Add($"when {when.Start:yyyy-MM-dd}..{when.End:yyyy-MM-dd} ({when.Kind}, {when.AttachedBy})");
            }
            if (a.Where is { } where)
            {
                details.Add($"where {where.Name} {where.Country}");
            }
            foreach (var q in a.Quantities)
            {
                details.Add($"{q.Category} {q.Text}");
            }
            foreach (var at in a.Attributions)
            {
                details.Add($"per {at.Source.Text}");
            }
            details.Add(e.Negated ? "negated" : a.Certainty);
            writer.WriteLine("      " + string.Join("; ", details));
        }
        foreach (var figure in result.Figures)
        {
            var source = figure.Attributions.Count > 0 ? " per " + figure.Attributions[0].Source.Text : "";
            writer.WriteLine($"  FIGURE {figure.Quantity.Category} {figure.Quantity.Text}{(figure.Victims is null ? "" : " of " + Actor(figure.Victims))}{(figure.Cumulative ? " (cumulative)" : "")}{source}; {figure.Certainty}");
        }
        foreach (var flag in result.Flags)
        {
            writer.WriteLine($"  FLAG {flag.Kind}: \"{flag.FirstText}\" vs \"{flag.SecondText}\": {flag.Reason}");
        }
    }

    public static void WriteCrossArticle(IReadOnlyList<Flag> flags, TextWriter writer)
    {
        foreach (var flag in flags)
        {
            writer.WriteLine($"FLAG {flag.Kind} {flag.ArticleId} vs {flag.OtherArticleId}: \"{flag.FirstText}\" vs \"{flag.SecondText}\": {flag.Reason}");
        }
    }

    private static string Actor(ActorMention? actor) => actor is null ? "-" : actor.Code is null ? $"\"{actor.Text}\"" : $"{actor.Code} (\"{actor.Text}\")";
}
