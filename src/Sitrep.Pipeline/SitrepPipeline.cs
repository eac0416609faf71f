using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Syntax;
using Sitrep.Text;

namespace Sitrep.Pipeline;

/// <summary>Where to find models and dictionaries; null means the ones shipped inside the assemblies.</summary>
public sealed record PipelineOptions(string? ModelDirectory = null, IReadOnlyList<string>? DictionaryDirectories = null, ParserKind Parser = ParserKind.Fast);

/// <summary>
/// The whole data flow for one article: text → tokens/sentences → tags, lemmas, dependencies →
/// coded events → attributes (when, where, how many, who says so, how certain, contradictions).
/// Stateless after loading, so one instance can serve many threads.
/// </summary>
public sealed class SitrepPipeline
{
    private readonly Tokenizer _tokenizer;
    private readonly SyntaxModel _syntax;
    private readonly EventCoder _coder;
    private readonly AttributeAnnotator _attributes;

    private SitrepPipeline(Tokenizer tokenizer, SyntaxModel syntax, EventCoder coder, AttributeAnnotator attributes)
    {
        _tokenizer = tokenizer;
        _syntax = syntax;
        _coder = coder;
        _attributes = attributes;
    }

    public static SitrepPipeline Load(PipelineOptions? options = null)
    {
        options ??= new PipelineOptions();
        var syntax = options.ModelDirectory is null ? SyntaxModel.LoadDefault(options.Parser) : SyntaxModel.Load(options.ModelDirectory, options.Parser);
        var coder = EventCoder.Load(options.DictionaryDirectories ?? []);
        return new SitrepPipeline(Tokenizer.Default, syntax, coder, AttributeAnnotator.LoadDefault(new DictionaryActorResolver(coder.Actors)));
    }

    public Doc Parse(Article article)
    {
        var doc = _tokenizer.Process(article);
        _syntax.Process(doc);
        return doc;
    }

    public ArticleResult Process(Article article)
    {
        var doc = Parse(article);
        return _attributes.Annotate(doc, _coder.Code(doc, _attributes.Places(doc)));
    }

    /// <summary>Contradictions between the articles of one run (the same figure stated differently).</summary>
    public IReadOnlyList<Flag> CrossArticle(IReadOnlyList<ArticleResult> results) => _attributes.CrossArticle(results);

    /// <summary>What the cross-article check keeps of one article.</summary>
    public CrossArticleEvidence Evidence(ArticleResult result) => _attributes.Evidence(result);

    /// <summary>Contradictions between articles, from the evidence kept of each.</summary>
    public IReadOnlyList<Flag> CrossArticle(IReadOnlyList<CrossArticleEvidence> evidence) => _attributes.CrossArticle(evidence);
}
