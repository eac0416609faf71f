using System.Data.Common;
using Sitrep.Attributes;
using Sitrep.Coding;
using static Sitrep.Store.SqlEventStore;

namespace Sitrep.Store;

/// <summary>
/// Writes articles inside one transaction with one reusable command per table. Replacing an
/// article deletes all its rows first, so a changed article never keeps stale events.
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    private readonly DbCommand existing;
    private readonly List<DbCommand> deletes = [];
    private readonly Insert articles, events, actors, attributions, quantities, figures, flags;

    // Where the driver supports it (Npgsql), an article's INSERTs go to the server as one batch:
    // one round trip per article instead of one per row.
    private readonly DbBatch? pending;

    public BatchWriter(SqlEventStore store, DbTransaction tx)
    {
        if (store.CanBatch)
        {
            pending = store.CreateBatch(tx);
        }
        existing = store.Command(tx, "SELECT content_hash FROM articles WHERE id = @id");
        Param(existing, "id", null);
        foreach (var table in Schema.ChildTables.Append("articles"))
        {
            var delete = store.Command(tx, $"DELETE FROM {table} WHERE {(table == "articles" ? "id" : "article_id")} = @id");
            Param(delete, "id", null);
            deletes.Add(delete);
        }
        articles = new Insert(this, store, tx, "articles",
            "id title url outlet published language origin content_hash text body_start sentences tokens");
        events = new Insert(this, store, tx, "events",
            "article_id id ordinal sentence sentence_start sentence_end sentence_text trigger_start trigger_end trigger_text " +
            "cameo_code cameo_label quad_class goldstein plover_type plover_mode negated modality why event_date " +
            "date_span_start date_span_end date_text date_start date_end date_granularity date_kind date_attached_by date_reason " +
            "place_span_start place_span_end place_name place_country place_admin1 place_kind place_lat place_lon place_geonames_id place_attached_by " +
            "certainty certainty_reason");
        actors = new Insert(this, store, tx, "actors", "article_id owner_id role ordinal span_start span_end text code country sectors kind entry");
        attributions = new Insert(this, store, tx, "attributions",
            "article_id owner_id ordinal depth cue cue_start cue_end source_start source_end source_text source_code source_country source_sectors source_kind source_entry");
        quantities = new Insert(this, store, tx, "quantities", "article_id owner_id ordinal span_start span_end text low high precision category counted");
        figures = new Insert(this, store, tx, "figures",
            "article_id id ordinal sentence span_start span_end text low high precision category counted cumulative " +
            "asof_span_start asof_span_end asof_text asof_start asof_end asof_granularity asof_kind asof_attached_by asof_reason certainty");
        flags = new Insert(this, store, tx, "flags",
            "article_id id ordinal kind first_start first_end first_text other_article_id second_start second_end second_text reason");
    }

    public WriteSummary Write(ArticleResult result)
    {
        var doc = result.Doc;
        var article = doc.Article;
        var hash = article.ContentHash;
        existing.Parameters[0].Value = article.Id;
        var storedHash = existing.ExecuteScalar() as string;
        if (storedHash == hash)
        {
            return new WriteSummary(0, 0, 1, 0, 0, 0);
        }
        if (storedHash is not null)
        {
            foreach (var delete in deletes)
            {
                delete.Parameters[0].Value = article.Id;
                delete.ExecuteNonQuery();
            }
        }
        var meta = article.Metadata;
        articles.Run(article.Id, meta.Title, meta.Url, meta.Outlet, IsoTimestamp(meta.Published), meta.Language, meta.Origin, hash,
            article.Text, article.BodyStart, doc.Sentences.Length, doc.Tokens.Length);

        var published = meta.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null;
        // Ids are content hashes, so a repeat means the same event reported twice by a stage: keep the first.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var eventCount = 0;
        foreach (var record in result.Events)
        {
            var e = record.Event;
            if (!seen.Add(e.Id))
            {
                continue;
            }
            var a = record.Attributes;
            var sentence = e.Sentence >= 0 && e.Sentence < doc.Sentences.Length ? doc.Sentences[e.Sentence] : default;
            var sentenceText = sentence.End > sentence.Start ? article.Text[sentence.Start..sentence.End] : "";
            var when = a.When;
            var where = a.Where;
            var eventDate = when?.Start ?? published;
            events.Run(article.Id, e.Id, eventCount, e.Sentence, sentence.Start, sentence.End, sentenceText,
                e.Trigger.Start, e.Trigger.End, e.TriggerText, e.CameoCode, e.CameoLabel, e.QuadClass, e.Goldstein, e.PloverType, e.PloverMode,
                e.Negated, e.Modality, StoreJson.Write(e.Why), eventDate is { } d ? IsoDate(d) : null,
                when?.Span?.Start, when?.Span?.End, when?.Text, when?.Start is { } ws ? IsoDate(ws) : null, when?.End is { } we ? IsoDate(we) : null,
                when?.Granularity, when?.Kind, when?.AttachedBy, when is null ? null : StoreJson.Write(when.Reason),
                where?.Span?.Start, where?.Span?.End, where?.Name, where?.Country, where?.Admin1, where?.Kind, where?.Latitude, where?.Longitude,
                where?.GeoNamesId, where?.AttachedBy, a.Certainty, StoreJson.Write(a.CertaintyReason));
            eventCount++;
            WriteActor(article.Id, e.Id, "source", 0, e.Source);
            WriteActor(article.Id, e.Id, "target", 0, e.Target);
            for (var i = 0; i < e.ReportedBy.Count; i++)
            {
                WriteActor(article.Id, e.Id, "reported_by", i, e.ReportedBy[i]);
            }
            for (var i = 0; i < a.Quantities.Count; i++)
            {
                var q = a.Quantities[i];
                quantities.Run(article.Id, e.Id, i, q.Span.Start, q.Span.End, q.Text, q.Low, q.High, q.Precision, q.Category, q.Counted);
            }
            WriteAttributions(article.Id, e.Id, a.Attributions);
        }

        seen.Clear();
        var figureCount = 0;
        foreach (var f in result.Figures)
        {
            if (!seen.Add(f.Id))
            {
                continue;
            }
            var q = f.Quantity;
            var asOf = f.AsOf;
            figures.Run(article.Id, f.Id, figureCount, f.Sentence, q.Span.Start, q.Span.End, q.Text, q.Low, q.High, q.Precision, q.Category,
                q.Counted, f.Cumulative, asOf?.Span?.Start, asOf?.Span?.End, asOf?.Text, asOf?.Start is { } s ? IsoDate(s) : null,
                asOf?.End is { } en ? IsoDate(en) : null, asOf?.Granularity, asOf?.Kind, asOf?.AttachedBy,
                asOf is null ? null : StoreJson.Write(asOf.Reason), f.Certainty);
            figureCount++;
            WriteActor(article.Id, f.Id, "victims", 0, f.Victims);
            WriteAttributions(article.Id, f.Id, f.Attributions);
        }

        seen.Clear();
        var flagCount = 0;
        foreach (var g in result.Flags)
        {
            if (!seen.Add(g.Id))
            {
                continue;
            }
            flags.Run(article.Id, g.Id, flagCount, g.Kind, g.First.Start, g.First.End, g.FirstText, g.OtherArticleId,
                g.Second.Start, g.Second.End, g.SecondText, g.Reason);
            flagCount++;
        }
        if (pending is { BatchCommands.Count: > 0 })
        {
            pending.ExecuteNonQuery();
            pending.BatchCommands.Clear();
        }
        return storedHash is null
            ? new WriteSummary(1, 0, 0, eventCount, figureCount, flagCount)
            : new WriteSummary(0, 1, 0, eventCount, figureCount, flagCount);
    }

    private void WriteActor(string articleId, string ownerId, string role, int ordinal, ActorMention? a)
    {
        if (a is null)
        {
            return;
        }
        actors.Run(articleId, ownerId, role, ordinal, a.Span.Start, a.Span.End, a.Text, a.Code, a.Country, StoreJson.Write(a.Sectors),
            a.Kind, a.DictionaryEntry);
    }

    private void WriteAttributions(string articleId, string ownerId, IReadOnlyList<Attribution> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var depth = 0;
            for (var link = list[i]; link is not null; link = link.Within, depth++)
            {
                var s = link.Source;
                attributions.Run(articleId, ownerId, i, depth, link.Cue, link.CueSpan.Start, link.CueSpan.End, s.Span.Start, s.Span.End, s.Text,
                    s.Code, s.Country, StoreJson.Write(s.Sectors), s.Kind, s.DictionaryEntry);
            }
        }
    }

    public void Dispose()
    {
        pending?.Dispose();
        existing.Dispose();
        foreach (var d in deletes)
        {
            d.Dispose();
        }
        foreach (var insert in new[] { articles, events, actors, attributions, quantities, figures, flags })
        {
            insert.Dispose();
        }
    }

    /// <summary>A reusable parameterised INSERT; column names are constants from this class.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly BatchWriter owner;
        private readonly DbCommand command;
        private readonly DbParameter[] parameters;
        private readonly string[] names;

        public Insert(BatchWriter owner, SqlEventStore store, DbTransaction tx, string table, string columns)
        {
            this.owner = owner;
            names = columns.Split(' ');
            command = store.Command(tx, $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})");
            parameters = new DbParameter[names.Length];
            for (var i = 0; i < names.Length; i++)
            {
                Param(command, names[i], null);
                parameters[i] = command.Parameters[i];
            }
        }

        public void Run(params object?[] values)
        {
            if (values.Length != parameters.Length)
            {
                throw new InvalidOperationException($"{command.CommandText}: {values.Length} values for {parameters.Length} columns");
            }
            if (owner.pending is { } batch)
            {
                var queued = batch.CreateBatchCommand();
                queued.CommandText = command.CommandText;
                for (var i = 0; i < values.Length; i++)
                {
                    var p = queued.CreateParameter();
                    p.ParameterName = names[i];
                    p.Value = values[i] ?? DBNull.Value;
                    queued.Parameters.Add(p);
                }
                batch.BatchCommands.Add(queued);
                return;
            }
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
