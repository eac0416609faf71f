using Sitrep.Attributes;
using Sitrep.Text;

namespace Sitrep.Store.Tests;

public sealed class IngestRunnerTests : IDisposable
{
    private readonly TempDir dir = new();

    private sealed class CountingProcessor(string? failOn = null) : IArticleProcessor
    {
        private int _calls;

        public int Calls => _calls;

        public ArticleResult Process(Article article)
        {
            Interlocked.Increment(ref _calls);
            if (article.Id == failOn)
            {
                throw new InvalidDataException("sentence 3 has no tokens");
            }
            return SampleResults.Build(article);
        }
    }

    private static List<Article> Articles(int n) =>
        Enumerable.Range(0, n).Select(i => SampleResults.Copy(SampleResults.Stories[i % 6], $"run-{i:D3}")).ToList();

    [Fact]
    public void CodingErrorsAreCountedAndTheRestIsStored()
    {
        using var store = SqliteEventStore.Open(dir.File("run.db"));
        var articles = Articles(10);
        var summary = new IngestRunner(store, new CountingProcessor(failOn: "run-004"), batchSize: 3).Run(articles);
        Assert.Equal(10, summary.Seen);
        Assert.Equal(9, summary.Stored);
        Assert.Equal(1, summary.Errors);
        Assert.Equal("article run-004: InvalidDataException: sentence 3 has no tokens", Assert.Single(summary.ErrorMessages));
        Assert.Null(summary.StoreError);
        Assert.Equal(articles.Where(a => a.Id != "run-004").Sum(a => SampleResults.Build(a).Events.Count), summary.Events);
        Assert.Null(store.Article("run-004"));
    }

    [Fact]
    public void ContradictionsBetweenArticlesOfARunAreStoredAsFlags()
    {
        var annotator = AttributeAnnotator.LoadDefault();
        var processor = new DelegateProcessor(a => annotator.Annotate(Tokenizer.Default.Process(a), []));
        var check = new DelegateCrossArticleCheck(annotator.Evidence, annotator.CrossArticle);
        static Article Make(string id, string figure) => Article.Create(id, null,
            $"Russia has lost {figure} soldiers in the war, according to Ukraine's Ministry of Defense.",
            new ArticleMetadata(null, null, null, new DateTimeOffset(2023, 3, 13, 12, 0, 0, TimeSpan.Zero), "en", null));
        var articles = new List<Article> { Make("a", "a total of 159,090"), Make("b", "a total of 120,000"), Make("c", "a total of 159,090") };
        using var store = SqliteEventStore.Open(dir.File("cross.db"));

        var summary = new IngestRunner(store, processor, batchSize: 2, crossCheck: check).Run(articles);

        // a and c agree; b disagrees with both and is flagged once per pair.
        Assert.Equal(2, summary.CrossArticleFlags);
        var ab = Assert.Single(store.Flags("a"), f => f.Kind == "cross_article_figure");
        Assert.Equal("b", ab.OtherArticleId);
        Assert.Equal("a total of 159,090", ab.FirstText);
        Assert.Equal("a total of 120,000", ab.SecondText);
        Assert.Equal("c", Assert.Single(store.Flags("b"), f => f.Kind == "cross_article_figure").OtherArticleId);
        Assert.DoesNotContain(store.Flags("c"), f => f.Kind == "cross_article_figure");

        // Storing the same flags again adds nothing.
        Assert.Equal(0, store.AddFlags(check.Check([.. articles.Select(a => annotator.Evidence(processor.Process(a)))])));
    }

    [Fact]
    public void RerunSkipsStoredArticlesWithoutCodingThem()
    {
        using var store = SqliteEventStore.Open(dir.File("run.db"));
        var articles = Articles(12);
        new IngestRunner(store, new CountingProcessor(), batchSize: 5).Run(articles.Take(7));
        var processor = new CountingProcessor();
        var summary = new IngestRunner(store, processor, batchSize: 5).Run(articles);
        Assert.Equal(5, processor.Calls);
        Assert.Equal(5, summary.Stored);
        Assert.Equal(7, summary.Unchanged);
        Assert.Equal(12, store.Stats(1).Articles);
    }

    [Fact]
    public void StoreFailureStopsTheRunAndReportsWhatWasCommitted()
    {
        var path = dir.File("small.db");
        using (SqliteEventStore.Open(path))
        {
        }
        var pages = (long)SqliteStoreTests.Scalar(path, "PRAGMA page_count")!;
        using var store = SqliteEventStore.Open(path, maxPages: (int)pages + 40);
        var summary = new IngestRunner(store, new CountingProcessor(), batchSize: 2).Run(Articles(60));
        Assert.NotNull(summary.StoreError);
        Assert.Contains("disk full", summary.StoreError);
        Assert.InRange(summary.Stored, 1, 58);
        Assert.Equal(summary.Stored, store.Stats(1).Articles);
        Assert.Equal(summary.Events, store.Stats(1).Events);
    }

    [Fact]
    public void ParallelCodingStoresExactlyWhatASequentialRunStores()
    {
        string Run(string name, int parallelism)
        {
            using var store = SqliteEventStore.Open(dir.File(name));
            var summary = new IngestRunner(store, new CountingProcessor(failOn: "run-007"), batchSize: 4, parallelism).Run(Articles(23));
            Assert.Equal((23, 22, 1), (summary.Seen, summary.Stored, summary.Errors));
            using var json = new MemoryStream();
            Sitrep.Store.Export.JsonlExporter.Write(store.Events(new EventQuery()), json);
            return System.Text.Encoding.UTF8.GetString(json.ToArray());
        }
        var sequential = Run("sequential.db", 1);
        Assert.Contains("run-022", sequential, StringComparison.Ordinal);
        Assert.Equal(sequential, Run("parallel.db", 4));
    }

    public void Dispose() => dir.Dispose();
}
