namespace Sitrep.Syntax;

/// <summary>Word-level scores against gold trees, as in the CoNLL 2018 shared task (punctuation included).</summary>
public sealed record UdScores(int Words, double Upos, double Xpos, double Lemma, double Feats, double Uas, double Las)
{
    public override string ToString() =>
        $"words {Words}  UPOS {Upos:F2}  XPOS {Xpos:F2}  lemma {Lemma:F2}  feats {Feats:F2}  UAS {Uas:F2}  LAS {Las:F2}";
}

/// <summary>Scores a <see cref="SyntaxModel"/> on gold-tokenised UD sentences.</summary>
public static class UdEvaluator
{
    /// <summary>The model's analysis of each gold-tokenised sentence.</summary>
    public static List<UdSentence> Annotate(SyntaxModel model, IReadOnlyList<UdSentence> gold)
    {
        var ws = new SyntaxModel.Workspace();
        var result = new List<UdSentence>(gold.Count);
        foreach (var g in gold)
        {
            var n = g.Length;
            var layout = SyntaxTrainer.Layout.Of(g);
            ws.Ensure(n);
            layout.Starts.CopyTo(ws.Starts, 0);
            layout.Ends.CopyTo(ws.Ends, 0);
            model.Analyze(ws, layout.Text, n);
            var p = new UdSentence(g.Forms, new string[n], new string[n], new string[n], new string[n], new int[n], new string[n], g.SpaceAfter, g.Text, g.DocId);
            for (var i = 0; i < n; i++)
            {
                var tag = ws.Tags[i];
                p.Xpos[i] = model.Tagger.Xpos[tag];
                p.Upos[i] = model.Tagger.Upos[tag];
                (p.Lemmas[i], p.Feats[i]) = model.Lemmatizer.Lookup(g.Forms[i], p.Xpos[i], p.Upos[i]);
                var h = ws.State.Head[i];
                p.Heads[i] = h >= n ? -1 : h;
                p.Rels[i] = model.Labels[ws.State.Label[i]];
            }
            result.Add(p);
        }
        return result;
    }

    public static UdScores Score(IReadOnlyList<UdSentence> gold, IReadOnlyList<UdSentence> predicted)
    {
        int words = 0, upos = 0, xpos = 0, lemma = 0, feats = 0, uas = 0, las = 0;
        for (var s = 0; s < gold.Count; s++)
        {
            var g = gold[s];
            var p = predicted[s];
            for (var i = 0; i < g.Length; i++)
            {
                words++;
                upos += g.Upos[i] == p.Upos[i] ? 1 : 0;
                xpos += g.Xpos[i] == p.Xpos[i] ? 1 : 0;
                lemma += g.Lemmas[i] == p.Lemmas[i] ? 1 : 0;
                feats += g.Feats[i] == p.Feats[i] ? 1 : 0;
                if (g.Heads[i] == p.Heads[i])
                {
                    uas++;
                    // CoNLL 2018 LAS compares universal relations only (subtypes ignored).
                    las += Universal(g.Rels[i]).SequenceEqual(Universal(p.Rels[i])) ? 1 : 0;
                }
            }
        }
        double Pct(int x) => words == 0 ? 0 : 100.0 * x / words;
        return new UdScores(words, Pct(upos), Pct(xpos), Pct(lemma), Pct(feats), Pct(uas), Pct(las));
    }

    private static ReadOnlySpan<char> Universal(string rel)
    {
        var colon = rel.IndexOf(':');
        return colon < 0 ? rel : rel.AsSpan(0, colon);
    }
}
