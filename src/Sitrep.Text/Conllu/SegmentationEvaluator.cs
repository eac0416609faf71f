using System.Text;

namespace Sitrep.Text.Conllu;

/// <summary>Precision, recall and F1 of one level (tokens, words or sentences).</summary>
public readonly record struct Score(int Gold, int System, int Correct)
{
    public double Precision => System == 0 ? 0 : (double)Correct / System;
    public double Recall => Gold == 0 ? 0 : (double)Correct / Gold;
    public double F1 => Gold + System == 0 ? 0 : 2.0 * Correct / (Gold + System);
    public static Score operator +(Score a, Score b) => new(a.Gold + b.Gold, a.System + b.System, a.Correct + b.Correct);
}

/// <summary>Segmentation scores of a tokenizer on gold documents.</summary>
public sealed record SegmentationScores(Score Tokens, Score Words, Score Sentences)
{
    public static SegmentationScores Empty { get; } = new(default, default, default);
    public static SegmentationScores operator +(SegmentationScores a, SegmentationScores b) =>
        new(a.Tokens + b.Tokens, a.Words + b.Words, a.Sentences + b.Sentences);
}

/// <summary>A gold word: its surface token's character span, its form, whether the token holds several words.</summary>
public readonly record struct GoldWord(int TokenStart, int TokenEnd, string Form, bool InMultiword);

/// <summary>
/// One document rebuilt as raw text from CoNLL-U: sentences joined by a space, paragraphs
/// ("# newpar") by a blank line; tokens are the surface tokens (multiword tokens once) with SpaceAfter.
/// </summary>
public sealed record GoldDocument(string Id, string Text, List<(int Start, int End)> Tokens, List<GoldWord> Words, List<(int Start, int End)> Sentences);

/// <summary>
/// Scores tokenization and sentence splitting against CoNLL-U gold data the way the CoNLL 2018
/// shared task evaluation (conll18_ud_eval.py) does: tokens and sentences by exact character
/// spans, words by spans outside multiword tokens and by longest common subsequence of forms inside them.
/// </summary>
public static class SegmentationEvaluator
{
    /// <summary>Rebuilds the documents ("# newdoc") of a treebank as raw text with gold spans.</summary>
    public static List<GoldDocument> Documents(IEnumerable<ConlluSentence> sentences)
    {
        var docs = new List<GoldDocument>();
        StringBuilder? text = null;
        List<(int, int)> tokens = [], sentenceSpans = [];
        List<GoldWord> words = [];
        string id = "";
        void Flush()
        {
            if (text is not null && text.Length > 0)
            {
                docs.Add(new GoldDocument(id, text.ToString(), tokens, words, sentenceSpans));
            }
        }
        foreach (var s in sentences)
        {
            if (s.NewDoc || text is null)
            {
                Flush();
                text = new StringBuilder();
                tokens = [];
                words = [];
                sentenceSpans = [];
                id = s.Comment("newdoc id") ?? s.SentId ?? $"line {s.Line}";
            }
            if (text.Length > 0)
            {
                text.Append(s.NewPar ? "\n\n" : " ");
            }
            var sentenceStart = text.Length;
            var toks = s.Tokens();
            for (var k = 0; k < toks.Count; k++)
            {
                var t = toks[k];
                var start = text.Length;
                text.Append(t.Form);
                tokens.Add((start, text.Length));
                var multi = t.EndWord - t.FirstWord > 1;
                for (var wi = t.FirstWord; wi < t.EndWord; wi++)
                {
                    words.Add(new GoldWord(start, text.Length, s.Words[wi].Form, multi));
                }
                if (t.SpaceAfter && k < toks.Count - 1)
                {
                    text.Append(' ');
                }
            }
            sentenceSpans.Add((sentenceStart, text.Length));
        }
        Flush();
        return docs;
    }

    /// <summary>Scores <paramref name="tokenizer"/> on one document.</summary>
    public static SegmentationScores Evaluate(Tokenizer tokenizer, GoldDocument doc) =>
        Evaluate(doc, tokenizer.Segment(doc.Text));

