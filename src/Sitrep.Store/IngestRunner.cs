using System.Diagnostics;
using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Store;

/// <summary>What the pipeline contributes to ingest: one article in, everything learned out.</summary>
public interface IArticleProcessor
{
    ArticleResult Process(Article article);
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
    string? StoreError = null)
{
    public double ArticlesPerSecond => Elapsed.TotalSeconds > 0 ? Seen / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Codes articles and stores them in batches. Articles already stored with the same content are
/// skipped before coding, so re-running after a crash only codes what is missing. An article
/// that fails to code is counted and reported, and the rest go on; a store failure stops the run
/// and is returned in <see cref="IngestSummary.StoreError"/> (everything committed before it stays).
/// </summary>
public sealed class IngestRunner(IEventStore store, IArticleProcessor processor, int batchSize = 64)
{
    private const int MaxErrorMessages = 20;

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
        IngestSummary Snapshot(string? storeError = null) => new(seen, written.Stored, written.Replaced, written.Unchanged + skipped,
            storeError is null ? sentences : committedSentences, written.Events, written.Figures, written.Flags, errorCount, errors,
            total.Elapsed, processing, storeError);

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
            foreach (var article in articles)
            {
                cancel.ThrowIfCancellationRequested();
                seen++;
                if (store.Contains(article.Id, article.ContentHash))
                {
                    skipped++;
                    progress?.Invoke(Snapshot());
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = processor.Process(article);
                    batch.Add(result);
                    sentences += result.Doc.Sentences.Length;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errorCount++;
                    if (errors.Count < MaxErrorMessages)
                    {
                        errors.Add($"article {article.Id}: {e.GetType().Name}: {e.Message}");
                    }
                }
                processing += Stopwatch.GetElapsedTime(started);
                if (batch.Count >= batchSize)
                {
                    Flush();
                }
                progress?.Invoke(Snapshot());
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
