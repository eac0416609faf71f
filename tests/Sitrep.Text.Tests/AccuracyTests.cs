using Sitrep.Text.Conllu;

namespace Sitrep.Text.Tests;

/// <summary>Regression guard on UD dev data: thresholds sit just under the measured scores (docs/text.md).</summary>
public sealed class AccuracyTests
{
    [Theory]
    [InlineData("en_ewt-ud-dev.conllu", 99.55, 99.20, 87.0)]
    [InlineData("en_gum-ud-dev.conllu", 99.78, 99.78, 95.4)]
    public void SegmentationStaysAccurate(string file, double tokens, double words, double sentences)
    {
        var score = SegmentationScores.Empty;
        foreach (var doc in SegmentationEvaluator.Documents(ConlluReader.ReadFile(RepoPaths.Ud(file))))
        {
            score += SegmentationEvaluator.Evaluate(Tokenizer.Default, doc);
        }
        Assert.True(100 * score.Tokens.F1 >= tokens, $"tokens F1 {100 * score.Tokens.F1:F2} < {tokens}");
        Assert.True(100 * score.Words.F1 >= words, $"words F1 {100 * score.Words.F1:F2} < {words}");
        Assert.True(100 * score.Sentences.F1 >= sentences, $"sentences F1 {100 * score.Sentences.F1:F2} < {sentences}");
    }

    [Fact]
    public void EvaluatorScoresGoldAgainstItself()
    {
        var docs = SegmentationEvaluator.Documents(ConlluReader.ReadFile(RepoPaths.Ud("en_ewt-ud-dev.conllu")));
        var doc = docs[0];
        // Build the gold segmentation as the tokenizer would report it: perfect scores.
        var words = new List<WordSpan>();
        var sentenceStarts = doc.Sentences.Select(s => s.Start).ToHashSet();
        var previousToken = (-1, -1);
        var at = 0;
        foreach (var w in doc.Words)
        {
            var start = w.InMultiword && (w.TokenStart, w.TokenEnd) == previousToken ? at : w.TokenStart;
            var end = w.InMultiword ? Math.Min(start + w.Form.Length, w.TokenEnd) : w.TokenEnd;
            var flags = (sentenceStarts.Contains(start) && start == w.TokenStart ? WordFlags.SentenceStart : 0)
                | ((w.TokenStart, w.TokenEnd) == previousToken ? WordFlags.JoinedToPrevious : 0);
            words.Add(new WordSpan(start, end, flags));
            previousToken = (w.TokenStart, w.TokenEnd);
            at = end;
        }
        var score = SegmentationEvaluator.Evaluate(doc, [.. words]);
        Assert.Equal(1.0, score.Tokens.F1);
        Assert.Equal(1.0, score.Sentences.F1);
        Assert.Equal(1.0, score.Words.F1);
    }
}
