using Sitrep.Text;

namespace Sitrep.Coding.Tests;

/// <summary>
/// Builds a parsed <see cref="Doc"/> from a sentence and a hand-checked UD analysis written as
/// "form/lemma/UPOS/head/deprel" items (heads 1-based, 0 = root), so coder tests do not depend
/// on the accuracy of the statistical parser.
/// </summary>
internal static class ParsedDoc
{
    public static Doc Create(string text, string analysis, DateTimeOffset? published = null, string id = "voa-test")
    {
        var article = Article.Create(id, null, text, new ArticleMetadata(null, null, "VOA", published, "en", "test"));
        var items = analysis.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new TokenData[items.Length];
        var pos = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var f = items[i].Split('/');
            if (f.Length != 5)
            {
                throw new ArgumentException($"bad token spec '{items[i]}'");
            }
            var start = article.Text.IndexOf(f[0], pos, StringComparison.Ordinal);
            if (start < 0)
            {
                throw new ArgumentException($"token '{f[0]}' not found after offset {pos}");
            }
            pos = start + f[0].Length;
            tokens[i] = new TokenData
            {
                Start = start,
                End = pos,
                Sentence = 0,
                Lemma = f[1],
                Upos = f[2],
                Head = int.Parse(f[3]) - 1,
                DepRel = f[4],
            };
        }
        var doc = new Doc(article, tokens, [new SentenceData(0, tokens.Length, 0, article.Text.Length)]) { IsParsed = true };
        return doc;
    }
}