    /// <summary>Scores a segmentation of <paramref name="doc"/>'s text.</summary>
    public static SegmentationScores Evaluate(GoldDocument doc, WordSpan[] system)
    {
        // System tokens: words joined into multiword tokens; system sentences: runs of words.
        var sysTokens = new List<(int Start, int End)>();
        var sysSentences = new List<(int Start, int End)>();
        var sysWords = new List<GoldWord>(system.Length);
        var tokenOf = new int[system.Length];
        for (var i = 0; i < system.Length; i++)
        {
            var w = system[i];
            if ((w.Flags & WordFlags.JoinedToPrevious) != 0 && i > 0)
            {
                sysTokens[^1] = (sysTokens[^1].Start, w.End);
            }
            else
            {
                sysTokens.Add((w.Start, w.End));
            }
            tokenOf[i] = sysTokens.Count - 1;
            if ((w.Flags & WordFlags.SentenceStart) != 0 || i == 0)
            {
                sysSentences.Add((w.Start, w.End));
            }
            else
            {
                sysSentences[^1] = (sysSentences[^1].Start, w.End);
            }
        }
        for (var i = 0; i < system.Length; i++)
        {
            var tok = sysTokens[tokenOf[i]];
            var multi = tok.End - tok.Start != system[i].End - system[i].Start;
            sysWords.Add(multi
                ? new GoldWord(tok.Start, tok.End, doc.Text[system[i].Start..system[i].End], true)
                : new GoldWord(system[i].Start, system[i].End, doc.Text[system[i].Start..system[i].End], false));
        }
        return new SegmentationScores(
            SpanScore(doc.Tokens, sysTokens),
            new Score(doc.Words.Count, sysWords.Count, AlignWords(doc.Words, sysWords)),
            SpanScore(doc.Sentences, sysSentences));
    }

    private static Score SpanScore(List<(int Start, int End)> gold, List<(int Start, int End)> system)
    {
        var set = new HashSet<(int, int)>(gold);
        var correct = 0;
        foreach (var s in system)
        {
            if (set.Contains(s))
            {
                correct++;
            }
        }
        return new Score(gold.Count, system.Count, correct);
    }

    /// <summary>conll18_ud_eval.py align_words: exact spans, LCS of lower-cased forms in multiword regions.</summary>
    private static int AlignWords(List<GoldWord> gold, List<GoldWord> system)
    {
        int gi = 0, si = 0, aligned = 0;
        while (gi < gold.Count && si < system.Count)
        {
            if (gold[gi].InMultiword || system[si].InMultiword)
            {
                int end;
                if (gold[gi].InMultiword)
                {
                    end = gold[gi].TokenEnd;
                    if (!system[si].InMultiword && system[si].TokenStart < gold[gi].TokenStart)
                    {
                        si++;
                    }
                }
                else
                {
                    end = system[si].TokenEnd;
                    if (!gold[gi].InMultiword && gold[gi].TokenStart < system[si].TokenStart)
                    {
                        gi++;
                    }
                }
                int gs = gi, ss = si;
                while (!BeyondEnd(gold, gi, end) || !BeyondEnd(system, si, end))
                {
                    if (gi < gold.Count && (si >= system.Count || gold[gi].TokenStart <= system[si].TokenStart))
                    {
                        end = ExtendEnd(gold[gi], end);
                        gi++;
                    }
                    else
                    {
                        end = ExtendEnd(system[si], end);
                        si++;
                    }
                }
                aligned += Lcs(gold, gs, gi, system, ss, si);
            }
            else if (gold[gi].TokenStart == system[si].TokenStart && gold[gi].TokenEnd == system[si].TokenEnd)
            {
                aligned++;
                gi++;
                si++;
            }
            else if (gold[gi].TokenStart <= system[si].TokenStart)
            {
                gi++;
            }
            else
            {
                si++;
            }
        }
        return aligned;
    }

    private static bool BeyondEnd(List<GoldWord> words, int i, int end) =>
        i >= words.Count || (words[i].InMultiword ? words[i].TokenStart >= end : words[i].TokenEnd > end);

    private static int ExtendEnd(GoldWord word, int end) => word.InMultiword && word.TokenEnd > end ? word.TokenEnd : end;

    private static int Lcs(List<GoldWord> gold, int gs, int ge, List<GoldWord> system, int ss, int se)
    {
        int gn = ge - gs, sn = se - ss;
        if (gn == 0 || sn == 0)
        {
            return 0;
        }
        var lcs = new int[gn + 1, sn + 1];
        for (var g = gn - 1; g >= 0; g--)
        {
            for (var s = sn - 1; s >= 0; s--)
            {
                var v = string.Equals(gold[gs + g].Form, system[ss + s].Form, StringComparison.OrdinalIgnoreCase) ? 1 + lcs[g + 1, s + 1] : 0;
                lcs[g, s] = Math.Max(v, Math.Max(lcs[g + 1, s], lcs[g, s + 1]));
            }
        }
        return lcs[0, 0];
    }
}
