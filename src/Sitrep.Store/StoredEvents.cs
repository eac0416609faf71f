using Sitrep.Attributes;

namespace Sitrep.Store;

public static class StoredEvents
{
    /// <summary>
    /// The events of one freshly coded article in the same shape the store returns them, so
    /// `sitrep code` and `sitrep export --format jsonl` print one schema.
    /// </summary>
    public static IEnumerable<StoredEvent> FromResult(ArticleResult result)
    {
        var article = result.Doc.Article;
        var meta = article.Metadata;
        var published = meta.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in result.Events)
        {
            if (!seen.Add(record.Event.Id))
            {
                continue;
            }
            var sentenceIndex = record.Event.Sentence;
            var sentence = sentenceIndex >= 0 && sentenceIndex < result.Doc.Sentences.Length ? result.Doc.Sentences[sentenceIndex] : default;
            var span = new Sitrep.Text.TextSpan(sentence.Start, sentence.End);
            yield return new StoredEvent(record, span.Length > 0 ? span.Of(article.Text) : "", span,
                record.Attributes.When?.Start ?? published, meta.Title, meta.Url, meta.Outlet, meta.Published);
        }
    }
}
