using System.Data.Common;
using System.Globalization;
using Sitrep.Attributes;
using Sitrep.Coding;
using Sitrep.Text;

namespace Sitrep.Store;

/// <summary>
/// The SQL shared by both backends: migrations, writes, queries and stats. Every value goes in
/// as a parameter; identifiers come only from constants in this file and <see cref="Schema"/>.
/// A subclass supplies the connection, a few dialect hooks and the translation of driver errors
/// into <see cref="StoreException"/>s.
/// </summary>
public abstract class SqlEventStore : IEventStore
{
    private const int PageSize = 500;

    protected SqlEventStore(DbConnection connection, string location)
    {
        Connection = connection;
        Location = location;
    }

    protected DbConnection Connection { get; }
    public string Location { get; }
    public int SchemaVersion { get; private set; }

    /// <summary>Appended to text ORDER BY keys so both backends sort byte-wise, i.e. identically.</summary>
    protected virtual string Collate => "";

    protected abstract bool TableExists(string name, DbTransaction? tx = null);

    /// <summary>Number of tables in the database (or schema) that are not Sitrep's.</summary>
    protected abstract int ForeignTableCount();

    /// <summary>Serialises concurrent migrations (PostgreSQL: advisory lock); no-op where the writer lock does it.</summary>
    protected virtual void LockForMigration(DbTransaction tx)
    {
    }

    /// <summary>Turns a driver exception into a user-facing <see cref="StoreException"/>, or returns null to rethrow.</summary>
    protected abstract StoreException? Translate(Exception e, string action);

