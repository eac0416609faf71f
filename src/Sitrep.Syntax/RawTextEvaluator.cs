using Sitrep.Text;
using Sitrep.Text.Conllu;

namespace Sitrep.Syntax;

/// <summary>
/// End-to-end scores from raw text (CoNLL 2018 style): each gold document's text goes through the
/// tokenizer and the syntax model, system words are aligned to gold words by character span
/// (inside multiword tokens by form), and every metric is an F1 over gold and system words.
/// </summary>
public static class RawTextEvaluator
{
    public sealed record Result(UdScores Scores, double WordsF1, int GoldWords, int SystemWords);

    public static Result Evaluate(SyntaxModel model, Tokenizer tokenizer, string conlluPath, Func<string, bool>? documentFilter = null)
    {
        var sentences = ConlluReader.ReadFile(conlluPath).ToList();
        var docs = SegmentationEvaluator.Documents(sentences);
        // Same grouping as SegmentationEvaluator.Documents: a document starts at "# newdoc" (or the first sentence).
        var groups = new List<List<UdSentence>>();
        string? docId = null;
        foreach (var s in sentences)
        {
            if (s.NewDoc || groups.Count == 0)
            {
                docId = s.Comment("newdoc id") ?? docId;
                groups.Add([]);
            }
            groups[^1].Add(UdCorpus.From(s, docId, conlluPath));
        }
        if (groups.Count != docs.Count)
        {
            throw new InvalidDataException($"{conlluPath}: {groups.Count} document groups but {docs.Count} rebuilt documents");
        }
        long gold = 0, system = 0, words = 0, upos = 0, xpos = 0, lemma = 0, feats = 0, uas = 0, las = 0;
        for (var d = 0; d < docs.Count; d++)
        {
            var goldDoc = docs[d];
            if (documentFilter is not null && !documentFilter(goldDoc.Id))
            {
                continue;
            }
            var goldWords = groups[d].SelectMany(s => Enumerable.Range(0, s.Length).Select(i => (Sentence: s, Index: i))).ToList();
            var sentenceStart = new Dictionary<UdSentence, int>();
            for (var g = 0; g < goldWords.Count; g++)
            {
                sentenceStart.TryAdd(goldWords[g].Sentence, g);
            }
            var article = Article.Create(goldDoc.Id, null, goldDoc.Text);
            if (article.Text != goldDoc.Text)
            {
                throw new InvalidDataException($"{conlluPath}: document {goldDoc.Id} changes under text normalisation; offsets would not align");
            }
            var doc = tokenizer.Process(article);
            model.Process(doc);
            var align = Align(goldDoc, doc);
            var back = new int[goldWords.Count];
            Array.Fill(back, -1);
            for (var i = 0; i < align.Length; i++)
            {
                if (align[i] >= 0)
                {
                    back[align[i]] = i;
                }
            }
            gold += goldWords.Count;
            system += doc.Count;
            for (var i = 0; i < doc.Count; i++)
            {
                var g = align[i];
                if (g < 0)
                {
                    continue;
                }
                words++;
                var (gs, gi) = goldWords[g];
                var t = doc.Tokens[i];
                upos += gs.Upos[gi] == t.Upos ? 1 : 0;
                xpos += gs.Xpos[gi] == t.Xpos ? 1 : 0;
                lemma += gs.Lemmas[gi] == t.Lemma ? 1 : 0;
                feats += gs.Feats[gi] == t.Feats ? 1 : 0;
                var goldHead = gs.Heads[gi] < 0 ? -1 : sentenceStart[gs] + gs.Heads[gi];
                var headOk = t.Head < 0 ? goldHead < 0 : goldHead >= 0 && align[t.Head] == goldHead;
                if (headOk)
                {
                    uas++;
                    las += Universal(gs.Rels[gi]) == Universal(t.DepRel ?? "") ? 1 : 0;
                }
            }
        }
        double F1(long correct) => gold + system == 0 ? 0 : 200.0 * correct / (gold + system);
        return new Result(new UdScores((int)gold, F1(upos), F1(xpos), F1(lemma), F1(feats), F1(uas), F1(las)), F1(words), (int)gold, (int)system);
    }

    private static string Universal(string rel)
    {
        var colon = rel.IndexOf(':');
        return colon < 0 ? rel : rel[..colon];
    }

    /// <summary>For each system word, the index of its gold word, or -1.</summary>
    private static int[] Align(GoldDocument gold, Doc doc)
    {
        var exact = new Dictionary<(int, int), int>();
        for (var g = 0; g < gold.Words.Count; g++)
        {
            if (!gold.Words[g].InMultiword)
            {
                exact.TryAdd((gold.Words[g].TokenStart, gold.Words[g].TokenEnd), g);
            }
        }
        var used = new bool[gold.Words.Count];
        var result = new int[doc.Count];
        var cursor = 0;
        for (var i = 0; i < doc.Count; i++)
        {
            var t = doc.Tokens[i];
            result[i] = -1;
            if (exact.TryGetValue((t.Start, t.End), out var g) && !used[g])
            {
                result[i] = g;
                used[g] = true;
                continue;
            }
            while (cursor < gold.Words.Count && gold.Words[cursor].TokenEnd <= t.Start)
            {
                cursor++;
            }
            var form = doc.Text.AsSpan(t.Start, t.End - t.Start);
            for (var k = cursor; k < gold.Words.Count && gold.Words[k].TokenStart <= t.Start; k++)
            {
                var w = gold.Words[k];
                if (w.InMultiword && !used[k] && w.TokenEnd >= t.End && form.Equals(w.Form, StringComparison.OrdinalIgnoreCase))
                {
                    result[i] = k;
                    used[k] = true;
                    break;
                }
            }
        }
        return result;
    }
}
