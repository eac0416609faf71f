using System.Diagnostics;
using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Store;

/// <summary>What the pipeline contributes to ingest: one article in, everything learned out.</summary>
public interface IArticleProcessor
{
    ArticleResult Process(Article article);
}

/// <summary>
/// The check across the articles of a run (the same figure or onset date stated differently by two
/// articles): evidence is taken from each article as it is coded, the check runs once at the end.
/// </summary>
public interface ICrossArticleCheck
{
    CrossArticleEvidence Evidence(ArticleResult result);

    IReadOnlyList<Flag> Check(IReadOnlyList<CrossArticleEvidence> evidence);
}

/// <summary>Adapts two functions (e.g. the pipeline's) to <see cref="ICrossArticleCheck"/>.</summary>
public sealed class DelegateCrossArticleCheck(Func<ArticleResult, CrossArticleEvidence> evidence, Func<IReadOnlyList<CrossArticleEvidence>, IReadOnlyList<Flag>> check)
    : ICrossArticleCheck
{
    public CrossArticleEvidence Evidence(ArticleResult result) => evidence(result);

    public IReadOnlyList<Flag> Check(IReadOnlyList<CrossArticleEvidence> items) => check(items);
}

/// <summary>Running totals, reported after every article and at the end.</summary>
public sealed record IngestSummary(
    int Seen,
    int Stored,
    int Replaced,
    int Unchanged,
    long Sentences,
    long Events,
    long Figures,
    long Flags,
    int Errors,
    IReadOnlyList<string> ErrorMessages,
    TimeSpan Elapsed,
    TimeSpan Processing,
    /// <summary>Why the run stopped early (the store failed), or null; everything counted was committed.</summary>
    string? StoreError = null,
    /// <summary>Contradictions between articles of this run, stored at the end (also counted in <see cref="Flags"/>).</summary>
    long CrossArticleFlags = 0)
{
    public double ArticlesPerSecond => Elapsed.TotalSeconds > 0 ? Seen / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Codes articles and stores them in batches. Articles already stored with the same content are
/// skipped before coding, so re-running after a crash only codes what is missing. An article
/// that fails to code is counted and reported, and the rest go on; a store failure stops the run
/// and is returned in <see cref="IngestSummary.StoreError"/> (everything committed before it stays).
/// With a <see cref="ICrossArticleCheck"/>, the articles coded in the run are checked against each
/// other at the end and the contradictions are stored as flags of the first article of each pair.
/// </summary>
public sealed class IngestRunner(IEventStore store, IArticleProcessor processor, int batchSize = 64, int parallelism = 1, ICrossArticleCheck? crossCheck = null)
{
    private const int MaxErrorMessages = 20;

    /// <summary>
    /// Codes the articles of one chunk that are not stored yet, on up to <c>parallelism</c> threads.
    /// Results keep the input order (and the store writes them in that order), so a run is
    /// deterministic however many threads code it. A skipped article has neither result nor error.
    /// </summary>
    private ((ArticleResult? Result, Exception? Error, CrossArticleEvidence? Evidence)[] Results, TimeSpan Elapsed) CodeChunk(
        List<Article> chunk, IReadOnlyDictionary<string, string> known, CancellationToken cancel)
    {
        var results = new (ArticleResult?, Exception?, CrossArticleEvidence?)[chunk.Count];
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, chunk.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancel }, i =>
        {
            var article = chunk[i];
            if (known.TryGetValue(article.Id, out var hash) && hash == article.ContentHash)
            {
                return;
            }
            try
            {
                var result = processor.Process(article);
                results[i] = (result, null, crossCheck?.Evidence(result));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results[i] = (null, e, null);
            }
        });
        return (results, Stopwatch.GetElapsedTime(started));
    }

    public IngestSummary Run(IEnumerable<Article> articles, Action<IngestSummary>? progress = null, CancellationToken cancel = default)
    {
        var total = Stopwatch.StartNew();
        var processing = TimeSpan.Zero;
        var batch = new List<ArticleResult>(batchSize);
        var errors = new List<string>();
        int seen = 0, errorCount = 0, skipped = 0;
        var written = default(WriteSummary);
        long sentences = 0;

        long committedSentences = 0;
        long crossFlags = 0;
        var evidence = new List<CrossArticleEvidence>();
        IngestSummary Snapshot(string? storeError = null) => new(seen, written.Stored, written.Replaced, written.Unchanged + skipped,
            storeError is null ? sentences : committedSentences, written.Events, written.Figures, written.Flags + crossFlags, errorCount, errors,
            total.Elapsed, processing, storeError, crossFlags);

        void Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var w = store.Write(batch);
            written = written.Add(w);
            committedSentences = sentences;
            batch.Clear();
        }

        try
        {
            Loop();
            if (crossCheck is not null && evidence.Count > 1)
            {
                var started = Stopwatch.GetTimestamp();
                crossFlags = store.AddFlags(crossCheck.Check(evidence));
                processing += Stopwatch.GetElapsedTime(started);
            }
        }
        catch (StoreException e)
        {
            total.Stop();
            return Snapshot(e.Message);
        }
        total.Stop();
        return Snapshot();

        void Loop()
        {
            // Articles are looked up in chunks: one query tells which of the next batch are stored already.
            using var input = articles.GetEnumerator();
            var chunk = new List<Article>(batchSize);
            while (true)
            {
                chunk.Clear();
                while (chunk.Count < batchSize && input.MoveNext())
                {
                    chunk.Add(input.Current);
                }
                if (chunk.Count == 0)
                {
                    break;
                }
                var known = store.ContentHashes(chunk.Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList());
                var coded = CodeChunk(chunk, known, cancel);
                processing += coded.Elapsed;
                for (var i = 0; i < chunk.Count; i++)
                {
                    var article = chunk[i];
                    seen++;
                    var (result, error, found) = coded.Results[i];
                    if (result is null && error is null)
                    {
                        skipped++;
                    }
                    else if (result is not null)
                    {
                        if (found is not null)
                        {
                            evidence.Add(found);
                        }
                        batch.Add(result);
                        sentences += result.Doc.Sentences.Length;
                    }
                    else
                    {
                        errorCount++;
                        if (errors.Count < MaxErrorMessages)
                        {
                            errors.Add($"article {article.Id}: {error!.GetType().Name}: {error.Message}");
                        }
                    }
                    if (batch.Count >= batchSize)
                    {
                        Flush();
                    }
                    progress?.Invoke(Snapshot());
                }
            }
            Flush();
        }
    }
}

/// <summary>Adapts a plain function (e.g. <c>new SitrepPipeline().Process</c>) to <see cref="IArticleProcessor"/>.</summary>
public sealed class DelegateProcessor(Func<Article, ArticleResult> process) : IArticleProcessor
{
    public ArticleResult Process(Article article) => process(article);
}
