namespace Sitrep.Text;

/// <summary>
/// Per-token annotations, stored as a struct array on <see cref="Doc"/> (the hot path never
/// allocates a token object). Offsets are into <see cref="Article.Text"/>; the word is always
/// <c>Text[Start..End]</c>. Syntax fields are null/-1 until the syntax stage fills them.
/// </summary>
public struct TokenData
{
    public int Start;
    public int End;
    public int Sentence;
    public string? Upos;
    public string? Xpos;
    public string? Lemma;
    public string? Feats;
    /// <summary>Index of the head token within the doc, or -1 for the sentence root.</summary>
    public int Head;
    public string? DepRel;
}

/// <summary>A sentence: a run of tokens [FirstToken, FirstToken + TokenCount) and its character extent.</summary>
public readonly record struct SentenceData(int FirstToken, int TokenCount, int Start, int End)
{
    public int EndToken => FirstToken + TokenCount;
}

/// <summary>
/// An article with its linguistic annotations: the object passed through the pipeline, as
/// spaCy's Doc is. Components fill arrays in place; everything else reads views.
/// </summary>
public sealed class Doc
{
    public Doc(Article article, TokenData[] tokens, SentenceData[] sentences)
    {
        Article = article;
        Tokens = tokens;
        Sentences = sentences;
    }

    public Article Article { get; }
    public string Text => Article.Text;
    public TokenData[] Tokens { get; }
    public SentenceData[] Sentences { get; }
    public bool IsParsed { get; set; }

    public Token this[int index] => new(this, index);
    public int Count => Tokens.Length;

    public Sentence Sentence(int index) => new(this, index);

    public IEnumerable<Sentence> AllSentences()
    {
        for (var i = 0; i < Sentences.Length; i++)
        {
            yield return new Sentence(this, i);
        }
    }
}

/// <summary>A view of one token of a <see cref="Doc"/>.</summary>
public readonly struct Token(Doc doc, int index)
{
    public Doc Doc { get; } = doc;
    public int Index { get; } = index;
    private ref TokenData Data => ref Doc.Tokens[Index];
    public int Start => Data.Start;
    public int End => Data.End;
    public ReadOnlySpan<char> Span => Doc.Text.AsSpan(Data.Start, Data.End - Data.Start);
    public string Text => Doc.Text.Substring(Data.Start, Data.End - Data.Start);
    public string? Upos => Data.Upos;
    public string? Xpos => Data.Xpos;
    public string? Lemma => Data.Lemma;
    public int Head => Data.Head;
    public string? DepRel => Data.DepRel;
    public int SentenceIndex => Data.Sentence;
    /// <summary>True when whitespace follows the token (CoNLL-U's SpaceAfter).</summary>
    public bool SpaceAfter => Data.End < Doc.Text.Length && char.IsWhiteSpace(Doc.Text[Data.End]);
    public override string ToString() => Text;
}

/// <summary>A view of one sentence of a <see cref="Doc"/>.</summary>
public readonly struct Sentence(Doc doc, int index)
{
    public Doc Doc { get; } = doc;
    public int Index { get; } = index;
    public SentenceData Data => Doc.Sentences[Index];
    public int Start => Data.Start;
    public int End => Data.End;
    public string Text => Doc.Text.Substring(Data.Start, Data.End - Data.Start);
    public int FirstToken => Data.FirstToken;
    public int TokenCount => Data.TokenCount;
    public Token this[int i] => new(Doc, Data.FirstToken + i);
    public override string ToString() => Text;
}

/// <summary>A character range of the article text, [Start, End).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int Length => End - Start;
    public string Of(string text) => text.Substring(Start, End - Start);
    public bool Contains(TextSpan other) => Start <= other.Start && other.End <= End;
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}

/// <summary>A pipeline stage that reads and annotates a <see cref="Doc"/> in place.</summary>
public interface IDocComponent
{
    string Name { get; }
    void Process(Doc doc);
}
