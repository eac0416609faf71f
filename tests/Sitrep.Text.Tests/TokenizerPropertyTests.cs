using System.Text;

namespace Sitrep.Text.Tests;

/// <summary>Whatever the input, tokens and the gaps between them rebuild the text exactly.</summary>
public sealed class TokenizerPropertyTests
{
    private static readonly string[] Pieces =
    [
        "Putin's", "don't", "cannot", "U.S.", "Gen.", "No.", "159,090", "1.5", "11.03.2023", "e-mail", "al-Qaida", "\"", "“", "”", "’",
        "'", "(", ")", "[1]", "...", "…", "—", "--", "-", ".", ",", "!", "?", "?!", ":", ";", "http://x.org/a?b=c.", "a@b.co",
        "@VOA", "#tag", "#", "@", "$", "%", "😀", "👍🏽", "e\u0301", "\u200B", "\uFEFF", "\u00A0", "\t", "\n", "\n\n", " ", "  ",
        "Ж", "中文", "ﬁ", "\u0000", "\u0007", "x", "The", "said", "a+b+c", "::", ":)", "-)", "'90s", "''", "``", "&", "AT&T",
    ];

    [Fact]
    public void TokensAndGapsReproduceTheText()
    {
        var random = new Random(20260312);
        for (var round = 0; round < 400; round++)
        {
            var sb = new StringBuilder();
            var n = random.Next(1, 60);
            for (var k = 0; k < n; k++)
            {
                if (random.Next(4) == 0)
                {
                    // Raw junk: any UTF-16 unit, including lone surrogates.
                    sb.Append((char)random.Next(0, 0x10000));
                }
                else
                {
                    sb.Append(Pieces[random.Next(Pieces.Length)]);
                }
                if (random.Next(3) == 0)
                {
                    sb.Append(' ');
                }
            }
            var title = random.Next(3) == 0 ? "Headline " + round : null;
            Check(Article.Create("p" + round, title, sb.ToString()));
        }
    }

    [Fact]
    public void LongLinesOfJunkAreHandled()
    {
        // Pathological single "words" exercise the linear-time guards (e-mail and URL scans).
        foreach (var unit in new[] { "a+", "a.", "a-", "1,", "'", "http://", "x@", "..", "a'b", ") ", "[1] ", ". ", "U.S. ", "\n" })
        {
            var text = string.Concat(Enumerable.Repeat(unit, 50_000));
            Check(Article.Create("junk", null, text));
        }
    }

    private static void Check(Article article)
    {
        var doc = Tokenizer.Default.Process(article);
        var text = doc.Text;
        var rebuilt = new StringBuilder();
        var at = 0;
        foreach (var t in doc.Tokens)
        {
            Assert.True(t.Start >= at, $"token at {t.Start} overlaps previous ending {at}");
            Assert.True(t.End > t.Start, "empty token");
            var gap = text.AsSpan(at, t.Start - at);
            foreach (var c in gap)
            {
                Assert.True(Tokenizer.IsGap(c), $"non-space U+{(int)c:X4} dropped between tokens at {at}");
            }
            foreach (var c in text.AsSpan(t.Start, t.End - t.Start))
            {
                Assert.False(Tokenizer.IsGap(c), $"space U+{(int)c:X4} inside token at {t.Start}");
            }
            rebuilt.Append(gap).Append(text.AsSpan(t.Start, t.End - t.Start));
            at = t.End;
        }
        rebuilt.Append(text.AsSpan(at));
        foreach (var c in text.AsSpan(at))
        {
            Assert.True(Tokenizer.IsGap(c));
        }
        Assert.Equal(text, rebuilt.ToString());
        // Sentences tile the tokens in order, and the title never shares a sentence with the body.
        var next = 0;
        foreach (var s in doc.Sentences)
        {
            Assert.Equal(next, s.FirstToken);
            Assert.True(s.TokenCount > 0);
            next = s.EndToken;
            Assert.False(s.Start < article.BodyStart && s.End > article.BodyStart, "sentence spans title and body");
        }
        Assert.Equal(doc.Count, next);
    }
}
