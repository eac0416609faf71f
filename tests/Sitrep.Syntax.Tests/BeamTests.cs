namespace Sitrep.Syntax.Tests;

/// <summary>Beam search decoding against the greedy decoder, with the shipped weights on EWT dev sentences.</summary>
public sealed class BeamTests(ShippedModelFixture fixture) : IClassFixture<ShippedModelFixture>
{
    /// <summary>Yields each of the first <paramref name="count"/> dev sentences as a parser state ready to parse (tags from the shipped tagger).</summary>
    private IEnumerable<(UdSentence Sentence, ParseState State)> Prepared(int count)
    {
        var model = fixture.Model;
        var ws = new SyntaxModel.Workspace();
        foreach (var g in UdCorpus.Read(RepoPaths.Ud("en_ewt-ud-dev.conllu")).Take(count))
        {
            var n = g.Length;
            var layout = SyntaxTrainer.Layout.Of(g);
            ws.Ensure(n);
            layout.Starts.CopyTo(ws.Starts, 0);
            layout.Ends.CopyTo(ws.Ends, 0);
            ws.Words.Fill(layout.Text, ws.Starts.AsSpan(0, n), ws.Ends.AsSpan(0, n), model.Tagger.Ambiguity, model.Tagger.Clusters);
            model.Tagger.Predict(ws.Words, ws.Tags.AsSpan(0, n));
            var s = new ParseState();
            s.Reset(n);
            for (var i = 0; i < n; i++)
            {
                s.W[i] = ws.Words.Lower[i + WordFeatures.Pad];
                s.P[i] = SyntaxModel.TagHash(model.Tagger.Xpos[ws.Tags[i]]);
            }
            yield return (g, s);
        }
    }

    [Fact]
    public void BeamOfOneParsesExactlyLikeGreedy()
    {
        var parser = fixture.Model.Parser!;
        var beam = new BeamSearch(1, parser.Set);
        var greedy = new ParseState();
        var words = 0;
        foreach (var (g, s) in Prepared(300))
        {
            greedy.CopyFrom(s);
            parser.Set.Parse(parser.Moves, parser.Labeler, greedy);
            beam.Decode(parser.Moves, parser.Labeler, s);
            for (var i = 0; i < g.Length; i++)
            {
                Assert.Equal(greedy.Head[i], s.Head[i]);
                Assert.Equal(greedy.Label[i], s.Label[i]);
                words++;
            }
        }
        Assert.True(words > 3000);
    }

    [Fact]
    public void WideBeamGivesWellFormedTreesDeterministically()
    {
        var parser = fixture.Model.Parser!;
        var a = new BeamSearch(8, parser.Set);
        var b = new BeamSearch(8, parser.Set);
        var again = new ParseState();
        foreach (var (g, s) in Prepared(200))
        {
            again.CopyFrom(s);
            a.Decode(parser.Moves, parser.Labeler, s);
            b.Decode(parser.Moves, parser.Labeler, again);
            var roots = 0;
            for (var i = 0; i < g.Length; i++)
            {
                Assert.Equal(s.Head[i], again.Head[i]);
                Assert.Equal(s.Label[i], again.Label[i]);
                Assert.InRange(s.Head[i], 0, g.Length);
                roots += s.Head[i] == g.Length ? 1 : 0;
                var steps = 0;
                for (var h = i; h < g.Length; h = s.Head[h])
                {
                    Assert.True(++steps <= g.Length, $"cycle through word {i} of '{g.Text}'");
                }
            }
            Assert.Equal(1, roots);
        }
    }
}