    protected T Guard<T>(string action, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is not StoreException && Translate(e, action) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Checks the schema version and applies pending migrations (unless read-only).</summary>
    protected void Migrate(bool readOnly) => Guard("opening", () =>
    {
        var version = TableExists("schema_version") ? CurrentVersion() : 0;
        if (version == 0 && ForeignTableCount() > 0)
        {
            throw new StoreException($"{Location} already holds other tables and no Sitrep schema; refusing to write into it. Use a new --db.");
        }
        if (version > Schema.Current)
        {
            throw new StoreException(
                $"{Location} has schema version {version}, newer than this sitrep understands (up to {Schema.Current}). " +
                "Upgrade sitrep; the database was not changed.");
        }
        if (version < Schema.Current && readOnly)
        {
            throw new StoreException(version == 0
                ? $"{Location} holds no Sitrep data yet; run `sitrep ingest` first."
                : $"{Location} has schema version {version}; run `sitrep ingest` once with this sitrep to upgrade it to {Schema.Current}.");
        }
        for (var v = version + 1; v <= Schema.Current; v++)
        {
            using var tx = Connection.BeginTransaction();
            LockForMigration(tx);
            // Another process may have migrated while we waited for the lock.
            if (TableExists("schema_version", tx) && CurrentVersion(tx) >= v)
            {
                tx.Commit();
                continue;
            }
            if (v == 1)
            {
                Exec(tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)");
            }
            foreach (var statement in Schema.Migrations[v - 1])
            {
                Exec(tx, statement);
            }
            using (var insert = Command(tx, "INSERT INTO schema_version (version, applied) VALUES (@v, @t)"))
            {
                Param(insert, "v", v);
                Param(insert, "t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        SchemaVersion = Schema.Current;
        return 0;
    });

    private int CurrentVersion(DbTransaction? tx = null)
    {
        using var cmd = Command(tx, "SELECT max(version) FROM schema_version");
        var value = cmd.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    public bool Contains(string articleId, string contentHash) => Guard("reading", () =>
    {
        using var cmd = Command(null, "SELECT count(*) FROM articles WHERE id = @id AND content_hash = @h");
        Param(cmd, "id", articleId);
        Param(cmd, "h", contentHash);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    });

    public WriteSummary Write(IReadOnlyList<ArticleResult> results) => Guard("writing to", () =>
    {
        var summary = default(WriteSummary);
        using var tx = Connection.BeginTransaction();
        try
        {
            var stored = ContentHashes(results.Select(r => r.Doc.Article.Id).Distinct(StringComparer.Ordinal).ToList(), tx);
            using var writer = new BatchWriter(this, tx, stored);
            foreach (var result in results)
            {
                summary = summary.Add(writer.Write(result));
            }
            writer.Flush();
            tx.Commit();
        }
        catch
        {
            SafeRollback(tx);
            throw;
        }
        return summary;
    });

    public int AddFlags(IReadOnlyList<Flag> flags) => Guard("writing to", () =>
    {
        var added = 0;
        using var tx = Connection.BeginTransaction();
        try
        {
            // A flag already stored (same article and id) is left as it is, so re-running is harmless.
            using var cmd = Command(tx, """
                INSERT INTO flags (article_id, id, ordinal, kind, first_start, first_end, first_text, other_article_id,
                                   second_start, second_end, second_text, reason)
                SELECT @a, @id, (SELECT COALESCE(MAX(ordinal), -1) + 1 FROM flags WHERE article_id = @a), @kind, @fs, @fe, @ft, @other,
                       @ss, @se, @st, @reason
                WHERE EXISTS (SELECT 1 FROM articles WHERE id = @a)
                ON CONFLICT (article_id, id) DO NOTHING
                """);
            foreach (var f in flags)
            {
                cmd.Parameters.Clear();
                Param(cmd, "a", f.ArticleId);
                Param(cmd, "id", f.Id);
                Param(cmd, "kind", f.Kind);
                Param(cmd, "fs", f.First.Start);
                Param(cmd, "fe", f.First.End);
                Param(cmd, "ft", f.FirstText);
                Param(cmd, "other", f.OtherArticleId);
                Param(cmd, "ss", f.Second.Start);
                Param(cmd, "se", f.Second.End);
                Param(cmd, "st", f.SecondText);
                Param(cmd, "reason", f.Reason);
                added += cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
        catch
        {
            SafeRollback(tx);
            throw;
        }
        return added;
    });

    private static void SafeRollback(DbTransaction tx)
    {
        try
        {
            tx.Rollback();
        }
        catch (Exception)
        {
            // The engine may already have rolled back (SQLite does on SQLITE_FULL); the original error matters.
        }
    }

    public IReadOnlyDictionary<string, string> ContentHashes(IReadOnlyList<string> articleIds) =>
        Guard("reading", () => (IReadOnlyDictionary<string, string>)ContentHashes(articleIds, null));

    /// <summary>Stored content hash per article id, for those of <paramref name="articleIds"/> that are stored (one query per 500 ids).</summary>
    private Dictionary<string, string> ContentHashes(IReadOnlyList<string> articleIds, DbTransaction? tx)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var at = 0; at < articleIds.Count; at += PageSize)
        {
            var chunk = articleIds.Skip(at).Take(PageSize).ToList();
            using var cmd = Command(tx, "");
            var names = new string[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                names[i] = "@i" + i.ToString(CultureInfo.InvariantCulture);
                Param(cmd, names[i][1..], chunk[i]);
            }
            cmd.CommandText = "SELECT id, content_hash FROM articles WHERE id IN (" + string.Join(", ", names) + ")";
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[r.GetString(0)] = r.GetString(1);
            }
        }
        return result;
    }

    public StoredArticle? Article(string id) => Guard("reading", () =>
    {
        using var cmd = Command(null,
            "SELECT id, title, url, outlet, published, language, origin, content_hash, text, body_start, sentences, tokens FROM articles WHERE id = @id");
        Param(cmd, "id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }
        return new StoredArticle(r.GetString(0), Str(r, 1), Str(r, 2), Str(r, 3), Timestamp(Str(r, 4)), r.GetString(5), Str(r, 6),
            r.GetString(7), r.GetString(8), r.GetInt32(9), r.GetInt32(10), r.GetInt32(11));
    });

    public IEnumerable<StoredEvent> Events(EventQuery query)
    {
        var remaining = query.Limit ?? int.MaxValue;
        (string Date, string Article, int Ordinal)? after = null;
        while (remaining > 0)
        {
            var want = Math.Min(PageSize, remaining);
            var page = Guard("reading", () => ReadPage(query, after, want));
            foreach (var (e, _) in page)
            {
                yield return e;
            }
            if (page.Count < want)
            {
                yield break;
            }
            remaining -= page.Count;
            var (last, ordinal) = page[^1];
            after = (last.EventDate is { } d ? IsoDate(d) : "", last.ArticleId, ordinal);
        }
    }

    private List<(StoredEvent Event, int Ordinal)> ReadPage(EventQuery q, (string Date, string Article, int Ordinal)? after, int limit)
    {
        using var cmd = Command(null, "");
        var where = new List<string>();
        void Where(string clause, string name, object value)
        {
            where.Add(clause);
            Param(cmd, name, value);
        }
        if (q.From is { } from)
        {
            Where("e.event_date >= @from", "from", IsoDate(from));
        }
        if (q.To is { } to)
        {
            Where("e.event_date <= @to", "to", IsoDate(to));
        }
        if (q.PloverType is { } plover)
        {
            Where("e.plover_type = @plover", "plover", plover.ToUpperInvariant());
        }
        if (q.CameoPrefix is { } cameo)
        {
            Where(@"e.cameo_code LIKE @cameo ESCAPE '\'", "cameo", EscapeLike(cameo) + "%");
        }
        if (q.Actor is { } actor)
        {
            Where(@"EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = e.article_id AND ac.owner_id = e.id AND ac.role IN ('source', 'target') AND (ac.code LIKE @actor ESCAPE '\' OR ac.country = @actorexact))",
                "actor", EscapeLike(actor.ToUpperInvariant()) + "%");
            Param(cmd, "actorexact", actor.ToUpperInvariant());
        }
        if (q.Country is { } country)
        {
            Where("(e.place_country = @country OR EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = e.article_id AND ac.owner_id = e.id AND ac.role IN ('source', 'target') AND ac.country = @country))",
                "country", country.ToUpperInvariant());
        }
        if (q.Location is { } location)
        {
            Where(@"(lower(e.place_name) LIKE @loc ESCAPE '\' OR lower(e.place_admin1) LIKE @loc ESCAPE '\' OR e.place_country = @locexact)",
                "loc", "%" + EscapeLike(location.ToLowerInvariant()) + "%");
            Param(cmd, "locexact", location.ToUpperInvariant());
        }
        if (q.Certainty is { } certainty)
        {
            Where("e.certainty = @certainty", "certainty", certainty.ToLowerInvariant());
        }
        if (q.Text is { } text)
        {
            Where(@"lower(e.sentence_text) LIKE @text ESCAPE '\'", "text", "%" + EscapeLike(text.ToLowerInvariant()) + "%");
        }
        if (q.ArticleId is { } articleId)
        {
            Where("e.article_id = @article", "article", articleId);
        }
        if (q.EventId is { } eventId)
        {
            Where("e.id = @event", "event", eventId);
        }
        const string Key = "coalesce(e.event_date, '')";
        if (after is { } a)
        {
            Where($"({Key}{Collate}, e.article_id{Collate}, e.ordinal) > (@kdate{Collate}, @karticle{Collate}, @kord)", "kdate", a.Date);
            Param(cmd, "karticle", a.Article);
            Param(cmd, "kord", a.Ordinal);
        }
        Param(cmd, "limit", limit);
        cmd.CommandText =
            $"SELECT {EventColumns}, a.title, a.url, a.outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
            $" ORDER BY {Key}{Collate}, e.article_id{Collate}, e.ordinal LIMIT @limit";

        var rows = new List<(EventRow Row, string? Title, string? Url, string? Outlet, string? Published)>();
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                rows.Add((EventRow.Read(r), Str(r, EventRow.ColumnCount), Str(r, EventRow.ColumnCount + 1),
                    Str(r, EventRow.ColumnCount + 2), Str(r, EventRow.ColumnCount + 3)));
            }
        }
        if (rows.Count == 0)
        {
            return [];
        }
        var articleIds = rows.Select(x => x.Row.ArticleId).Distinct(StringComparer.Ordinal).ToArray();
        var children = LoadChildren(articleIds);
        var result = new List<(StoredEvent, int)>(rows.Count);
        foreach (var (row, title, url, outlet, published) in rows)
        {
            result.Add((row.ToStored(children, title, url, outlet, Timestamp(published)), row.Ordinal));
        }
        return result;
    }

    private const string EventColumns =
        "e.article_id, e.id, e.ordinal, e.sentence, e.sentence_start, e.sentence_end, e.sentence_text, " +
        "e.trigger_start, e.trigger_end, e.trigger_text, e.cameo_code, e.cameo_label, e.quad_class, e.goldstein, " +
        "e.plover_type, e.plover_mode, e.negated, e.modality, e.why, e.event_date, " +
        "e.date_span_start, e.date_span_end, e.date_text, e.date_start, e.date_end, e.date_granularity, e.date_kind, e.date_attached_by, e.date_reason, " +
        "e.place_span_start, e.place_span_end, e.place_name, e.place_country, e.place_admin1, e.place_kind, e.place_lat, e.place_lon, e.place_geonames_id, e.place_attached_by, " +
        "e.certainty, e.certainty_reason";

    /// <summary>Actors, attributions and quantities of the given articles, keyed by (article, owner).</summary>
    internal sealed class Children
    {
        public Dictionary<(string, string), List<(string Role, int Ordinal, ActorMention Actor)>> Actors { get; } = [];
        public Dictionary<(string, string), List<(int Ordinal, int Depth, string Cue, TextSpan CueSpan, ActorMention Source)>> Attributions { get; } = [];
        public Dictionary<(string, string), List<(int Ordinal, Quantity Quantity)>> Quantities { get; } = [];

        public IReadOnlyList<ActorMention> ActorsOf(string article, string owner, string role)
        {
            if (!Actors.TryGetValue((article, owner), out var list))
            {
                return [];
            }
            return list.Where(x => x.Role == role).OrderBy(x => x.Ordinal).Select(x => x.Actor).ToArray();
        }

        public IReadOnlyList<Attribution> AttributionsOf(string article, string owner)
        {
            if (!Attributions.TryGetValue((article, owner), out var list))
            {
                return [];
            }
            var result = new List<Attribution>();
            foreach (var chain in list.GroupBy(x => x.Ordinal).OrderBy(g => g.Key))
            {
                Attribution? within = null;
                foreach (var link in chain.OrderByDescending(x => x.Depth))
                {
                    within = new Attribution(link.Source, link.Cue, link.CueSpan, within);
                }
                result.Add(within!);
            }
            return result;
        }

        public IReadOnlyList<Quantity> QuantitiesOf(string article, string owner) =>
            Quantities.TryGetValue((article, owner), out var list) ? list.OrderBy(x => x.Ordinal).Select(x => x.Quantity).ToArray() : [];
    }

    private Children LoadChildren(IReadOnlyList<string> articleIds)
    {
        var children = new Children();
        using (var cmd = InCommand("SELECT article_id, owner_id, role, ordinal, span_start, span_end, text, code, country, sectors, kind, entry FROM actors", articleIds))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var actor = new ActorMention(new TextSpan(r.GetInt32(4), r.GetInt32(5)), r.GetString(6), Str(r, 7), Str(r, 8),
                    StoreJson.Read(Str(r, 9)), r.GetString(10), Str(r, 11));
                GetList(children.Actors, (r.GetString(0), r.GetString(1))).Add((r.GetString(2), r.GetInt32(3), actor));
            }
        }
        using (var cmd = InCommand(
            "SELECT article_id, owner_id, ordinal, depth, cue, cue_start, cue_end, source_start, source_end, source_text, source_code, source_country, source_sectors, source_kind, source_entry FROM attributions",
            articleIds))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var source = new ActorMention(new TextSpan(r.GetInt32(7), r.GetInt32(8)), r.GetString(9), Str(r, 10), Str(r, 11),
                    StoreJson.Read(Str(r, 12)), r.GetString(13), Str(r, 14));
                GetList(children.Attributions, (r.GetString(0), r.GetString(1)))
                    .Add((r.GetInt32(2), r.GetInt32(3), r.GetString(4), new TextSpan(r.GetInt32(5), r.GetInt32(6)), source));
            }
        }
        using (var cmd = InCommand(
            "SELECT article_id, owner_id, ordinal, span_start, span_end, text, low, high, precision, category, counted FROM quantities", articleIds))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var q = new Quantity(new TextSpan(r.GetInt32(3), r.GetInt32(4)), r.GetString(5), Long(r, 6), Long(r, 7), r.GetString(8), r.GetString(9), Str(r, 10));
                GetList(children.Quantities, (r.GetString(0), r.GetString(1))).Add((r.GetInt32(2), q));
            }
        }
        return children;
    }

    private static List<T> GetList<T>(Dictionary<(string, string), List<T>> map, (string, string) key)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }
        return list;
    }

    private DbCommand InCommand(string select, IReadOnlyList<string> articleIds)
    {
        var cmd = Command(null, "");
        var names = new string[articleIds.Count];
        for (var i = 0; i < articleIds.Count; i++)
        {
            names[i] = "@a" + i.ToString(CultureInfo.InvariantCulture);
            Param(cmd, names[i][1..], articleIds[i]);
        }
        cmd.CommandText = select + " WHERE article_id IN (" + string.Join(", ", names) + ")";
        return cmd;
    }

    public IReadOnlyList<Figure> Figures(string articleId) => Guard("reading", () =>
    {
        var children = LoadChildren([articleId]);
        using var cmd = Command(null,
            "SELECT id, sentence, span_start, span_end, text, low, high, precision, category, counted, cumulative, " +
            "asof_span_start, asof_span_end, asof_text, asof_start, asof_end, asof_granularity, asof_kind, asof_attached_by, asof_reason, certainty " +
            "FROM figures WHERE article_id = @a ORDER BY ordinal");
        Param(cmd, "a", articleId);
        using var r = cmd.ExecuteReader();
        var list = new List<Figure>();
        while (r.Read())
        {
            var id = r.GetString(0);
            var q = new Quantity(new TextSpan(r.GetInt32(2), r.GetInt32(3)), r.GetString(4), Long(r, 5), Long(r, 6), r.GetString(7), r.GetString(8), Str(r, 9));
            var victims = children.ActorsOf(articleId, id, "victims");
            list.Add(new Figure(id, articleId, r.GetInt32(1), q, victims.Count > 0 ? victims[0] : null, r.GetBoolean(10),
                ReadDate(r, 11), children.AttributionsOf(articleId, id), r.GetString(20)));
        }
        return (IReadOnlyList<Figure>)list;
    });

    public IReadOnlyList<Flag> Flags(string articleId) => Guard("reading", () =>
    {
        using var cmd = Command(null,
            "SELECT id, kind, first_start, first_end, first_text, other_article_id, second_start, second_end, second_text, reason FROM flags WHERE article_id = @a ORDER BY ordinal");
        Param(cmd, "a", articleId);
        using var r = cmd.ExecuteReader();
        var list = new List<Flag>();
        while (r.Read())
        {
            list.Add(new Flag(r.GetString(0), r.GetString(1), articleId, new TextSpan(r.GetInt32(2), r.GetInt32(3)), r.GetString(4), Str(r, 5),
                new TextSpan(r.GetInt32(6), r.GetInt32(7)), r.GetString(8), r.GetString(9)));
        }
        return (IReadOnlyList<Flag>)list;
    });

    public StoreStats Stats(int top) => Guard("reading", () =>
    {
        long Scalar(string sql)
        {
            using var cmd = Command(null, sql);
            var v = cmd.ExecuteScalar();
            return v is null or DBNull ? 0 : Convert.ToInt64(v, CultureInfo.InvariantCulture);
        }
        // byKey: the latest `top` keys (months), returned in ascending order; else the `top` largest groups.
        List<KeyValuePair<string, long>> Groups(string keyExpr, string from, bool byKey)
        {
            using var cmd = Command(null,
                $"SELECT {keyExpr}, count(*) FROM {from} GROUP BY {keyExpr} ORDER BY " +
                (byKey ? $"{keyExpr}{Collate} DESC" : $"count(*) DESC, {keyExpr}{Collate}") + " LIMIT @top");
            Param(cmd, "top", top);
            using var r = cmd.ExecuteReader();
            var list = new List<KeyValuePair<string, long>>();
            while (r.Read())
            {
                list.Add(new(r.GetString(0), r.GetInt64(1)));
            }
            if (byKey)
            {
                list.Reverse();
            }
            return list;
        }
        const string SourceCountry =
            "(SELECT ac.country FROM actors ac WHERE ac.article_id = e.article_id AND ac.owner_id = e.id AND ac.role = 'source' AND ac.ordinal = 0)";
        return new StoreStats(
            Scalar("SELECT count(*) FROM articles"),
            Scalar("SELECT sum(sentences) FROM articles"),
            Scalar("SELECT count(*) FROM events"),
            Scalar("SELECT count(*) FROM figures"),
            Scalar("SELECT count(*) FROM flags"),
            Groups("e.plover_type", "events e", false),
            Groups($"coalesce(e.place_country, {SourceCountry}, '(none)')", "events e", false),
            Groups("e.certainty", "events e", false),
            Groups("coalesce(a.outlet, '(none)')", "articles a", false),
            Groups("coalesce(substr(e.event_date, 1, 7), '(undated)')", "events e", true));
    });

    internal bool CanBatch => Connection.CanCreateBatch;

    internal DbBatch CreateBatch(DbTransaction tx)
    {
        var batch = Connection.CreateBatch();
        batch.Transaction = tx;
        return batch;
    }

    internal DbCommand Command(DbTransaction? tx, string sql)
    {
        var cmd = Connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    internal static void Param(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    private void Exec(DbTransaction tx, string sql)
    {
        using var cmd = Command(tx, sql);
        cmd.ExecuteNonQuery();
    }

    internal static string? Str(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    internal static long? Long(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
    internal static int? Int(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
    internal static double? Double(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
    internal static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    internal static DateOnly? Date(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    internal static string? IsoTimestamp(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
    internal static DateTimeOffset? Timestamp(string? s) => s is null ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>Reads the 9 date columns (span start/end, text, start, end, granularity, kind, attached_by, reason) from <paramref name="i"/>.</summary>
    internal static DateAttribute? ReadDate(DbDataReader r, int i)
    {
        if (r.IsDBNull(i + 5))
        {
            return null;
        }
        TextSpan? span = r.IsDBNull(i) ? null : new TextSpan(r.GetInt32(i), r.GetInt32(i + 1));
        return new DateAttribute(span, Str(r, i + 2), Date(Str(r, i + 3)), Date(Str(r, i + 4)), r.GetString(i + 5), r.GetString(i + 6),
            r.GetString(i + 7), StoreJson.Read(Str(r, i + 8)));
    }

    private static string EscapeLike(string s) => s.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    public void Dispose()
    {
        Connection.Dispose();
        GC.SuppressFinalize(this);
    }
}
