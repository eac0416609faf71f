using Sitrep.Text.Conllu;

namespace Sitrep.Text.Tests;

public sealed class ConlluReaderTests
{
    private const string Sample = """
        # newdoc id = doc1
        # sent_id = doc1-1
        # newpar id = doc1-p1
        # text = They didn't go.
        1	They	they	PRON	PRP	Case=Nom|Number=Plur	3	nsubj	3:nsubj	_
        2-3	didn't	_	_	_	_	_	_	_	_
        2	did	do	AUX	VBD	Mood=Ind	4	aux	4:aux	_
        3	n't	not	PART	RB	Polarity=Neg	4	advmod	4:advmod	_
        4	go	go	VERB	VB	VerbForm=Inf	0	root	0:root	SpaceAfter=No
        4.1	went	go	VERB	VBD	_	_	_	4:conj	CopyOf=4
        5	.	.	PUNCT	.	_	4	punct	4:punct	_

        # sent_id = doc1-2
        # text = Fine
        1	Fine	fine	ADJ	JJ	Degree=Pos	0	root	0:root	_

        """;

    [Fact]
    public void ReadsWordsMultiwordsAndComments()
    {
        var sentences = ConlluReader.Parse(Sample);
        Assert.Equal(2, sentences.Count);
        var s = sentences[0];
        Assert.Equal("doc1-1", s.SentId);
        Assert.Equal("They didn't go.", s.Text);
        Assert.True(s.NewDoc);
        Assert.True(s.NewPar);
        Assert.Equal(5, s.Words.Length);
        Assert.Equal("n't", s.Words[2].Form);
        Assert.Equal("not", s.Words[2].Lemma);
        Assert.Equal("PART", s.Words[2].Upos);
        Assert.Equal(4, s.Words[2].Head);
        Assert.Equal("advmod", s.Words[2].DepRel);
        Assert.Equal(0, s.Words[3].Head);
        Assert.False(s.Words[3].SpaceAfter);
        Assert.True(s.Words[0].SpaceAfter);
        Assert.Equal(new ConlluMultiword(2, 3, "didn't", "_"), s.Multiwords.Single());
        Assert.Equal("4.1", s.EmptyNodes.Single().Id);
        Assert.Equal(0, sentences[1].Words[0].Head);
        Assert.False(sentences[1].NewDoc);
        Assert.False(sentences[1].NewPar);
    }

    [Fact]
    public void TokensUseTheSurfaceFormOfMultiwordTokens()
    {
        var tokens = ConlluReader.Parse(Sample)[0].Tokens();
        Assert.Equal(["They", "didn't", "go", "."], tokens.Select(t => t.Form));
        Assert.Equal((1, 3), (tokens[1].FirstWord, tokens[1].EndWord));
        Assert.False(tokens[2].SpaceAfter);
    }

    [Theory]
    [InlineData("\n\n1\tA\ta\tX\tX\t_\t0\troot\t_\n", "t.conllu:3: expected 10 tab-separated columns, found 9")]
    [InlineData("# c\n1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n", "t.conllu:3: word id 3 out of sequence")]
    [InlineData("1\tA\ta\tX\tX\t_\tx\troot\t_\t_\n", "t.conllu:1: bad head 'x'")]
    public void ErrorsNameTheSourceAndLine(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ConlluReader.Parse(text, "t.conllu"));
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void ReadsTheEwtDevSplit()
    {
        var sentences = ConlluReader.ReadFile(RepoPaths.Ud("en_ewt-ud-dev.conllu")).ToList();
        Assert.Equal(2001, sentences.Count);
        Assert.Equal(25147, sentences.Sum(s => s.Words.Length));
        Assert.Equal(318, sentences.Count(s => s.NewDoc));
        // Every sentence's surface tokens rebuild its "# text" comment.
        foreach (var s in sentences)
        {
            var sb = new System.Text.StringBuilder();
            foreach (var t in s.Tokens())
            {
                sb.Append(t.Form);
                if (t.SpaceAfter)
                {
                    sb.Append(' ');
                }
            }
            Assert.Equal(s.Text, sb.ToString().TrimEnd());
        }
    }
}
