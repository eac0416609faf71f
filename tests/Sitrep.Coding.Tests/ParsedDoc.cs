using Sitrep.Text;

namespace Sitrep.Coding.Tests;

/// <summary>
/// Builds a parsed <see cref="Doc"/> from a sentence and a hand-checked UD analysis written as
/// "form/lemma/UPOS/head/deprel[/XPOS]" items (heads 1-based, 0 = root), so coder tests do not depend
/// on the accuracy of the statistical parser.
/// </summary>
internal static class ParsedDoc
{
    public static Doc Create(string text, string analysis, DateTimeOffset? published = null, string id = "voa-test") =>
        CreateSentences(text, [analysis], published, id);

    /// <summary>Several sentences: one analysis per sentence, heads 1-based within their sentence.</summary>
    public static Doc CreateSentences(string text, string[] analyses, DateTimeOffset? published = null, string id = "voa-test")
    {
        var article = Article.Create(id, null, text, new ArticleMetadata(null, null, "VOA", published, "en", "test"));
        var tokens = new List<TokenData>();
        var sentences = new List<SentenceData>();
        var pos = 0;
        foreach (var analysis in analyses)
        {
            var first = tokens.Count;
            foreach (var item in analysis.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = item.Split('/');
                if (f.Length is not (5 or 6))
                {
                    throw new ArgumentException($"bad token spec '{item}'");
                }
                var start = article.Text.IndexOf(f[0], pos, StringComparison.Ordinal);
                if (start < 0)
                {
                    throw new ArgumentException($"token '{f[0]}' not found after offset {pos}");
                }
                pos = start + f[0].Length;
                var head = int.Parse(f[3]) - 1;
                tokens.Add(new TokenData
                {
                    Start = start,
                    End = pos,
                    Sentence = sentences.Count,
                    Lemma = f[1],
                    Upos = f[2],
                    Head = head < 0 ? -1 : first + head,
                    DepRel = f[4],
                    Xpos = f.Length == 6 ? f[5] : null,
                });
            }
            var sentenceStart = analyses.Length == 1 ? 0 : tokens[first].Start;
            var sentenceEnd = analyses.Length == 1 ? article.Text.Length : pos;
            sentences.Add(new SentenceData(first, tokens.Count - first, sentenceStart, sentenceEnd));
        }
        return new Doc(article, [.. tokens], [.. sentences]) { IsParsed = true };
    }
}
